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

/** {@link TokenKeyRepository} in portable SQL. Thread-safe: state lives in the database. */
final class JdbiTokenKeyRepository implements TokenKeyRepository {

  private static final String COLUMNS = "key_id, wrapped_key, created_ms, retire_after_ms";

  private final Jdbi jdbi;

  JdbiTokenKeyRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void add(TokenKey key) {
    try {
      jdbi.useHandle(
          handle ->
              handle
                  .createUpdate(
                      "INSERT INTO token_keys ("
                          + COLUMNS
                          + ") VALUES (:id, :wrapped, :created, :retireAfter)")
                  .bind("id", key.keyId())
                  .bind("wrapped", key.wrappedKey())
                  .bind("created", Sql.millis(key.created()))
                  .bind("retireAfter", Sql.millis(key.retireAfter()))
                  .execute());
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.TOKEN_KEY, key.keyId());
      }
      throw e;
    }
  }

  @Override
  public Optional<TokenKey> find(String keyId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM token_keys WHERE key_id = :id")
                .bind("id", keyId)
                .map(JdbiTokenKeyRepository::key)
                .findOne());
  }

  @Override
  public List<TokenKey> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM token_keys ORDER BY created_ms, key_id")
                .map(JdbiTokenKeyRepository::key)
                .list());
  }

  @Override
  public void retireAfter(String keyId, Instant retireAfter) {
    Instant at = Checks.millis(retireAfter, "retireAfter");
    int updated =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE token_keys SET retire_after_ms = :retireAfter WHERE key_id = :id")
                    .bind("retireAfter", Sql.millis(at))
                    .bind("id", keyId)
                    .execute());
    if (updated == 0) {
      throw new StoreException.NoSuchEntity(EntityType.TOKEN_KEY, keyId);
    }
  }

  @Override
  public int deleteRetired(Instant now) {
    Instant at = Checks.millis(now, "now");
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "DELETE FROM token_keys"
                        + " WHERE retire_after_ms IS NOT NULL AND retire_after_ms < :now")
                .bind("now", Sql.millis(at))
                .execute());
  }

  private static TokenKey key(ResultSet rs, StatementContext ctx) throws SQLException {
    return new TokenKey(
        rs.getString("key_id"),
        rs.getBytes("wrapped_key"),
        Sql.instant(rs, "created_ms"),
        Sql.instant(rs, "retire_after_ms"));
  }
}
