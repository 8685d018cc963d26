package dev.stint.server.store;

import dev.stint.server.store.StoreException.EntityType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link MfaDeviceRepository} in portable SQL. Thread-safe: state lives in the database. */
final class JdbiMfaDeviceRepository implements MfaDeviceRepository {

  private static final String COLUMNS =
      "serial_number, account_id, user_id, seed_ciphertext, created_ms, enabled_ms";

  private final Jdbi jdbi;

  JdbiMfaDeviceRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void create(MfaDevice device) {
    try {
      jdbi.useTransaction(
          handle -> {
            if (Sql.count(
                    handle,
                    "SELECT COUNT(*) FROM accounts WHERE id = :id",
                    "id",
                    device.accountId())
                == 0) {
              throw new StoreException.NoSuchEntity(EntityType.ACCOUNT, device.accountId());
            }
            if (find(handle, device.serialNumber()).isPresent()) {
              throw new StoreException.EntityAlreadyExists(
                  EntityType.MFA_DEVICE, device.serialNumber());
            }
            handle
                .createUpdate(
                    "INSERT INTO mfa_devices ("
                        + COLUMNS
                        + ") VALUES (:serial, :account, :user, :seed, :created, :enabled)")
                .bind("serial", device.serialNumber())
                .bind("account", device.accountId())
                .bind("user", device.userId())
                .bind("seed", device.seedCiphertext())
                .bind("created", Sql.millis(device.created()))
                .bind("enabled", Sql.millis(device.enabled()))
                .execute();
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.MFA_DEVICE, device.serialNumber());
      }
      throw e;
    }
  }

  @Override
  public Optional<MfaDevice> find(String serialNumber) {
    return jdbi.withHandle(handle -> find(handle, serialNumber));
  }

  @Override
  public List<MfaDevice> listForUser(String userId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM mfa_devices WHERE user_id = :user ORDER BY serial_number")
                .bind("user", userId)
                .map(JdbiMfaDeviceRepository::device)
                .list());
  }

  @Override
  public List<MfaDevice> listForAccount(String accountId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM mfa_devices WHERE account_id = :account ORDER BY serial_number")
                .bind("account", accountId)
                .map(JdbiMfaDeviceRepository::device)
                .list());
  }

  @Override
  public void enable(String serialNumber, String userId, Instant enabled) {
    jdbi.useTransaction(
        handle -> {
          MfaDevice device =
              find(handle, serialNumber)
                  .orElseThrow(
                      () -> new StoreException.NoSuchEntity(EntityType.MFA_DEVICE, serialNumber));
          if (device.userId() != null) {
            throw new StoreException.EntityAlreadyExists(EntityType.MFA_DEVICE, serialNumber);
          }
          if (Sql.count(handle, "SELECT COUNT(*) FROM users WHERE id = :id", "id", userId) == 0) {
            throw new StoreException.NoSuchEntity(EntityType.USER, userId);
          }
          handle
              .createUpdate(
                  "UPDATE mfa_devices SET user_id = :user, enabled_ms = :enabled"
                      + " WHERE serial_number = :serial")
              .bind("user", userId)
              .bind("enabled", Sql.millis(Checks.millis(enabled, "enabled")))
              .bind("serial", serialNumber)
              .execute();
        });
  }

  @Override
  public void deactivate(String serialNumber) {
    int updated =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE mfa_devices SET user_id = NULL, enabled_ms = NULL"
                            + " WHERE serial_number = :serial")
                    .bind("serial", serialNumber)
                    .execute());
    if (updated == 0) {
      throw new StoreException.NoSuchEntity(EntityType.MFA_DEVICE, serialNumber);
    }
  }

  @Override
  public void delete(String serialNumber) {
    int deleted =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate("DELETE FROM mfa_devices WHERE serial_number = :serial")
                    .bind("serial", serialNumber)
                    .execute());
    if (deleted == 0) {
      throw new StoreException.NoSuchEntity(EntityType.MFA_DEVICE, serialNumber);
    }
  }

  private static Optional<MfaDevice> find(Handle handle, String serialNumber) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM mfa_devices WHERE serial_number = :serial")
        .bind("serial", serialNumber)
        .map(JdbiMfaDeviceRepository::device)
        .findOne();
  }

  private static MfaDevice device(ResultSet rs, StatementContext ctx) throws SQLException {
    return new MfaDevice(
        rs.getString("serial_number"),
        rs.getString("account_id"),
        rs.getString("user_id"),
        rs.getBytes("seed_ciphertext"),
        Sql.instant(rs, "created_ms"),
        Sql.instant(rs, "enabled_ms"));
  }
}
