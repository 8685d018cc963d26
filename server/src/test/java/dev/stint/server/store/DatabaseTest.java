package dev.stint.server.store;

import static dev.stint.server.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, configuring and failing to open a database; the SQLite-only guarantees. */
class DatabaseTest {

  @TempDir Path tempDir;

  @Test
  void missingDataDirectoryIsCreatedOwnerOnlyWithAnOwnerOnlyDatabaseFile() throws Exception {
    Path dataDir = tempDir.resolve("stint-data");
    try (Database db = Database.open(DatabaseConfig.dataDirectory(dataDir))) {
      assertThat(db.backend()).isEqualTo(DatabaseConfig.Backend.SQLITE);
      assertThat(db.displayUrl()).isEqualTo("jdbc:sqlite:" + dataDir.resolve("stint.db"));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("stint.db"))))
        .isEqualTo("rw-------");
  }

  @Test
  void sqliteConnectionsUseWalFullSyncForeignKeysAndABusyTimeout() {
    try (Database db = Database.open(DatabaseConfig.dataDirectory(tempDir))) {
      db.jdbi()
          .useHandle(
              handle -> {
                assertThat(handle.select("PRAGMA journal_mode").mapTo(String.class).one())
                    .isEqualTo("wal");
                // 2 is FULL: every commit is synced before it returns.
                assertThat(handle.select("PRAGMA synchronous").mapTo(Integer.class).one())
                    .isEqualTo(2);
                assertThat(handle.select("PRAGMA foreign_keys").mapTo(Integer.class).one())
                    .isEqualTo(1);
                assertThat(handle.select("PRAGMA busy_timeout").mapTo(Integer.class).one())
                    .isEqualTo(10_000);
              });
    }
  }

  @Test
  void committedAuditRecordIsVisibleToANewDatabaseOnTheSameFileWithoutAClose() {
    // The first database is never closed, as after a kill: only what was committed survives.
    Database first = Database.open(DatabaseConfig.dataDirectory(tempDir));
    AuditEvent event =
        new AuditEvent(
            "evt-1",
            T0,
            "req-1",
            "arn:aws:iam::123456789012:user/admin",
            "sts:GetSessionToken",
            null,
            "127.0.0.1",
            "sess-1",
            T0.plusSeconds(3600),
            AuditEvent.Outcome.SUCCESS,
            null);
    first.audit().append(event);

    try (Database second = Database.open(DatabaseConfig.dataDirectory(tempDir))) {
      assertThat(
              second
                  .audit()
                  .query(new AuditQuery(Instant.EPOCH, T0.plusSeconds(1), null, null, 10)))
          .containsExactly(event);
    } finally {
      first.close();
    }
  }

  @Test
  void reopeningAMigratedDatabaseKeepsItsData() {
    try (Database db = Database.open(DatabaseConfig.dataDirectory(tempDir))) {
      db.accounts().create(Fixtures.account("123456789012", true));
    }
    try (Database db =
        Database.open(DatabaseConfig.jdbcUrl("jdbc:sqlite:" + tempDir.resolve("stint.db")))) {
      assertThat(db.accounts().findManagement()).contains(Fixtures.account("123456789012", true));
    }
  }

  @Test
  void unsupportedUrlIsRejectedNamingItWithoutThePassword() {
    assertThatThrownBy(
            () -> DatabaseConfig.jdbcUrl("jdbc:mysql://db.example/stint?user=u&password=s3cret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Unsupported database URL 'jdbc:mysql://db.example/stint?user=u&password=***':"
                + " expected jdbc:postgresql://HOST[:PORT]/DATABASE or jdbc:sqlite:FILE");
    assertThatThrownBy(() -> DatabaseConfig.jdbcUrl("postgres://x"))
        .hasMessage(
            "Unsupported database URL 'postgres://x':"
                + " expected jdbc:postgresql://HOST[:PORT]/DATABASE or jdbc:sqlite:FILE");
  }

  @Test
  void unreachablePostgresIsUnavailableNamingTheUrlWithoutThePassword() {
    DatabaseConfig config =
        DatabaseConfig.jdbcUrl(
            "jdbc:postgresql://127.0.0.1:1/stint?user=stint&password=s3cret&connectTimeout=2");

    assertThatThrownBy(() -> Database.open(config))
        .isInstanceOfSatisfying(
            StoreException.Unavailable.class,
            e ->
                assertThat(e.url())
                    .isEqualTo(
                        "jdbc:postgresql://127.0.0.1:1/stint?user=stint&password=***"
                            + "&connectTimeout=2"))
        .hasMessage(
            "Cannot open database"
                + " jdbc:postgresql://127.0.0.1:1/stint?user=stint&password=***&connectTimeout=2:"
                + " Connection refused");
  }

  @Test
  void redactionRemovesPasswordParametersAndUserInfoPasswords() {
    assertThat(DatabaseConfig.redact("jdbc:postgresql://h/db?password=a&user=b"))
        .isEqualTo("jdbc:postgresql://h/db?password=***&user=b");
    assertThat(DatabaseConfig.redact("jdbc:postgresql://h/db?user=b&PASSWORD=a;x=1"))
        .isEqualTo("jdbc:postgresql://h/db?user=b&PASSWORD=***;x=1");
    assertThat(DatabaseConfig.redact("jdbc:postgresql://bob:pw@h:5432/db"))
        .isEqualTo("jdbc:postgresql://bob:***@h:5432/db");
    assertThat(DatabaseConfig.redact("jdbc:sqlite:/var/lib/stint/stint.db"))
        .isEqualTo("jdbc:sqlite:/var/lib/stint/stint.db");
    assertThat(
            new DatabaseConfig.JdbcUrl("jdbc:postgresql://h/db?password=a", "u", "pw", 5)
                .toString())
        .isEqualTo(
            "JdbcUrl[url=jdbc:postgresql://h/db?password=***, user=u, password=<redacted>,"
                + " maxPoolSize=5]");
  }

  @Test
  void recordsHoldingSecretsNeitherPrintNorShareThem() {
    byte[] ciphertext = {1, 2, 3};
    AccessKey key =
        new AccessKey(
            "AKIAIOSFODNN7EXAMPLE",
            "AIDAEXAMPLE000000000",
            AccessKey.Status.ACTIVE,
            ciphertext,
            T0,
            null);
    ciphertext[0] = 9;
    key.secretCiphertext()[1] = 9;
    assertThat(key.secretCiphertext()).containsExactly(1, 2, 3);
    assertThat(key.toString())
        .isEqualTo(
            "AccessKey[id=AKIAIOSFODNN7EXAMPLE, userId=AIDAEXAMPLE000000000, status=Active,"
                + " secretCiphertext=<redacted>, created=2026-01-02T03:04:05.678Z, lastUsed=null]");
    assertThat(new TokenKey("k1", new byte[] {7}, T0, null).toString())
        .isEqualTo(
            "TokenKey[keyId=k1, wrappedKey=<redacted>, created=2026-01-02T03:04:05.678Z,"
                + " retireAfter=null]");
    assertThat(new LoginProfile("AIDAEXAMPLE000000000", "$argon2id$secret", false, T0).toString())
        .doesNotContain("argon2id")
        .contains("passwordHash=<redacted>");
    assertThat(
            new MfaDevice(
                    "arn:aws:iam::123456789012:mfa/a",
                    "123456789012",
                    null,
                    new byte[] {5},
                    T0,
                    null)
                .toString())
        .contains("seedCiphertext=<redacted>");
  }

  @Test
  void recordsRejectInvalidValuesNamingThem() {
    assertThatThrownBy(() -> Fixtures.user("123456789012", "bad name", "/", "U1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid user name 'bad name': must match [\\w+=,.@-]{1,64}");
    assertThatThrownBy(() -> Fixtures.role("123456789012", "r", "no-slash", "R1"))
        .hasMessage("Invalid path 'no-slash': must match /|/[\\x21-\\x7E]{0,510}/");
    assertThatThrownBy(
            () -> new Revocation("r1", "sess", "arn:aws:iam::123456789012:role/x", T0, T0))
        .hasMessage(
            "Revocation r1 must name either a session id, or a principal arn and an issued-before"
                + " time");
  }

  @Test
  void schemaVersionIsTheNewestMigrationFile() throws Exception {
    Path migrations = Path.of(Database.class.getResource("/db/migration").toURI());
    int newest;
    try (var files = Files.list(migrations)) {
      newest =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.matches("V\\d+__.+\\.sql"))
              .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
              .max()
              .orElseThrow();
    }
    assertThat(Database.SCHEMA_VERSION).isEqualTo(newest);
  }

  @Test
  void aStoreAtTheNewestVersionOpensWithoutFlywayAndOneBehindIsMigrated() {
    try (Database db = Database.open(DatabaseConfig.dataDirectory(tempDir))) {
      // A checksum Flyway would refuse: only a run of Flyway notices it.
      db.jdbi()
          .useHandle(
              h -> h.execute("UPDATE flyway_schema_history SET checksum = 1 WHERE version = '1'"));
    }
    try (Database db = Database.open(DatabaseConfig.dataDirectory(tempDir))) {
      assertThat(db.accounts()).isNotNull();
    }
    try (Database db = Database.open(DatabaseConfig.dataDirectory(tempDir))) {
      db.jdbi()
          .useHandle(
              h ->
                  h.execute(
                      "UPDATE flyway_schema_history SET success = 0 WHERE version = ?",
                      String.valueOf(Database.SCHEMA_VERSION)));
    }
    assertThatThrownBy(() -> Database.open(DatabaseConfig.dataDirectory(tempDir)))
        .isInstanceOf(StoreException.Unavailable.class)
        .hasMessageContaining("migration failed");
  }
}
