package dev.stint.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A browser's portal session, by the SHA-256 of its id (the id itself lives only in the cookie). A
 * session in stage {@link Stage#MFA} or {@link Stage#ENROL} is a sign-in waiting for its second
 * step, not yet signed in. Immutable and thread-safe.
 *
 * @param signedOut when the user signed out, or {@code null}
 * @param mfaAuthenticated when a TOTP code was checked for this sign-in, or {@code null}
 */
public record PortalSession(
    String idHash,
    String userId,
    Stage stage,
    Instant created,
    Instant expires,
    Instant signedOut,
    Instant mfaAuthenticated) {

  /** Where a sign-in stands. */
  public enum Stage {
    /** Password accepted; a TOTP code is next. */
    MFA,
    /** Password accepted; the user must enrol an MFA device first. */
    ENROL,
    /** Signed in. */
    ACTIVE
  }

  public PortalSession {
    Checks.hash(idHash, "session id hash");
    Checks.matching(userId, Checks.USER_ID, "user id");
    Objects.requireNonNull(stage, "stage");
    created = Checks.millis(created, "created");
    expires = Checks.millis(expires, "expires");
    signedOut = Checks.optionalMillis(signedOut);
    mfaAuthenticated = Checks.optionalMillis(mfaAuthenticated);
    if (!expires.isAfter(created)) {
      throw new IllegalArgumentException("session expires " + expires + " before " + created);
    }
  }

  /** Signed in, not signed out and not expired at {@code now}. */
  public boolean activeAt(Instant now) {
    return stage == Stage.ACTIVE && signedOut == null && now.isBefore(expires);
  }
}
