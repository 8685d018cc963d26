package dev.stint.server.store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/** Fresh databases for the contract tests: a SQLite file, or a throw-away PostgreSQL database. */
final class TestDatabases {

  static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private static final String POSTGRES_USER = "postgres";

  /** Child tables before parents, so deleting in this order respects every foreign key. */
  private static final List<String> TABLES =
      List.of(
          "oidc_tokens",
          "authorization_codes",
          "device_authorizations",
          "oidc_clients",
          "portal_sessions",
          "provisioned_roles",
          "assignments",
          "permission_set_policies",
          "permission_sets",
          "group_members",
          "portal_groups",
          "portal_users",
          "settings",
          "create_account_requests",
          "policy_attachments",
          "managed_policies",
          "user_policies",
          "role_policies",
          "role_tags",
          "roles",
          "user_tags",
          "login_profiles",
          "access_keys",
          "mfa_devices",
          "users",
          "accounts",
          "audit_events",
          "token_keys",
          "revocations");

  private TestDatabases() {}

  /** An open database and whatever must happen after it closes. */
  record Opened(Database database, Runnable cleanup) implements AutoCloseable {
    @Override
    public void close() {
      database.close();
      cleanup.run();
    }
  }

  static Opened sqlite(Path directory) {
    return new Opened(Database.open(DatabaseConfig.dataDirectory(directory)), () -> {});
  }

  /**
   * Creates {@code stint_t_<random>} through the {@code postgres} database and opens it; closing
   * drops it. Fails, never skips, when PostgreSQL is not there: CI starts it.
   */
  static Opened postgres() {
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    String name = "stint_t_" + HexFormat.of().formatHex(random);
    admin("CREATE DATABASE " + name);
    Database database =
        Database.open(
            new DatabaseConfig.JdbcUrl(
                "jdbc:postgresql://127.0.0.1:5432/" + name, POSTGRES_USER, null, 4));
    return new Opened(database, () -> admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
  }

  /** Empties every table, so tests sharing one database per class start from nothing. */
  static void truncate(Database database) {
    database
        .jdbi()
        .useTransaction(
            handle -> {
              for (String table : TABLES) {
                handle.execute("DELETE FROM " + table);
              }
            });
  }

  private static void admin(String sql) {
    try (Connection connection =
            DriverManager.getConnection(POSTGRES_ADMIN_URL, POSTGRES_USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL must be reachable at "
              + POSTGRES_ADMIN_URL
              + " as user postgres with trust authentication (CI installs and starts it): "
              + e.getMessage(),
          e);
    }
  }
}
