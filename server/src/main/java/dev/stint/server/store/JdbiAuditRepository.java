package dev.stint.server.store;

import dev.stint.server.store.StoreException.EntityType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@link AuditRepository} in portable SQL. Thread-safe: state lives in the database. Each append
 * (of one event or a batch) is one transaction, durable when the method returns.
 */
final class JdbiAuditRepository implements AuditRepository {

  private static final String COLUMNS =
      "id, event_ms, request_id, actor, action, target, source_ip, session_id, expiry_ms, outcome,"
          + " details";

  private final Jdbi jdbi;

  JdbiAuditRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void append(AuditEvent event) {
    appendAll(List.of(event));
  }

  @Override
  public void appendAll(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    try {
      jdbi.useTransaction(
          handle -> {
            PreparedBatch batch =
                handle.prepareBatch(
                    "INSERT INTO audit_events ("
                        + COLUMNS
                        + ") VALUES (:id, :time, :request, :actor, :action, :target, :ip,"
                        + " :session, :expiry, :outcome, :details)");
            for (AuditEvent event : events) {
              batch
                  .bind("id", event.id())
                  .bind("time", Sql.millis(event.time()))
                  .bind("request", event.requestId())
                  .bind("actor", event.actor())
                  .bind("action", event.action())
                  .bind("target", event.target())
                  .bind("ip", event.sourceIp())
                  .bind("session", event.sessionId())
                  .bind("expiry", Sql.millis(event.expiry()))
                  .bind("outcome", event.outcome().name())
                  .bind("details", event.details())
                  .add();
            }
            batch.execute();
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(
            EntityType.AUDIT_EVENT, events.size() == 1 ? events.get(0).id() : "batch");
      }
      throw e;
    }
  }

  @Override
  public List<AuditEvent> query(AuditQuery query) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(COLUMNS)
            .append(" FROM audit_events WHERE event_ms >= :from AND event_ms < :to");
    if (query.actor() != null) {
      sql.append(" AND actor = :actor");
    }
    if (query.action() != null) {
      sql.append(" AND action = :action");
    }
    sql.append(" ORDER BY event_ms DESC, id DESC LIMIT :limit");
    return jdbi.withHandle(
        handle -> {
          Query statement =
              handle
                  .createQuery(sql.toString())
                  .bind("from", Sql.millis(query.from()))
                  .bind("to", Sql.millis(query.to()))
                  .bind("limit", query.limit());
          if (query.actor() != null) {
            statement.bind("actor", query.actor());
          }
          if (query.action() != null) {
            statement.bind("action", query.action());
          }
          return statement.map(JdbiAuditRepository::event).list();
        });
  }

  private static AuditEvent event(ResultSet rs, StatementContext ctx) throws SQLException {
    return new AuditEvent(
        rs.getString("id"),
        Sql.instant(rs, "event_ms"),
        rs.getString("request_id"),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("target"),
        rs.getString("source_ip"),
        rs.getString("session_id"),
        Sql.instant(rs, "expiry_ms"),
        AuditEvent.Outcome.valueOf(rs.getString("outcome")),
        rs.getString("details"));
  }
}
