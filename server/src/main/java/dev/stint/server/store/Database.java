package dev.stint.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.stint.core.internal.files.OwnerOnly;
import dev.stint.server.store.DatabaseConfig.Backend;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open store: a connection pool, the schema migrated to the newest version, and one repository
 * per aggregate. Open it once at startup with {@link #open}, share it, {@link #close} it at
 * shutdown. Thread-safe.
 *
 * <p>SQLite runs with one pooled connection. SQLite admits one writer at a time; with several
 * connections, a transaction that reads and then writes can fail with {@code SQLITE_BUSY} at the
 * moment it upgrades its lock, which the busy timeout does not cover. One connection serialises
 * every statement in this process instead, which costs nothing that matters: the hot path reads
 * caches, not the database. The busy timeout still guards against another process (an admin
 * command) holding the file. WAL journal mode with {@code synchronous=FULL} makes a commit durable
 * before the call returns, so an audit record written before a response survives a kill.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;
  private static final long CONNECTION_TIMEOUT_MILLIS = 10_000;

  /**
   * The version of the newest migration under {@code db/migration}; {@code DatabaseTest} holds it
   * to the files. A store already at this version skips Flyway, whose start (loading, scanning the
   * migrations, validating their checksums) was a third of the server's time to ready.
   */
  static final int SCHEMA_VERSION = 3;

  private final Backend backend;
  private final String displayUrl;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final AccountRepository accounts;
  private final UserRepository users;
  private final AccessKeyRepository accessKeys;
  private final MfaDeviceRepository mfaDevices;
  private final RoleRepository roles;
  private final PolicyRepository policies;
  private final AuditRepository audit;
  private final TokenKeyRepository tokenKeys;
  private final RevocationRepository revocations;
  private final SettingsRepository settings;
  private final PortalUserRepository portalUsers;
  private final PortalSessionRepository portalSessions;
  private final GroupRepository groups;
  private final PermissionSetRepository permissionSets;
  private final AssignmentRepository assignments;
  private final OidcRepository oidc;
  private final OrganizationRepository organization;

  private Database(Backend backend, String displayUrl, HikariDataSource dataSource) {
    this.backend = backend;
    this.displayUrl = displayUrl;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    this.accounts = new JdbiAccountRepository(jdbi);
    this.users = new JdbiUserRepository(jdbi);
    this.accessKeys = new JdbiAccessKeyRepository(jdbi);
    this.mfaDevices = new JdbiMfaDeviceRepository(jdbi);
    this.roles = new JdbiRoleRepository(jdbi);
    this.policies = new JdbiPolicyRepository(jdbi);
    this.audit = new JdbiAuditRepository(jdbi);
    this.tokenKeys = new JdbiTokenKeyRepository(jdbi);
    this.revocations = new JdbiRevocationRepository(jdbi);
    this.settings = new JdbiSettingsRepository(jdbi);
    this.portalUsers = new JdbiPortalUserRepository(jdbi);
    this.portalSessions = new JdbiPortalSessionRepository(jdbi);
    this.groups = new JdbiGroupRepository(jdbi);
    this.permissionSets = new JdbiPermissionSetRepository(jdbi);
    this.assignments = new JdbiAssignmentRepository(jdbi);
    this.oidc = new JdbiOidcRepository(jdbi);
    this.organization = new JdbiOrganizationRepository(jdbi);
  }

  /**
   * Opens (creating if needed) and migrates the database.
   *
   * @throws StoreException.Unavailable if it cannot be created, reached or migrated; the message
   *     names the URL with any password removed
   */
  public static Database open(DatabaseConfig config) {
    return open(config, null);
  }

  /**
   * As {@link #open(DatabaseConfig)}, reporting the pool's metrics ({@code hikaricp.connections.*},
   * among them how often a connection was taken) to {@code metrics}.
   */
  public static Database open(DatabaseConfig config, MeterRegistry metrics) {
    String displayUrl = config.displayUrl();
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("stint-db");
    if (metrics != null) {
      hikari.setMetricRegistry(metrics);
    }
    hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
    switch (config) {
      case DatabaseConfig.DataDirectory dir -> {
        prepareDataDirectory(dir, displayUrl);
        hikari.setJdbcUrl("jdbc:sqlite:" + dir.file().toAbsolutePath());
        configureSqlite(hikari);
      }
      case DatabaseConfig.JdbcUrl jdbc -> {
        hikari.setJdbcUrl(jdbc.url());
        if (jdbc.user() != null) {
          hikari.setUsername(jdbc.user());
        }
        if (jdbc.password() != null) {
          hikari.setPassword(jdbc.password());
        }
        if (jdbc.backend() == Backend.SQLITE) {
          configureSqlite(hikari);
        } else {
          hikari.setMaximumPoolSize(jdbc.maxPoolSize());
        }
      }
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StoreException.Unavailable(displayUrl, rootMessage(e), e);
    }
    if (!isCurrent(dataSource)) {
      try {
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .placeholders(Map.of("binary", config.backend() == Backend.SQLITE ? "BLOB" : "BYTEA"))
            .failOnMissingLocations(true)
            .load()
            .migrate();
      } catch (FlywayException e) {
        dataSource.close();
        throw new StoreException.Unavailable(displayUrl, "migration failed: " + rootMessage(e), e);
      }
    }
    LOG.info("Opened {} database {}", config.backend(), displayUrl);
    return new Database(config.backend(), displayUrl, dataSource);
  }

  public Backend backend() {
    return backend;
  }

  /** The URL this database was opened with, password removed. */
  public String displayUrl() {
    return displayUrl;
  }

  public AccountRepository accounts() {
    return accounts;
  }

  public UserRepository users() {
    return users;
  }

  public AccessKeyRepository accessKeys() {
    return accessKeys;
  }

  public MfaDeviceRepository mfaDevices() {
    return mfaDevices;
  }

  public RoleRepository roles() {
    return roles;
  }

  public PolicyRepository policies() {
    return policies;
  }

  public AuditRepository audit() {
    return audit;
  }

  public TokenKeyRepository tokenKeys() {
    return tokenKeys;
  }

  public RevocationRepository revocations() {
    return revocations;
  }

  public SettingsRepository settings() {
    return settings;
  }

  public PortalUserRepository portalUsers() {
    return portalUsers;
  }

  public PortalSessionRepository portalSessions() {
    return portalSessions;
  }

  public GroupRepository groups() {
    return groups;
  }

  public PermissionSetRepository permissionSets() {
    return permissionSets;
  }

  public AssignmentRepository assignments() {
    return assignments;
  }

  public OidcRepository oidc() {
    return oidc;
  }

  public OrganizationRepository organization() {
    return organization;
  }

  /** For tests in this package: raw access to check what the repositories stored. */
  Jdbi jdbi() {
    return jdbi;
  }

  /** Closes every pooled connection; repositories fail afterwards. Idempotent. */
  @Override
  public void close() {
    dataSource.close();
  }

  /**
   * True when Flyway's history says every migration up to {@link #SCHEMA_VERSION} succeeded and
   * none is newer or failed; false, so that Flyway decides, on anything else (no history yet, a
   * failed or unknown migration, an error reading it).
   */
  private static boolean isCurrent(DataSource dataSource) {
    String sql =
        "SELECT COUNT(*), MIN(success), MAX(CAST(version AS INTEGER)) FROM flyway_schema_history"
            + " WHERE version IS NOT NULL";
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next()
          && rows.getInt(1) == SCHEMA_VERSION
          && rows.getInt(2) == 1
          && rows.getInt(3) == SCHEMA_VERSION;
    } catch (SQLException e) {
      return false;
    }
  }

  private static void configureSqlite(HikariConfig hikari) {
    hikari.setMaximumPoolSize(1);
    hikari.setMinimumIdle(1);
    // sqlite-jdbc applies these pragmas to every connection it opens.
    hikari.addDataSourceProperty("journal_mode", "WAL");
    hikari.addDataSourceProperty("synchronous", "FULL");
    hikari.addDataSourceProperty("foreign_keys", "true");
    hikari.addDataSourceProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MILLIS));
    // BEGIN IMMEDIATE: a transaction takes the write lock when it starts, waiting out the busy
    // timeout if another process holds it. A deferred transaction that reads and then writes
    // fails at once with SQLITE_BUSY when another process committed in between, which the busy
    // timeout does not cover (an admin command, or a test acting on the server's data directory).
    hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
  }

  /**
   * Creates the data directory (0700) and an empty database file (0600) before SQLite does, so
   * neither is ever readable by others; SQLite gives its WAL and shared-memory files the database
   * file's mode.
   */
  private static void prepareDataDirectory(DatabaseConfig.DataDirectory dir, String displayUrl) {
    Path directory = dir.directory();
    try {
      if (!Files.isDirectory(directory)) {
        OwnerOnly.createDirectories(directory);
      }
      Path file = dir.file();
      if (!Files.exists(file)) {
        try {
          Files.createFile(file, OwnerOnly.file());
        } catch (FileAlreadyExistsException raced) {
          // Another process created it first: that file is the database now.
        }
      }
    } catch (IOException | SecurityException e) {
      throw new StoreException.Unavailable(
          displayUrl, "cannot create data directory " + directory + ": " + e, e);
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    // Some pool and driver messages quote the JDBC URL; never let a password through with it.
    return message == null ? root.getClass().getSimpleName() : DatabaseConfig.redact(message);
  }
}
