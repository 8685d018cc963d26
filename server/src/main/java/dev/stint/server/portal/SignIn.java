package dev.stint.server.portal;

import dev.stint.server.iam.QrCode;
import dev.stint.server.keys.SecretBox;
import dev.stint.server.mfa.MfaDevices;
import dev.stint.server.mfa.Totp;
import dev.stint.server.password.PasswordHasher;
import dev.stint.server.store.Account;
import dev.stint.server.store.Database;
import dev.stint.server.store.LoginProfile;
import dev.stint.server.store.MfaDevice;
import dev.stint.server.store.PortalSession;
import dev.stint.server.store.PortalUser;
import dev.stint.server.store.StoreException;
import dev.stint.server.store.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Signing in to the portal, step by step: a user name and password (Argon2id, against the user's
 * login profile in the management account), then a TOTP code when the user has an MFA device, or
 * MFA enrolment first when an administrator requires MFA and the user has none. Each step returns
 * an {@link Outcome} saying what comes next; a half-finished sign-in is a pending session whose id
 * the browser carries to the next step, and every step that moves on issues a fresh id.
 *
 * <p>Lockout: wrong passwords and wrong codes count together; the fifth in a row locks sign-in for
 * a minute, so the sixth attempt is refused even with the right password until then. Each further
 * failure after the lock ends doubles the wait, up to fifteen minutes. A successful sign-in resets
 * the count. Unknown users cost the same password hashing as known ones.
 *
 * <p>Thread-safe.
 */
public final class SignIn {
  /** Failures in a row that lock sign-in. */
  public static final int MAX_FAILURES = 5;

  public static final Duration FIRST_LOCK = Duration.ofMinutes(1);
  public static final Duration MAX_LOCK = Duration.ofMinutes(15);

  private static final int SEED_BYTES = 20;
  private static final String ISSUER = "stint";

  private final Database db;
  private final PortalSessions sessions;
  private final MfaDevices mfa;
  private final SecretBox box;
  private final PasswordHasher passwords;
  private final SecureRandom random;
  private final PortalAudit audit;
  private final Clock clock;

  /**
   * Verified against when the user does not exist, so that both paths hash a password. Hashed on a
   * thread of its own once {@link #prepare} is called (the server calls it once it is ready), or by
   * the first sign-in that needs it: an Argon2 hash during start-up took a core from it.
   */
  private final CompletableFuture<String> decoyHash = new CompletableFuture<>();

  private final AtomicBoolean decoyStarted = new AtomicBoolean();

  SignIn(
      Database db,
      PortalSessions sessions,
      MfaDevices mfa,
      SecretBox box,
      PasswordHasher passwords,
      SecureRandom random,
      PortalAudit audit,
      Clock clock) {
    this.db = db;
    this.sessions = sessions;
    this.mfa = mfa;
    this.box = box;
    this.passwords = passwords;
    this.random = random;
    this.audit = audit;
    this.clock = clock;
  }

  /** Starts hashing the decoy password in the background; later calls do nothing. */
  public void prepare() {
    if (decoyStarted.compareAndSet(false, true)) {
      Thread.ofPlatform()
          .name("stint-decoy-hash")
          .daemon()
          .start(
              () -> {
                try {
                  decoyHash.complete(passwords.hash("not a password of anyone".toCharArray()));
                } catch (RuntimeException e) {
                  decoyHash.completeExceptionally(e);
                }
              });
    }
  }

  /** What a sign-in step led to. */
  public sealed interface Outcome permits Refused, MfaRequired, EnrolmentRequired, SignedIn {}

  /** Why a step was refused. */
  public enum Reason {
    /** Unknown user, no login profile, or wrong password: one answer for all three. */
    INVALID_CREDENTIALS,
    /** The TOTP code was wrong, or already used. */
    INVALID_CODE,
    /** Too many failures in a row; try again after {@link Refused#retryAfter()}. */
    LOCKED,
    /** The password was right but an administrator disabled the user. */
    DISABLED,
    /** The pending sign-in is unknown or took longer than {@link PortalSessions#PENDING_LENGTH}. */
    EXPIRED
  }

  /**
   * The step was refused.
   *
   * @param retryAfter when a locked sign-in may be tried again, else {@code null}
   */
  public record Refused(Reason reason, Instant retryAfter) implements Outcome {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Password accepted; ask for a TOTP code with {@link #totp}. */
  public record MfaRequired(String pendingId) implements Outcome {
    public MfaRequired {
      Objects.requireNonNull(pendingId, "pendingId");
    }

