package dev.stint.server.store;

import java.time.Instant;

/**
 * A revocation: either one session by id, or every session of a principal issued before a time.
 * Exactly one of the two forms is set. Immutable and thread-safe.
 *
 * @param sessionId the revoked session, or {@code null} for a principal revocation
 * @param principalArn the principal whose sessions are revoked, or {@code null}
 * @param issuedBefore sessions of {@code principalArn} issued before this are revoked, or {@code
 *     null}
 * @param created when the revocation was recorded; nodes poll by this
 */
public record Revocation(
    String id, String sessionId, String principalArn, Instant issuedBefore, Instant created) {

  public Revocation {
    Checks.text(id, "revocation id", 128);
    Checks.optionalText(sessionId, "session id", 128);
    Checks.optionalText(principalArn, "principal arn", Checks.MAX_ARN);
    issuedBefore = Checks.optionalMillis(issuedBefore);
    created = Checks.millis(created, "created");
    boolean session = sessionId != null && principalArn == null && issuedBefore == null;
    boolean principal = sessionId == null && principalArn != null && issuedBefore != null;
    if (!session && !principal) {
      throw new IllegalArgumentException(
          "Revocation "
              + id
              + " must name either a session id, or a principal arn and an issued-before time");
    }
  }

  /** Revokes one session. */
  public static Revocation ofSession(String id, String sessionId, Instant created) {
    return new Revocation(id, sessionId, null, null, created);
  }

  /** Revokes every session of a principal issued before a time. */
  public static Revocation ofPrincipal(
      String id, String principalArn, Instant issuedBefore, Instant created) {
    return new Revocation(id, null, principalArn, issuedBefore, created);
  }
}
