package dev.stint.server.bootstrap;

import dev.stint.core.ids.Ids;
import dev.stint.core.internal.files.AtomicFile;
import dev.stint.server.keys.SecretBox;
import dev.stint.server.password.PasswordHasher;
import dev.stint.server.policy.Policy;
import dev.stint.server.store.AccessKey;
import dev.stint.server.store.Account;
import dev.stint.server.store.Database;
import dev.stint.server.store.LoginProfile;
import dev.stint.server.store.PolicyAttachment;
import dev.stint.server.store.User;
import dev.stint.server.sts.AccessKeyIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the first start of a server creates on an empty store (DESIGN.md section 3 and 8): the
 * management account, the administrator {@code admin} with AdministratorAccess, an access key and
 * an initial portal password, written to {@code DATA_DIR/admin-credentials.ini} (mode 0600). Later
 * starts find the management account and do nothing. Not thread-safe; runs once at start.
 */
public final class FirstStart {
  public static final String ADMIN = "admin";
  public static final String FILE_NAME = "admin-credentials.ini";
  static final String ACCESS_KEY_PURPOSE = "access-key";
  private static final Logger log = LoggerFactory.getLogger(FirstStart.class);
  private static final char[] PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
  private static final int PASSWORD_LENGTH = 20;

  private final Database db;
  private final SecretBox box;
  private final Ids ids;
  private final AccessKeyIds keyIds;
  private final SecureRandom random;
  private final PasswordHasher passwords;
  private final Clock clock;

  public FirstStart(
      Database db,
      SecretBox box,
      Ids ids,
      AccessKeyIds keyIds,
      SecureRandom random,
      PasswordHasher passwords,
      Clock clock) {
    this.db = db;
    this.box = box;
    this.ids = ids;
    this.keyIds = keyIds;
    this.random = random;
    this.passwords = passwords;
    this.clock = clock;
  }

  /** The administrator's initial portal password and its Argon2id hash. */
  public record InitialPassword(char[] password, String hash) {
    @Override
    public String toString() {
      return "InitialPassword[hidden]";
    }
  }

  /**
   * Starts making the initial password and its hash on a thread of its own. Argon2id on a JVM not
   * yet warm is the slowest step of a first start; begun before the database is opened, it runs
   * beside the schema's creation on the other core.
   */
  public static CompletableFuture<InitialPassword> prepare(
      PasswordHasher passwords, SecureRandom random) {
    return CompletableFuture.supplyAsync(
        () -> initialPassword(passwords, random),
        task -> Thread.ofPlatform().name("stint-first-start").daemon().start(task));
  }

  private static InitialPassword initialPassword(PasswordHasher passwords, SecureRandom random) {
    char[] password = new char[PASSWORD_LENGTH];
    for (int i = 0; i < password.length; i++) {
      password[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
    }
    return new InitialPassword(password, passwords.hash(password));
  }

  /**
   * Creates the management account and its administrator unless the store has them.
   *
   * @return the credentials file written, or empty when the store was not empty
   */
  public Optional<Path> ensure(Path dataDir, String endpoint) throws IOException {
    return ensure(dataDir, endpoint, null);
  }

  /**
   * As {@link #ensure(Path, String)}, with the initial password from {@link #prepare} when {@code
   * prepared} is not null (waited for and cleared after, whether it was needed or not).
   */
  public Optional<Path> ensure(
      Path dataDir, String endpoint, CompletableFuture<InitialPassword> prepared)
      throws IOException {
    try {
      return create(dataDir, endpoint, prepared);
    } finally {
      InitialPassword initial = prepared == null ? null : prepared.exceptionally(e -> null).join();
      if (initial != null) {
        Arrays.fill(initial.password(), '\0');
      }
    }
  }

  private Optional<Path> create(
      Path dataDir, String endpoint, CompletableFuture<InitialPassword> prepared)
      throws IOException {
    Instant now = clock.instant();
    // Each step is idempotent and the login profile comes last: a start interrupted halfway is
    // completed by the next one, with a fresh key, since the first key's secret was never shown.
    Account account =
        db.accounts()
            .findManagement()
            .orElseGet(
                () ->
                    db.accounts()
                        .create(
                            new Account(
                                ids.accountId(), "management", "admin@stint.invalid", true, now)));
    User admin =
        db.users()
            .findByName(account.id(), ADMIN)
            .orElseGet(
                () ->
                    db.users()
                        .create(
                            new User(
                                ids.userId(),
                                account.id(),
                                ADMIN,
                                "/",
                                "arn:aws:iam::" + account.id() + ":user/" + ADMIN,
                                now,
                                Map.of())));
    if (db.users().findLoginProfile(admin.id()).isPresent()) {
      return Optional.empty();
    }
    boolean attached =
        db.policies().listAttached(admin.arn()).stream()
            .anyMatch(a -> a.policyArn().equals(Policy.ADMINISTRATOR_ACCESS_ARN));
    if (!attached) {
      db.policies()
          .attach(
              new PolicyAttachment(
                  PolicyAttachment.PrincipalType.USER,
                  admin.arn(),
                  Policy.ADMINISTRATOR_ACCESS_ARN));
    }
    for (AccessKey unseen : db.accessKeys().listForUser(admin.id())) {
      db.accessKeys().delete(unseen.id());
    }
    String keyId = keyIds.longTerm(account.id());
    String secret = ids.secretAccessKey();
    byte[] sealed = box.seal(ACCESS_KEY_PURPOSE, keyId, secret.getBytes(StandardCharsets.US_ASCII));
    db.accessKeys()
        .create(new AccessKey(keyId, admin.id(), AccessKey.Status.ACTIVE, sealed, now, null));
    InitialPassword initial =
        prepared != null ? prepared.join() : initialPassword(passwords, random);
    char[] password = initial.password();
    try {
      Path file = dataDir.resolve(FILE_NAME);
      String text =
          "# stint administrator, created on the first start. Keep this file secret.\n"
              + "# endpoint = "
              + endpoint
              + "\n# account = "
              + account.id()
              + "\n# user = "
              + ADMIN
              + "\n# password = "
              + new String(password)
              + "\n[stint-admin]\naws_access_key_id = "
              + keyId
              + "\naws_secret_access_key = "
              + secret
              + "\n";
      AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
      db.users().createLoginProfile(new LoginProfile(admin.id(), initial.hash(), true, now));
      log.info("first start: administrator credentials written to {}", file.toAbsolutePath());
      return Optional.of(file);
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
