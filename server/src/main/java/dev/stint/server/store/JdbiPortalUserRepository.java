package dev.stint.server.store;

import dev.stint.server.store.StoreException.EntityType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link PortalUserRepository} in portable SQL. Thread-safe: state lives in the database. */
final class JdbiPortalUserRepository implements PortalUserRepository {

  private static final String COLUMNS =
      "user_id, disabled, mfa_required, failed_sign_ins, locked_until_ms";

  private final Jdbi jdbi;

  JdbiPortalUserRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public PortalUser find(String userId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM portal_users WHERE user_id = :id")
                .bind("id", userId)
                .map(JdbiPortalUserRepository::state)
                .findOne()
                .orElseGet(() -> PortalUser.initial(userId)));
  }

  @Override
  public void put(PortalUser state) {
    jdbi.useTransaction(
        handle -> {
          if (Sql.count(handle, "SELECT COUNT(*) FROM users WHERE id = :id", "id", state.userId())
              == 0) {
            throw new StoreException.NoSuchEntity(EntityType.USER, state.userId());
          }
          handle
              .createUpdate(
                  "INSERT INTO portal_users ("
                      + COLUMNS
                      + ") VALUES (:id, :disabled, :mfa, :failed, :locked)"
                      + " ON CONFLICT (user_id) DO UPDATE SET disabled = excluded.disabled,"
                      + " mfa_required = excluded.mfa_required,"
                      + " failed_sign_ins = excluded.failed_sign_ins,"
                      + " locked_until_ms = excluded.locked_until_ms")
              .bind("id", state.userId())
              .bind("disabled", state.disabled() ? 1 : 0)
              .bind("mfa", state.mfaRequired() ? 1 : 0)
              .bind("failed", state.failedSignIns())
              .bind("locked", Sql.millis(state.lockedUntil()))
              .execute();
        });
  }

  @Override
  public List<PortalUser> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM portal_users ORDER BY user_id")
                .map(JdbiPortalUserRepository::state)
                .list());
  }

  private static PortalUser state(ResultSet rs, StatementContext ctx) throws SQLException {
    return new PortalUser(
        rs.getString("user_id"),
        Sql.bool(rs, "disabled"),
        Sql.bool(rs, "mfa_required"),
        rs.getInt("failed_sign_ins"),
        Sql.instant(rs, "locked_until_ms"));
  }
}
