package dev.stint.server.store;

import java.time.Instant;

/**
 * A user's portal state: disabled (no sign-in, no portal credentials), MFA required (sign-in enrols
 * a device first), and the lockout counters of sign-in. A user without a stored state has {@link
 * #initial}. Immutable and thread-safe.
 *
 * @param failedSignIns wrong passwords or codes in a row since the last successful sign-in
 * @param lockedUntil sign-in is refused before this time, or {@code null}
 */
public record PortalUser(
    String userId, boolean disabled, boolean mfaRequired, int failedSignIns, Instant lockedUntil) {

  public PortalUser {
    Checks.matching(userId, Checks.USER_ID, "user id");
    if (failedSignIns < 0) {
      throw new IllegalArgumentException("failedSignIns " + failedSignIns + " is negative");
    }
    lockedUntil = Checks.optionalMillis(lockedUntil);
  }

  /** The state of a user nobody has changed: enabled, MFA optional, no failures. */
  public static PortalUser initial(String userId) {
    return new PortalUser(userId, false, false, 0, null);
  }
}
