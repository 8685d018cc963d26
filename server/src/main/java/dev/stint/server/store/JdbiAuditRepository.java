package dev.stint.server.store;

import dev.stint.server.store.StoreException.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Iterator;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
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

  private static final String INSERT =
      "INSERT INTO audit_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  // SQLite (3.24+) and PostgreSQL both read this upsert clause.
  private static final String INSERT_NEW = INSERT + " ON CONFLICT (id) DO NOTHING";

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
          handle -> insert(handle.getConnection(), INSERT, List.of(events).iterator()));
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(
            EntityType.AUDIT_EVENT, events.size() == 1 ? events.get(0).id() : "batch");
      }
      throw e;
    }
  }

  /**
   * One JDBC batch, bound by hand: the audit writer commits every issuance, and Jdbi's per-batch
   * configuration copies and per-value argument lookups were most of its work.
   */
  private static void insert(
      Connection connection, String sql, Iterator<List<AuditEvent>> batches) {
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      while (batches.hasNext()) {
        insert(insert, batches.next());
      }
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(e, null);
    }
  }

  private static void insert(PreparedStatement insert, List<AuditEvent> events)
      throws SQLException {
    for (AuditEvent event : events) {
      insert.setString(1, event.id());
      insert.setLong(2, event.time().toEpochMilli());
      insert.setString(3, event.requestId());
      insert.setString(4, event.actor());
      insert.setString(5, event.action());
      insert.setString(6, event.target());
      insert.setString(7, event.sourceIp());
      insert.setString(8, event.sessionId());
      insert.setObject(9, Sql.millis(event.expiry()), Types.BIGINT);
      insert.setString(10, event.outcome().name());
      insert.setString(11, event.details());
      insert.addBatch();
    }
    insert.executeBatch();
  }

  @Override
  public void copy(Iterator<List<AuditEvent>> batches) {
    if (batches.hasNext()) {
      jdbi.useTransaction(handle -> insert(handle.getConnection(), INSERT_NEW, batches));
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
