package dev.stint.server.store;

import dev.stint.server.store.StoreException.EntityType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@link OidcRepository} in portable SQL. Lists are stored as text: scopes and grant types joined
 * by spaces (they cannot contain one), redirect URIs by line breaks. Thread-safe: state lives in
 * the database.
 */
final class JdbiOidcRepository implements OidcRepository {

  private static final String CLIENT_COLUMNS =
      "id, secret_hash, name, client_type, scopes, grant_types, redirect_uris, issuer_url,"
          + " created_ms, expires_ms";
  private static final String DEVICE_COLUMNS =
      "device_code_hash, user_code, client_id, start_url, created_ms, expires_ms,"
          + " interval_seconds, last_poll_ms, status, user_id, session_hash";
  private static final String CODE_COLUMNS =
      "code_hash, client_id, user_id, session_hash, redirect_uri, code_challenge, scopes,"
          + " created_ms, expires_ms, used_ms";
  private static final String TOKEN_COLUMNS =
      "token_hash, kind, grant_id, client_id, user_id, session_hash, scopes, created_ms,"
          + " expires_ms, revoked_ms";

  private final Jdbi jdbi;

  JdbiOidcRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  // ---- clients

  @Override
  public void createClient(OidcClient c) {
    insert(
        EntityType.OIDC_CLIENT,
        c.id(),
        handle ->
            handle
                .createUpdate(
                    "INSERT INTO oidc_clients ("
                        + CLIENT_COLUMNS
                        + ") VALUES (:id, :secret, :name, :type, :scopes, :grants, :uris,"
                        + " :issuer, :created, :expires)")
                .bind("id", c.id())
                .bind("secret", c.secretHash())
                .bind("name", c.name())
                .bind("type", c.clientType())
                .bind("scopes", String.join(" ", c.scopes()))
                .bind("grants", String.join(" ", c.grantTypes()))
                .bind("uris", String.join("\n", c.redirectUris()))
                .bind("issuer", c.issuerUrl())
                .bind("created", Sql.millis(c.created()))
                .bind("expires", Sql.millis(c.expires()))
                .execute());
  }