    @Override
    public String toString() {
      return "MfaRequired[pendingId=<redacted>]";
    }
  }

  /**
   * Password accepted; an administrator requires MFA and the user has no device: {@link
   * #startEnrolment}, then {@link #completeEnrolment}.
   */
  public record EnrolmentRequired(String pendingId) implements Outcome {
    public EnrolmentRequired {
      Objects.requireNonNull(pendingId, "pendingId");
    }

    @Override
    public String toString() {
      return "EnrolmentRequired[pendingId=<redacted>]";
    }
  }

  /**
   * Signed in: set the session cookie to {@code session.id()}.
   *
   * @param passwordResetRequired the login profile asks for a new password (offer {@link
   *     PortalUsers#changePassword})
   */
  public record SignedIn(PortalSessions.Created session, boolean passwordResetRequired)
      implements Outcome {
    public SignedIn {
      Objects.requireNonNull(session, "session");
    }
  }

  /**
   * A new virtual MFA device waiting to be confirmed with two consecutive codes. {@code toString}
   * leaves the secret out.
   *
   * @param serialNumber the device ARN, to hand back to {@link #completeEnrolment}
   * @param secretBase32 the TOTP seed for typing into an authenticator app
   * @param otpauthUri the {@code otpauth://totp/...} URI the QR code holds
   * @param qrPng a PNG of the QR code
   */
  public record MfaEnrolment(
      String serialNumber, String secretBase32, String otpauthUri, byte[] qrPng) {
    public MfaEnrolment {
      Objects.requireNonNull(serialNumber, "serialNumber");
      Objects.requireNonNull(secretBase32, "secretBase32");
      Objects.requireNonNull(otpauthUri, "otpauthUri");
      qrPng = qrPng.clone();
    }

    @Override
    public byte[] qrPng() {
      return qrPng.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MfaEnrolment e
          && serialNumber.equals(e.serialNumber)
          && secretBase32.equals(e.secretBase32)
          && otpauthUri.equals(e.otpauthUri)
          && Arrays.equals(qrPng, e.qrPng);
    }

    @Override
    public int hashCode() {
      return Objects.hash(serialNumber, secretBase32, otpauthUri, Arrays.hashCode(qrPng));
    }

    @Override
    public String toString() {
      return "MfaEnrolment[serialNumber=" + serialNumber + ", secret=<redacted>]";
    }
  }

  /**
   * The first step: user name (in the management account) and password. The password array is left
   * to the caller to clear.
   */
  public Outcome password(String userName, char[] password, Origin origin) {
    Instant now = clock.instant();
    Optional<User> user = findUser(userName);
    Optional<LoginProfile> profile = user.flatMap(u -> db.users().findLoginProfile(u.id()));
    if (user.isEmpty() || profile.isEmpty()) {
      prepare();
      passwords.verify(password, decoyHash.join());
      audit.denied(origin, "SignIn", null, "reason=INVALID_CREDENTIALS user=" + shorten(userName));
      return new Refused(Reason.INVALID_CREDENTIALS, null);
    }
    User u = user.get();
    Origin as = origin.as(u.arn());
    PortalUser state = db.portalUsers().find(u.id());
    if (locked(state, now)) {
      audit.denied(as, "SignIn", u.arn(), "reason=LOCKED");
      return new Refused(Reason.LOCKED, state.lockedUntil());
    }
    if (!passwords.verify(password, profile.get().passwordHash())) {
      return failure(u, state, now, Reason.INVALID_CREDENTIALS, as);
    }
    if (state.disabled()) {
      audit.denied(as, "SignIn", u.arn(), "reason=DISABLED");
      return new Refused(Reason.DISABLED, null);
    }
    succeeded(state);
    if (!enabledDevices(u.id()).isEmpty()) {
      audit.success(as, "SignIn", u.arn(), "step=PASSWORD next=MFA");
      return new MfaRequired(sessions.createPending(u.id(), PortalSession.Stage.MFA).id());
    }
    if (state.mfaRequired()) {
      audit.success(as, "SignIn", u.arn(), "step=PASSWORD next=ENROL");
      return new EnrolmentRequired(sessions.createPending(u.id(), PortalSession.Stage.ENROL).id());
    }
    return signedIn(u, profile.get(), null, as, "step=PASSWORD");
  }

