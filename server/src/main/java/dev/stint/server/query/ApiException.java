package dev.stint.server.query;

import java.util.Objects;

/**
 * An error answered in AWS's envelope. Two kinds by meaning: {@link Rejected} (the caller sent
 * something we refuse) and {@link Failed} (our fault; the cause is logged, never sent). Build them
 * with the static helpers so call sites read {@code throw rejected(...)}.
 */
public abstract sealed class ApiException extends RuntimeException
    permits ApiException.Rejected, ApiException.Failed {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  ApiException(ErrorCode code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }

  /** The caller's fault: the request is refused with this code and message. */
  public static Rejected rejected(ErrorCode code, String message) {
    return new Rejected(code, message);
  }

  /** Our fault: answered as {@code InternalFailure}; {@code cause} goes to the log only. */
  public static Failed failed(String what, Throwable cause) {
    return new Failed(what, cause);
  }

  /** The request was refused; the message is safe to send. */
  public static final class Rejected extends ApiException {
    private static final long serialVersionUID = 1L;

    Rejected(ErrorCode code, String message) {
      super(code, message, null);
    }
  }

  /** Something failed on our side; the message is for the log, the wire gets a generic one. */
  public static final class Failed extends ApiException {
    private static final long serialVersionUID = 1L;

    Failed(String what, Throwable cause) {
      super(ErrorCode.INTERNAL_FAILURE, what, cause);
    }
  }
}