  @Override
  public Optional<OidcClient> findClient(String clientId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + CLIENT_COLUMNS + " FROM oidc_clients WHERE id = :id")
                .bind("id", clientId)
                .map(JdbiOidcRepository::client)
                .findOne());
  }

  // ---- device authorizations

  @Override
  public void createDevice(DeviceAuthorization d) {
    insert(
        EntityType.DEVICE_AUTHORIZATION,
        d.userCode(),
        handle -> {
          requireClient(handle, d.clientId());
          return handle
              .createUpdate(
                  "INSERT INTO device_authorizations ("
                      + DEVICE_COLUMNS
                      + ") VALUES (:hash, :userCode, :client, :startUrl, :created, :expires,"
                      + " :interval, :lastPoll, :status, :user, :session)")
              .bind("hash", d.deviceCodeHash())
              .bind("userCode", d.userCode())
              .bind("client", d.clientId())
              .bind("startUrl", d.startUrl())
              .bind("created", Sql.millis(d.created()))
              .bind("expires", Sql.millis(d.expires()))
              .bind("interval", d.intervalSeconds())
              .bind("lastPoll", Sql.millis(d.lastPoll()))
              .bind("status", d.status().name().toLowerCase(Locale.ROOT))
              .bind("user", d.userId())
              .bind("session", d.sessionHash())
              .execute();
        });
  }

  @Override
  public Optional<DeviceAuthorization> findDevice(String deviceCodeHash) {
    return jdbi.withHandle(handle -> findDevice(handle, "device_code_hash", deviceCodeHash));
  }

  @Override
  public Optional<DeviceAuthorization> findDeviceByUserCode(String userCode) {
    return jdbi.withHandle(handle -> findDevice(handle, "user_code", userCode));
  }

  @Override
  public Optional<DeviceAuthorization> poll(String deviceCodeHash, Instant now) {
    return jdbi.inTransaction(
        handle -> {
          Optional<DeviceAuthorization> before =
              findDevice(handle, "device_code_hash", deviceCodeHash);
          if (before.isPresent()) {
            handle
                .createUpdate(
                    "UPDATE device_authorizations SET last_poll_ms = :now"
                        + " WHERE device_code_hash = :hash")
                .bind("now", Sql.millis(now))
                .bind("hash", deviceCodeHash)
                .execute();
          }
          return before;
        });
  }

  @Override
  public boolean decide(
      String userCode,
      DeviceAuthorization.Status status,
      String userId,
      String sessionHash,
      Instant now) {
    if (status != DeviceAuthorization.Status.APPROVED
        && status != DeviceAuthorization.Status.DENIED) {
      throw new IllegalArgumentException("a decision is APPROVED or DENIED, not " + status);
    }
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE device_authorizations SET status = :status, user_id = :user,"
                            + " session_hash = :session WHERE user_code = :code"
                            + " AND status = 'pending' AND expires_ms > :now")
                    .bind("status", status.name().toLowerCase(Locale.ROOT))
                    .bind("user", userId)
                    .bind("session", sessionHash)
                    .bind("code", userCode)
                    .bind("now", Sql.millis(now))
                    .execute())
        > 0;
  }

  @Override
  public boolean slowDown(String deviceCodeHash, int seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException("slow down by " + seconds + " seconds");
    }
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE device_authorizations SET interval_seconds = interval_seconds +"
                            + " :seconds WHERE device_code_hash = :hash AND status = 'pending'")
                    .bind("seconds", seconds)
                    .bind("hash", deviceCodeHash)
                    .execute())
        > 0;
  }

  @Override
  public boolean redeem(String deviceCodeHash) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE device_authorizations SET status = 'redeemed'"
                            + " WHERE device_code_hash = :hash AND status = 'approved'")
                    .bind("hash", deviceCodeHash)
                    .execute())
        > 0;
  }

  // ---- authorization codes

  @Override
  public void createCode(AuthorizationCode c) {
    insert(
        EntityType.AUTHORIZATION_CODE,
        "(hidden)",
        handle -> {
          requireClient(handle, c.clientId());
          requireUser(handle, c.userId());
          return handle
              .createUpdate(
                  "INSERT INTO authorization_codes ("
                      + CODE_COLUMNS
                      + ") VALUES (:hash, :client, :user, :session, :redirect, :challenge,"
                      + " :scopes, :created, :expires, :used)")
              .bind("hash", c.codeHash())
              .bind("client", c.clientId())
              .bind("user", c.userId())
              .bind("session", c.sessionHash())
              .bind("redirect", c.redirectUri())
              .bind("challenge", c.codeChallenge())
              .bind("scopes", String.join(" ", c.scopes()))
              .bind("created", Sql.millis(c.created()))
              .bind("expires", Sql.millis(c.expires()))
              .bind("used", Sql.millis(c.used()))
              .execute();
        });
  }

  @Override
  public Optional<AuthorizationCode> findCode(String codeHash) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT " + CODE_COLUMNS + " FROM authorization_codes WHERE code_hash = :hash")
                .bind("hash", codeHash)
                .map(JdbiOidcRepository::code)
                .findOne());
  }

  @Override
  public boolean useCode(String codeHash, Instant now) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE authorization_codes SET used_ms = :now"
                            + " WHERE code_hash = :hash AND used_ms IS NULL")
                    .bind("now", Sql.millis(now))
                    .bind("hash", codeHash)
                    .execute())
        > 0;
  }

  // ---- tokens

  @Override
  public void createToken(OidcToken t) {
    insert(
        EntityType.OIDC_TOKEN,
        "(hidden)",
        handle -> {
          requireUser(handle, t.userId());
          return handle
              .createUpdate(
                  "INSERT INTO oidc_tokens ("
                      + TOKEN_COLUMNS
                      + ") VALUES (:hash, :kind, :grant, :client, :user, :session, :scopes,"
                      + " :created, :expires, :revoked)")
              .bind("hash", t.tokenHash())
              .bind("kind", t.kind().name().toLowerCase(Locale.ROOT))
              .bind("grant", t.grantId())
              .bind("client", t.clientId())
              .bind("user", t.userId())
              .bind("session", t.sessionHash())
              .bind("scopes", String.join(" ", t.scopes()))
              .bind("created", Sql.millis(t.created()))
              .bind("expires", Sql.millis(t.expires()))
              .bind("revoked", Sql.millis(t.revoked()))
              .execute();
        });
  }

  @Override
  public Optional<OidcToken> findToken(String tokenHash) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT " + TOKEN_COLUMNS + " FROM oidc_tokens WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map(JdbiOidcRepository::token)
                .findOne());
  }

  @Override
  public boolean revokeToken(String tokenHash, Instant at) {
    return revoke("token_hash", tokenHash, at) > 0;
  }

  @Override
  public int revokeGrant(String grantId, Instant at) {
    return revoke("grant_id", grantId, at);
  }

  @Override
  public int revokeSession(String sessionHash, Instant at) {
    return revoke("session_hash", sessionHash, at);
  }

  @Override
  public int revokeUser(String userId, Instant at) {
    return revoke("user_id", userId, at);
  }

  /** {@code column} is a constant of this class, never input. */
  private int revoke(String column, String value, Instant at) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE oidc_tokens SET revoked_ms = :at WHERE "
                        + column
                        + " = :v AND revoked_ms IS NULL")
                .bind("at", Sql.millis(at))
                .bind("v", value)
                .execute());
  }

  @Override
  public int deleteExpiredBefore(Instant before) {
    Long ms = Sql.millis(before);
    return jdbi.inTransaction(
        handle -> {
          int rows = 0;
          for (String table :
              List.of("oidc_tokens", "authorization_codes", "device_authorizations")) {
            rows +=
                handle
                    .createUpdate("DELETE FROM " + table + " WHERE expires_ms < :before")
                    .bind("before", ms)
                    .execute();
          }
          for (String table : List.of("authorization_codes", "device_authorizations")) {
            rows +=
                handle
                    .createUpdate(
                        "DELETE FROM "
                            + table
                            + " WHERE client_id IN (SELECT id FROM oidc_clients"
                            + " WHERE expires_ms < :before)")
                    .bind("before", ms)
                    .execute();
          }
          rows +=
              handle
                  .createUpdate("DELETE FROM oidc_clients WHERE expires_ms < :before")
                  .bind("before", ms)
                  .execute();
          return rows;
        });
  }

  // ---- helpers

  @FunctionalInterface
  private interface Insert {
    int run(Handle handle);
  }

  private void insert(EntityType type, String name, Insert insert) {
    try {
      jdbi.useTransaction(handle -> insert.run(handle));
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(type, name);
      }
      throw e;
    }
  }

  private static void requireClient(Handle handle, String clientId) {
    if (Sql.count(handle, "SELECT COUNT(*) FROM oidc_clients WHERE id = :id", "id", clientId)
        == 0) {
      throw new StoreException.NoSuchEntity(EntityType.OIDC_CLIENT, clientId);
    }
  }

  private static void requireUser(Handle handle, String userId) {
    if (Sql.count(handle, "SELECT COUNT(*) FROM users WHERE id = :id", "id", userId) == 0) {
      throw new StoreException.NoSuchEntity(EntityType.USER, userId);
    }
  }

  /** {@code column} is a constant of this class, never input. */
  private static Optional<DeviceAuthorization> findDevice(
      Handle handle, String column, String value) {
    return handle
        .createQuery(
            "SELECT " + DEVICE_COLUMNS + " FROM device_authorizations WHERE " + column + " = :v")
        .bind("v", value)
        .map(JdbiOidcRepository::device)
        .findOne();
  }

  private static List<String> split(String text, String separator) {
    return text.isEmpty() ? List.of() : Arrays.asList(text.split(separator, -1));
  }

  private static OidcClient client(ResultSet rs, StatementContext ctx) throws SQLException {
    return new OidcClient(
        rs.getString("id"),
        rs.getString("secret_hash"),
        rs.getString("name"),
        rs.getString("client_type"),
        split(rs.getString("scopes"), " "),
        split(rs.getString("grant_types"), " "),
        split(rs.getString("redirect_uris"), "\n"),
        rs.getString("issuer_url"),
        Sql.instant(rs, "created_ms"),
        Sql.instant(rs, "expires_ms"));
  }

  private static DeviceAuthorization device(ResultSet rs, StatementContext ctx)
      throws SQLException {
    return new DeviceAuthorization(
        rs.getString("device_code_hash"),
        rs.getString("user_code"),
        rs.getString("client_id"),
        rs.getString("start_url"),
        Sql.instant(rs, "created_ms"),
        Sql.instant(rs, "expires_ms"),
        rs.getInt("interval_seconds"),
        Sql.instant(rs, "last_poll_ms"),
        DeviceAuthorization.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
        rs.getString("user_id"),
        rs.getString("session_hash"));
  }

  private static AuthorizationCode code(ResultSet rs, StatementContext ctx) throws SQLException {
    return new AuthorizationCode(
        rs.getString("code_hash"),
        rs.getString("client_id"),
        rs.getString("user_id"),
        rs.getString("session_hash"),
        rs.getString("redirect_uri"),
        rs.getString("code_challenge"),
        split(rs.getString("scopes"), " "),
        Sql.instant(rs, "created_ms"),
        Sql.instant(rs, "expires_ms"),
        Sql.instant(rs, "used_ms"));
  }

  private static OidcToken token(ResultSet rs, StatementContext ctx) throws SQLException {
    return new OidcToken(
        rs.getString("token_hash"),
        OidcToken.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
        rs.getString("grant_id"),
        rs.getString("client_id"),
        rs.getString("user_id"),
        rs.getString("session_hash"),
        split(rs.getString("scopes"), " "),
        Sql.instant(rs, "created_ms"),
        Sql.instant(rs, "expires_ms"),
        Sql.instant(rs, "revoked_ms"));
  }
}
