package dev.stint.core.token;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a session token was not accepted. Two meanings reach the caller: {@link Invalid} (AWS's
 * {@code InvalidClientTokenId}) and {@link Expired} (AWS's {@code ExpiredToken}). {@link Expired}
 * is only ever raised for a token that authenticated, so it never tells an attacker anything about
 * a forged one.
 *
 * <p>No stack trace is recorded: these are ordinary rejections on the request path, possibly in
 * bulk, and the {@link Invalid#reason()} says where verification stopped.
 */
public abstract sealed class TokenException extends Exception {

  private static final long serialVersionUID = 1L;

  private TokenException(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /**
   * The token is not one this service issued for this access key id, or cannot be checked any more.
   * The message is the same whatever the reason; {@link #reason()} and the cause are for logs and
   * metrics only and must not reach the client.
   */
  public static final class Invalid extends TokenException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    Invalid(Reason reason, Throwable cause) {
      super("session token is invalid", cause);
      this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
      return reason;
    }
  }

  /** The token is authentic, and its credentials expired at {@link #expiredAt()}. */
  public static final class Expired extends TokenException {
    private static final long serialVersionUID = 1L;
    private final Instant expiredAt;

    Expired(Instant expiredAt) {
      super("session token expired at " + expiredAt, null);
      this.expiredAt = Objects.requireNonNull(expiredAt, "expiredAt");
    }

    public Instant expiredAt() {
      return expiredAt;
    }
  }

  /** Where verification of an {@link Invalid} token stopped. */
  public enum Reason {
    /** Longer than {@link SessionTokenCodec#MAX_TOKEN_LENGTH}; not decoded at all. */
    TOO_LARGE,
    /** The access key id it came with is not a temporary ({@code ASIA...}) one. */
    ACCESS_KEY_ID,
    /** Empty, not canonical base64, too short, or a header out of shape. */
    MALFORMED,
    /** A format version this service does not read. */
    UNSUPPORTED_VERSION,
    /** Names a key that is not in the ring, or one retired at the time of the check. */
    UNKNOWN_KEY,
    /** Fails authentication: altered, cut, moved to another access key id, or under other key. */
    NOT_AUTHENTIC,
    /** Authentic, but its claims do not read back: a bug, since only this service writes them. */
    BAD_CLAIMS
  }

  static Invalid invalid(Reason reason) {
    return new Invalid(reason, null);
  }

  static Invalid invalid(Reason reason, Throwable cause) {
    return new Invalid(reason, cause);
  }
}
