package dev.stint.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.core.ids.Ids;
import dev.stint.server.keys.SecretBox;
import dev.stint.server.password.PasswordHasher;
import dev.stint.server.policy.Policy;
import dev.stint.server.store.Account;
import dev.stint.server.store.Database;
import dev.stint.server.store.DatabaseConfig;
import dev.stint.server.sts.AccessKeyIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstStartTest {
  @TempDir Path dir;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
  private final SecretBox box = new SecretBox(new byte[32], random);

  private FirstStart firstStart(Database db) {
    return new FirstStart(
        db,
        box,
        new Ids(random),
        new AccessKeyIds(random),
        random,
        new PasswordHasher(random),
        clock);
  }

  private static Map<String, String> read(Path file) throws Exception {
    var out = new LinkedHashMap<String, String>();
    for (String line : Files.readAllLines(file)) {
      String l = line.startsWith("#") ? line.substring(1).strip() : line;
      int eq = l.indexOf(" = ");
      if (eq > 0) {
        out.put(l.substring(0, eq), l.substring(eq + 3));
      }
    }
    return out;
  }

  @Test
  void createsTheAdministratorOnceAndWritesASecretFile() throws Exception {
    try (Database db = Database.open(DatabaseConfig.dataDirectory(dir))) {
      Path file = firstStart(db).ensure(dir, "http://127.0.0.1:8080").orElseThrow();

      assertThat(file).isEqualTo(dir.resolve("admin-credentials.ini"));
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      var values = read(file);
      assertThat(Files.readAllLines(file)).contains("[stint-admin]");
      assertThat(values.get("endpoint")).isEqualTo("http://127.0.0.1:8080");
      assertThat(values.get("user")).isEqualTo("admin");
      Account account = db.accounts().findManagement().orElseThrow();
      assertThat(values.get("account")).isEqualTo(account.id()).matches("[1-9][0-9]{11}");
      var admin = db.users().findByName(account.id(), "admin").orElseThrow();
      assertThat(admin.arn()).isEqualTo("arn:aws:iam::" + account.id() + ":user/admin");
      assertThat(db.policies().listAttached(admin.arn()))
          .extracting(a -> a.policyArn())
          .containsExactly(Policy.ADMINISTRATOR_ACCESS_ARN);
      var key = db.accessKeys().listForUser(admin.id()).get(0);
      assertThat(key.id()).isEqualTo(values.get("aws_access_key_id"));
      assertThat(
              new String(
                  box.open("access-key", key.id(), key.secretCiphertext()),
                  StandardCharsets.US_ASCII))
          .isEqualTo(values.get("aws_secret_access_key"));
      var profile = db.users().findLoginProfile(admin.id()).orElseThrow();
      assertThat(
              new PasswordHasher(random)
                  .verify(values.get("password").toCharArray(), profile.passwordHash()))
          .isTrue();
      assertThat(profile.passwordResetRequired()).isTrue();

      assertThat(firstStart(db).ensure(dir, "http://127.0.0.1:8080")).isEmpty();
      assertThat(read(file)).isEqualTo(values);
    }
  }

  @Test
  void aPasswordPreparedAheadIsTheOneWrittenAndHashedAndIsClearedAfter() throws Exception {
    var hasher = new PasswordHasher(random);
    var prepared = FirstStart.prepare(hasher, random);
    try (Database db = Database.open(DatabaseConfig.dataDirectory(dir))) {
      Path file = firstStart(db).ensure(dir, "http://e", prepared).orElseThrow();

      String written = read(file).get("password");
      assertThat(written).matches("[A-HJ-NP-Za-km-z2-9]{20}");
      Account account = db.accounts().findManagement().orElseThrow();
      var admin = db.users().findByName(account.id(), "admin").orElseThrow();
      String stored = db.users().findLoginProfile(admin.id()).orElseThrow().passwordHash();
      assertThat(stored).isEqualTo(prepared.join().hash());
      assertThat(hasher.verify(written.toCharArray(), stored)).isTrue();
      assertThat(prepared.join().password()).containsOnly('\0');
      assertThat(prepared.join()).hasToString("InitialPassword[hidden]");

      // Not needed (the store has its administrator): cleared all the same.
      var unused = FirstStart.prepare(hasher, random);
      assertThat(firstStart(db).ensure(dir, "http://e", unused)).isEmpty();
      assertThat(unused.join().password()).containsOnly('\0');
    }
  }

  @Test
  void aStartInterruptedBeforeTheLoginProfileIsCompletedWithAFreshKey() throws Exception {
    try (Database db = Database.open(DatabaseConfig.dataDirectory(dir))) {
      firstStart(db).ensure(dir, "http://e").orElseThrow();
      Account account = db.accounts().findManagement().orElseThrow();
      var admin = db.users().findByName(account.id(), "admin").orElseThrow();
      String firstKey = db.accessKeys().listForUser(admin.id()).get(0).id();
      db.users().deleteLoginProfile(admin.id());
      Files.delete(dir.resolve("admin-credentials.ini"));

      Path file = firstStart(db).ensure(dir, "http://e").orElseThrow();

      var keys = db.accessKeys().listForUser(admin.id());
      assertThat(keys).hasSize(1);
      assertThat(keys.get(0).id())
          .isNotEqualTo(firstKey)
          .isEqualTo(read(file).get("aws_access_key_id"));
      assertThat(db.accounts().findManagement().orElseThrow().id()).isEqualTo(account.id());
    }
  }
}
