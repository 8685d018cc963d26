package dev.stint.server.portal;

import dev.stint.server.store.Database;
import dev.stint.server.store.PortalSession;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Portal sessions: a fresh random id at every sign-in (and at every step of one), kept by the
 * browser in a cookie and by the store only as a hash; found, validated and signed out by that id.
 * Signing out also ends every OIDC token the session approved. CSRF tokens are derived from the
 * session id, so a page can check a form without storing anything. Thread-safe.
 */
public final class PortalSessions {
  /** How long a half-finished sign-in (password accepted, MFA next) may wait. */
  public static final Duration PENDING_LENGTH = Duration.ofMinutes(10);

  static final String PREFIX = "sps_";

  private final Database db;
  private final PortalSettings settings;
  private final Secrets secrets;
  private final Clock clock;

  PortalSessions(Database db, PortalSettings settings, Secrets secrets, Clock clock) {
    this.db = db;
    this.settings = settings;
    this.secrets = secrets;
    this.clock = clock;
  }

  /**
   * A session just created: the id for the cookie (shown once, never stored) and the stored
   * session. {@code toString} leaves the id out.
   */
  public record Created(String id, PortalSession session) {
    public Created {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(session, "session");
    }

    @Override
    public String toString() {
      return "Created[id=<redacted>, session=" + session + "]";
    }
  }

  /**
   * Starts a signed-in session for a user, as long as the portal session length says.
   *
   * @param mfaAuthenticated when a TOTP code was checked for this sign-in, or {@code null}
   */
  public Created create(String userId, Instant mfaAuthenticated) {
    Instant now = clock.instant();
    return store(
        userId,
        PortalSession.Stage.ACTIVE,
        now,
        now.plus(settings.sessionLength()),
        mfaAuthenticated);
  }

  /** A half-finished sign-in at {@code stage} (MFA or ENROL); it lasts {@link #PENDING_LENGTH}. */
  Created createPending(String userId, PortalSession.Stage stage) {
    Instant now = clock.instant();
    return store(userId, stage, now, now.plus(PENDING_LENGTH), null);
  }

  private Created store(
      String userId, PortalSession.Stage stage, Instant now, Instant expires, Instant mfa) {
    String id = secrets.next(PREFIX);
    var session = new PortalSession(Secrets.hash(id), userId, stage, now, expires, null, mfa);
    db.portalSessions().create(session);
    return new Created(id, session);
  }

  /**
   * The signed-in session with this id: not pending, not signed out, not expired, and its user
   * neither deleted nor disabled. Empty for anything else, including a malformed id.
   */
  public Optional<PortalSession> find(String id) {
    return lookup(id)
        .filter(s -> s.activeAt(clock.instant()))
        .filter(s -> !db.portalUsers().find(s.userId()).disabled());
  }

  /** A half-finished sign-in at {@code stage} that has not expired. */
  Optional<PortalSession> findPending(String id, PortalSession.Stage stage) {
    Instant now = clock.instant();
    return lookup(id)
        .filter(s -> s.stage() == stage && s.signedOut() == null && now.isBefore(s.expires()));
  }

  /** Ends a pending sign-in (it moved on, or failed for good). */
  void discard(String id) {
    if (wellFormed(id)) {
      db.portalSessions().delete(Secrets.hash(id));
    }
  }

  /**
   * Signs a session out and revokes the OIDC tokens it approved. Credentials already issued live on
   * until they expire. Unknown ids are ignored.
   */
  public void signOut(String id) {
    if (!wellFormed(id)) {
      return;
    }
    String hash = Secrets.hash(id);
    Instant now = clock.instant();
    db.portalSessions().signOut(hash, now);
    db.oidc().revokeSession(hash, now);
  }

  /**
   * The CSRF token for forms of the session with this id: an HMAC of a fixed label under the
   * session id, so it changes with every session and reveals nothing about the id.
   */
  public String csrfToken(String id) {
    Objects.requireNonNull(id, "id");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(id.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] tag = mac.doFinal("stint portal csrf v1".getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Whether {@code token} is the CSRF token of the session with this id (constant time). */
  public boolean checkCsrf(String id, String token) {
    return id != null && token != null && Secrets.same(csrfToken(id), token);
  }

  /** Deletes sessions that expired more than a day ago. Returns how many. */
  public int prune() {
    return db.portalSessions().deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
  }

  private Optional<PortalSession> lookup(String id) {
    if (!wellFormed(id)) {
      return Optional.empty();
    }
    return db.portalSessions().find(Secrets.hash(id));
  }

  private static boolean wellFormed(String id) {
    return id != null && id.startsWith(PREFIX) && id.length() <= 128;
  }
}
