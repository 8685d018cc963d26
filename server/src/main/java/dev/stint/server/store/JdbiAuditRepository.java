package dev.stint.server.store;

import dev.stint.server.store.StoreException.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
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

  // Rows per INSERT statement when there are that many to write: one statement for many rows opens
  // the table's and its indexes' cursors once, where a statement per row opened them each time
  // (10% of SQLite's cost per row in the audit copier).
  static final int ROWS_PER_STATEMENT = 32;
  private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final int ROW_PARAMETERS = 11;

  // SQLite (3.24+) and PostgreSQL both read this upsert clause.
  private static final String IF_NEW = " ON CONFLICT (id) DO NOTHING";

  /** The statements for a row at a time and for {@link #ROWS_PER_STATEMENT} at a time. */
  private record Inserts(String one, String many) {
    static Inserts of(String suffix) {
      String insert = "INSERT INTO audit_events (" + COLUMNS + ") VALUES ";
      return new Inserts(
          insert + ROW + suffix,
          insert + String.join(", ", Collections.nCopies(ROWS_PER_STATEMENT, ROW)) + suffix);
    }
  }

  private static final Inserts INSERT = Inserts.of("");
  private static final Inserts INSERT_NEW = Inserts.of(IF_NEW);

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
   * JDBC batches bound by hand, one per list of events: the audit writer commits every issuance,
   * and Jdbi's per-batch configuration copies and per-value argument lookups were most of its work.
   * Each list goes in statements of {@link #ROWS_PER_STATEMENT} rows, and what is left a row at a
   * time.
   */
  private static void insert(
      Connection connection, Inserts sql, Iterator<List<AuditEvent>> batches) {
    try (PreparedStatement many = connection.prepareStatement(sql.many());
        PreparedStatement one = connection.prepareStatement(sql.one())) {
      while (batches.hasNext()) {
        List<AuditEvent> events = batches.next();
        int whole = events.size() - events.size() % ROWS_PER_STATEMENT;
        for (int start = 0; start < whole; start += ROWS_PER_STATEMENT) {
          for (int row = 0; row < ROWS_PER_STATEMENT; row++) {
            bind(many, row * ROW_PARAMETERS, events.get(start + row));
          }
          many.addBatch();
        }
        for (AuditEvent event : events.subList(whole, events.size())) {
          bind(one, 0, event);
          one.addBatch();
        }
        if (whole > 0) {
          many.executeBatch();
        }
        if (whole < events.size()) {
          one.executeBatch();
        }
      }
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(e, null);
    }
  }

  private static void bind(PreparedStatement insert, int offset, AuditEvent event)
      throws SQLException {
    insert.setString(offset + 1, event.id());
    insert.setLong(offset + 2, event.time().toEpochMilli());
    insert.setString(offset + 3, event.requestId());
    insert.setString(offset + 4, event.actor());
    insert.setString(offset + 5, event.action());
    insert.setString(offset + 6, event.target());
    insert.setString(offset + 7, event.sourceIp());
    insert.setString(offset + 8, event.sessionId());
    insert.setObject(offset + 9, Sql.millis(event.expiry()), Types.BIGINT);
    insert.setString(offset + 10, event.outcome().name());
    insert.setString(offset + 11, event.details());
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
