package dev.stint.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One OIDC device authorization (RFC 8628): the SHA-256 of its device code, the user code a person
 * types or confirms, who approved or denied it, and when the client last polled. Immutable and
 * thread-safe.
 *
 * @param lastPoll when the client last asked for a token, or {@code null}
 * @param userId the user who approved or denied it, or {@code null} while pending
 * @param sessionHash the portal session that approved it, or {@code null}
 */
public record DeviceAuthorization(
    String deviceCodeHash,
    String userCode,
    String clientId,
    String startUrl,
    Instant created,
    Instant expires,
    int intervalSeconds,
    Instant lastPoll,
    Status status,
    String userId,
    String sessionHash) {

  /** Where the authorization stands. */
  public enum Status {
    PENDING,
    APPROVED,
    DENIED,
    /** Approved and exchanged for tokens: a device code works once. */
    REDEEMED
  }

  public DeviceAuthorization {
    Checks.hash(deviceCodeHash, "device code hash");
    Checks.text(userCode, "user code", 32);
    Checks.matching(clientId, Checks.PORTAL_ID, "client id");
    Checks.text(startUrl, "start url", Checks.MAX_TEXT);
    created = Checks.millis(created, "created");
    expires = Checks.millis(expires, "expires");
    if (intervalSeconds < 1) {
      throw new IllegalArgumentException("interval " + intervalSeconds + " is below 1 second");
    }
    lastPoll = Checks.optionalMillis(lastPoll);
    Objects.requireNonNull(status, "status");
    if (userId != null) {
      Checks.matching(userId, Checks.USER_ID, "user id");
    }
    if ((status == Status.PENDING) != (userId == null)) {
      throw new IllegalArgumentException(
          "device authorization " + userCode + " is " + status + " with user " + userId);
    }
    if (sessionHash != null) {
      Checks.hash(sessionHash, "session hash");
    }
  }
}