  /** The second step: a TOTP code from one of the user's MFA devices. */
  public Outcome totp(String pendingId, String code, Origin origin) {
    Instant now = clock.instant();
    Optional<Pending> pending = pending(pendingId, PortalSession.Stage.MFA);
    if (pending.isEmpty()) {
      return new Refused(Reason.EXPIRED, null);
    }
    User u = pending.get().user();
    Origin as = origin.as(u.arn());
    PortalUser state = db.portalUsers().find(u.id());
    if (locked(state, now)) {
      audit.denied(as, "SignIn", u.arn(), "step=MFA reason=LOCKED");
      return new Refused(Reason.LOCKED, state.lockedUntil());
    }
    if (state.disabled()) {
      sessions.discard(pendingId);
      audit.denied(as, "SignIn", u.arn(), "step=MFA reason=DISABLED");
      return new Refused(Reason.DISABLED, null);
    }
    boolean accepted = false;
    String clean = code == null ? "" : code.strip();
    for (MfaDevice device : enabledDevices(u.id())) {
      if (mfa.accept(device, clean, now)) {
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      return failure(u, state, now, Reason.INVALID_CODE, as);
    }
    succeeded(state);
    sessions.discard(pendingId);
    return signedIn(u, pending.get().profile(), now, as, "step=MFA");
  }

  /** The user behind a pending sign-in, with the login profile it signs in with. */
  private record Pending(User user, LoginProfile profile) {}

  /**
   * The user and login profile of the pending sign-in {@code pendingId} at {@code stage}; empty
   * when it is unknown or expired, or when its user or login profile is gone (then it is dropped).
   */
  private Optional<Pending> pending(String pendingId, PortalSession.Stage stage) {
    Optional<PortalSession> pending = sessions.findPending(pendingId, stage);
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    Optional<User> user = db.users().findById(pending.get().userId());
    Optional<LoginProfile> profile = user.flatMap(u -> db.users().findLoginProfile(u.id()));
    if (user.isEmpty() || profile.isEmpty()) {
      sessions.discard(pendingId);
      return Optional.empty();
    }
    return Optional.of(new Pending(user.get(), profile.get()));
  }

  /**
   * Makes a new virtual MFA device for a pending sign-in that must enrol one (replacing one it made
   * earlier and never confirmed).
   *
   * @throws PortalException.Unauthorized when the pending sign-in is unknown or expired
   */
  public MfaEnrolment startEnrolment(String pendingId) {
    PortalSession pending =
        sessions
            .findPending(pendingId, PortalSession.Stage.ENROL)
            .orElseThrow(PortalException.Unauthorized::new);
    User user =
        db.users().findById(pending.userId()).orElseThrow(PortalException.Unauthorized::new);
    return enrol(user);
  }

  /**
   * Confirms the device made by {@link #startEnrolment} with two consecutive codes, enables it and
   * signs in.
   */
  public Outcome completeEnrolment(
      String pendingId, String serialNumber, String code1, String code2, Origin origin) {
    Instant now = clock.instant();
    Optional<Pending> pending = pending(pendingId, PortalSession.Stage.ENROL);
    if (pending.isEmpty()) {
      return new Refused(Reason.EXPIRED, null);
    }
    User u = pending.get().user();
    Origin as = origin.as(u.arn());
    PortalUser state = db.portalUsers().find(u.id());
    if (locked(state, now)) {
      return new Refused(Reason.LOCKED, state.lockedUntil());
    }
    Optional<MfaDevice> device =
        serialNumber == null
            ? Optional.empty()
            : db.mfaDevices()
                .find(serialNumber)
                .filter(d -> d.userId() == null && ownSerial(u, d.serialNumber()));
    if (device.isEmpty()) {
      return failure(u, state, now, Reason.INVALID_CODE, as);
    }
    byte[] seed = box.open(MfaDevices.SEED_PURPOSE, serialNumber, device.get().seedCiphertext());
    boolean valid;
    try {
      valid =
          MfaDevices.consecutive(
              seed, code1 == null ? "" : code1.strip(), code2 == null ? "" : code2.strip(), now);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
    if (!valid) {
      return failure(u, state, now, Reason.INVALID_CODE, as);
    }
    try {
      db.mfaDevices().enable(serialNumber, u.id(), now);
    } catch (StoreException.EntityAlreadyExists e) {
      return failure(u, state, now, Reason.INVALID_CODE, as);
    }
    // Spend the second code, so it cannot be replayed at the next sign-in.
    MfaDevice enabled = db.mfaDevices().find(serialNumber).orElseThrow();
    mfa.accept(enabled, code2.strip(), now);
    succeeded(state);
    sessions.discard(pendingId);
    audit.success(as, "EnableMFADevice", serialNumber, null);
    return signedIn(u, pending.get().profile(), now, as, "step=ENROL");
  }

  MfaEnrolment enrol(User user) {
    String base = "arn:aws:iam::" + user.accountId() + ":mfa/" + user.name();
    String serial = base;
    Optional<MfaDevice> existing = db.mfaDevices().find(serial);
    if (existing.isPresent() && existing.get().userId() == null) {
      db.mfaDevices().delete(serial);
    } else if (existing.isPresent()) {
      serial = base + "-" + Long.toHexString(random.nextLong() & 0xffffffL);
    }
    byte[] seed = new byte[SEED_BYTES];
    random.nextBytes(seed);
    try {
      String base32 = Totp.base32(seed);
      db.mfaDevices()
          .create(
              new MfaDevice(
                  serial,
                  user.accountId(),
                  null,
                  box.seal(MfaDevices.SEED_PURPOSE, serial, seed),
                  clock.instant(),
                  null));
      String uri = otpauth(user.name(), user.accountId(), base32);
      return new MfaEnrolment(serial, base32, uri, QrCode.encode(uri).png(4, 4));
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  private static boolean ownSerial(User u, String serial) {
    String base = "arn:aws:iam::" + u.accountId() + ":mfa/" + u.name();
    return serial.equals(base) || serial.startsWith(base + "-");
  }

  private Outcome signedIn(User u, LoginProfile profile, Instant mfaAt, Origin as, String step) {
    PortalSessions.Created created = sessions.create(u.id(), mfaAt);
    audit.record(
        as,
        "SignIn",
        u.arn(),
        dev.stint.server.store.AuditEvent.Outcome.SUCCESS,
        step + " next=DONE mfa=" + (mfaAt != null),
        null,
        created.session().expires());
    return new SignedIn(created, profile.passwordResetRequired());
  }

  private Outcome failure(User u, PortalUser state, Instant now, Reason reason, Origin as) {
    int failures = state.failedSignIns() + 1;
    Instant lockedUntil = null;
    if (failures >= MAX_FAILURES) {
      int doublings = Math.min(failures - MAX_FAILURES, 10);
      Duration wait = FIRST_LOCK.multipliedBy(1L << doublings);
      lockedUntil = now.plus(wait.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : wait);
    }
    db.portalUsers()
        .put(
            new PortalUser(
                state.userId(), state.disabled(), state.mfaRequired(), failures, lockedUntil));
    audit.denied(as, "SignIn", u.arn(), "reason=" + reason + " failures=" + failures);
    return new Refused(reason, null);
  }

  private void succeeded(PortalUser state) {
    if (state.failedSignIns() != 0 || state.lockedUntil() != null) {
      db.portalUsers()
          .put(new PortalUser(state.userId(), state.disabled(), state.mfaRequired(), 0, null));
    }
  }

  private static boolean locked(PortalUser state, Instant now) {
    return state.lockedUntil() != null && now.isBefore(state.lockedUntil());
  }

  private List<MfaDevice> enabledDevices(String userId) {
    return db.mfaDevices().listForUser(userId);
  }

  private Optional<User> findUser(String userName) {
    if (userName == null || userName.isBlank() || userName.length() > 64) {
      return Optional.empty();
    }
    Optional<Account> management = db.accounts().findManagement();
    return management.flatMap(a -> db.users().findByName(a.id(), userName.strip()));
  }

  private static String shorten(String name) {
    if (name == null) {
      return "";
    }
    String n = name.length() > 64 ? name.substring(0, 64) : name;
    return n.replaceAll("[^\\w+=,.@-]", "?");
  }

  static String otpauth(String userName, String account, String base32) {
    String label = enc(ISSUER) + ":" + enc(userName + "@" + account);
    return "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + enc(ISSUER);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
