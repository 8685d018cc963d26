package dev.stint.server.store;

import dev.stint.server.store.StoreException.EntityType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link PortalSessionRepository} in portable SQL. Thread-safe: state lives in the database. */
final class JdbiPortalSessionRepository implements PortalSessionRepository {

  private static final String COLUMNS =
      "id_hash, user_id, stage, created_ms, expires_ms, signed_out_ms, mfa_ms";

  private final Jdbi jdbi;

  JdbiPortalSessionRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void create(PortalSession s) {
    try {
      jdbi.useTransaction(
          handle -> {
            if (Sql.count(handle, "SELECT COUNT(*) FROM users WHERE id = :id", "id", s.userId())
                == 0) {
              throw new StoreException.NoSuchEntity(EntityType.USER, s.userId());
            }
            handle
                .createUpdate(
                    "INSERT INTO portal_sessions ("
                        + COLUMNS
                        + ") VALUES (:hash, :user, :stage, :created, :expires, :signedOut, :mfa)")
                .bind("hash", s.idHash())
                .bind("user", s.userId())
                .bind("stage", s.stage().name().toLowerCase(Locale.ROOT))
                .bind("created", Sql.millis(s.created()))
                .bind("expires", Sql.millis(s.expires()))
                .bind("signedOut", Sql.millis(s.signedOut()))
                .bind("mfa", Sql.millis(s.mfaAuthenticated()))
                .execute();
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.PORTAL_SESSION, "(hidden)");
      }
      throw e;
    }
  }

  @Override
  public Optional<PortalSession> find(String idHash) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM portal_sessions WHERE id_hash = :hash")
                .bind("hash", idHash)
                .map(JdbiPortalSessionRepository::session)
                .findOne());
  }

  @Override
  public boolean delete(String idHash) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate("DELETE FROM portal_sessions WHERE id_hash = :hash")
                    .bind("hash", idHash)
                    .execute())
        > 0;
  }

  @Override
  public boolean signOut(String idHash, Instant at) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE portal_sessions SET signed_out_ms = :at"
                            + " WHERE id_hash = :hash AND signed_out_ms IS NULL")
                    .bind("hash", idHash)
                    .bind("at", Sql.millis(at))
                    .execute())
        > 0;
  }

  @Override
  public int signOutUser(String userId, Instant at) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE portal_sessions SET signed_out_ms = :at"
                        + " WHERE user_id = :user AND signed_out_ms IS NULL")
                .bind("user", userId)
                .bind("at", Sql.millis(at))
                .execute());
  }

  @Override
  public int deleteExpiredBefore(Instant before) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate("DELETE FROM portal_sessions WHERE expires_ms < :before")
                .bind("before", Sql.millis(before))
                .execute());
  }

  private static PortalSession session(ResultSet rs, StatementContext ctx) throws SQLException {
    return new PortalSession(
        rs.getString("id_hash"),
        rs.getString("user_id"),
        PortalSession.Stage.valueOf(rs.getString("stage").toUpperCase(Locale.ROOT)),
        Sql.instant(rs, "created_ms"),
        Sql.instant(rs, "expires_ms"),
        Sql.instant(rs, "signed_out_ms"),
        Sql.instant(rs, "mfa_ms"));
  }
}
