package dev.stint.server.store;

import dev.stint.server.store.StoreException.EntityType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link AccessKeyRepository} in portable SQL. Thread-safe: state lives in the database. */
final class JdbiAccessKeyRepository implements AccessKeyRepository {

  private static final String COLUMNS =
      "id, user_id, status, secret_ciphertext, created_ms, last_used_ms, last_used_service,"
          + " last_used_region";

  private final Jdbi jdbi;

  JdbiAccessKeyRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void create(AccessKey key) {
    try {
      jdbi.useTransaction(
          handle -> {
            if (Sql.count(handle, "SELECT COUNT(*) FROM users WHERE id = :id", "id", key.userId())
                == 0) {
              throw new StoreException.NoSuchEntity(EntityType.USER, key.userId());
            }
            if (Sql.count(handle, "SELECT COUNT(*) FROM access_keys WHERE id = :id", "id", key.id())
                > 0) {
              throw new StoreException.EntityAlreadyExists(EntityType.ACCESS_KEY, key.id());
            }
            AccessKey.LastUsed lastUsed = key.lastUsed();
            handle
                .createUpdate(
                    "INSERT INTO access_keys ("
                        + COLUMNS
                        + ") VALUES (:id, :user, :status,"
                        + " :secret, :created, :lastUsed, :lastService, :lastRegion)")
                .bind("id", key.id())
                .bind("user", key.userId())
                .bind("status", key.status().wire())
                .bind("secret", key.secretCiphertext())
                .bind("created", Sql.millis(key.created()))
                .bind("lastUsed", lastUsed == null ? null : Sql.millis(lastUsed.time()))
                .bind("lastService", lastUsed == null ? null : lastUsed.service())
                .bind("lastRegion", lastUsed == null ? null : lastUsed.region())
                .execute();
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.ACCESS_KEY, key.id());
      }
      throw e;
    }
  }

  @Override
  public Optional<AccessKey> find(String accessKeyId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM access_keys WHERE id = :id")
                .bind("id", accessKeyId)
                .map(JdbiAccessKeyRepository::accessKey)
                .findOne());
  }

  @Override
  public List<AccessKey> listForUser(String userId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM access_keys WHERE user_id = :user ORDER BY created_ms, id")
                .bind("user", userId)
                .map(JdbiAccessKeyRepository::accessKey)
                .list());
  }

  @Override
  public void updateStatus(String accessKeyId, AccessKey.Status status) {
    int updated =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate("UPDATE access_keys SET status = :status WHERE id = :id")
                    .bind("status", status.wire())
                    .bind("id", accessKeyId)
                    .execute());
    requireOne(updated, accessKeyId);
  }

  @Override
  public void recordUse(String accessKeyId, AccessKey.LastUsed lastUsed) {
    int updated =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE access_keys SET last_used_ms = :time, last_used_service = :service,"
                            + " last_used_region = :region WHERE id = :id")
                    .bind("time", Sql.millis(lastUsed.time()))
                    .bind("service", lastUsed.service())
                    .bind("region", lastUsed.region())
                    .bind("id", accessKeyId)
                    .execute());
    requireOne(updated, accessKeyId);
  }

  @Override
  public void delete(String accessKeyId) {
    int deleted =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate("DELETE FROM access_keys WHERE id = :id")
                    .bind("id", accessKeyId)
                    .execute());
    requireOne(deleted, accessKeyId);
  }

  private static void requireOne(int rows, String accessKeyId) {
    if (rows == 0) {
      throw new StoreException.NoSuchEntity(EntityType.ACCESS_KEY, accessKeyId);
    }
  }

  private static AccessKey accessKey(ResultSet rs, StatementContext ctx) throws SQLException {
    Instant lastUsed = Sql.instant(rs, "last_used_ms");
    return new AccessKey(
        rs.getString("id"),
        rs.getString("user_id"),
        AccessKey.Status.fromWire(rs.getString("status")),
        rs.getBytes("secret_ciphertext"),
        Sql.instant(rs, "created_ms"),
        lastUsed == null
            ? null
            : new AccessKey.LastUsed(
                lastUsed, rs.getString("last_used_service"), rs.getString("last_used_region")));
  }
}
