package dev.stint.server.sts;

import dev.stint.server.auth.Caller;
import java.time.Instant;

/**
 * Checks an MFA code that a caller sends with {@code SerialNumber} and {@code TokenCode}: the
 * device must be the caller's user's, enabled, and the code valid now and not used before.
 * Thread-safe.
 */
@FunctionalInterface
public interface MfaCheck {
  boolean verify(Caller caller, String serialNumber, String tokenCode, Instant now);
}
