package dev.stint.server.store;

import dev.stint.server.store.StoreException.EntityType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link RevocationRepository} in portable SQL. Thread-safe: state lives in the database. */
final class JdbiRevocationRepository implements RevocationRepository {

  private static final String COLUMNS =
      "id, session_id, principal_arn, issued_before_ms, created_ms";

  private final Jdbi jdbi;

  JdbiRevocationRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void add(Revocation revocation) {
    try {
      jdbi.useHandle(
          handle ->
              handle
                  .createUpdate(
                      "INSERT INTO revocations ("
                          + COLUMNS
                          + ") VALUES (:id, :session, :principal, :issuedBefore, :created)")
                  .bind("id", revocation.id())
                  .bind("session", revocation.sessionId())
                  .bind("principal", revocation.principalArn())
                  .bind("issuedBefore", Sql.millis(revocation.issuedBefore()))
                  .bind("created", Sql.millis(revocation.created()))
                  .execute());
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.REVOCATION, revocation.id());
      }
      throw e;
    }
  }

  @Override
  public List<Revocation> listSince(Instant since) {
    Instant from = Checks.millis(since, "since");
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM revocations WHERE created_ms >= :since ORDER BY created_ms, id")
                .bind("since", Sql.millis(from))
                .map(JdbiRevocationRepository::revocation)
                .list());
  }

  @Override
  public int deleteCreatedBefore(Instant before) {
    Instant at = Checks.millis(before, "before");
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate("DELETE FROM revocations WHERE created_ms < :before")
                .bind("before", Sql.millis(at))
                .execute());
  }

  private static Revocation revocation(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Revocation(
        rs.getString("id"),
        rs.getString("session_id"),
        rs.getString("principal_arn"),
        Sql.instant(rs, "issued_before_ms"),
        Sql.instant(rs, "created_ms"));
  }
}
