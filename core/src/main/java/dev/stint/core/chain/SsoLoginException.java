package dev.stint.core.chain;

/**
 * Why an IAM Identity Center sign-in ({@link SsoLogin}) did not finish although every call worked:
 * the person said no, nobody answered in time, or the browser brought back an answer to another
 * request. Messages hold no secret.
 */
public abstract sealed class SsoLoginException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private SsoLoginException(String message) {
    super(message);
  }

  /** The person denied the request on the device or authorization page. */
  public static final class Denied extends SsoLoginException {
    private static final long serialVersionUID = 1L;

    Denied() {
      super("The sign-in request was denied.");
    }
  }

  /** The request was not approved before it expired (device code), or no browser came back. */
  public static final class Expired extends SsoLoginException {
    private static final long serialVersionUID = 1L;

    Expired(String message) {
      super(message);
    }
  }

  /** The browser came back with a state this sign-in did not send: another request's answer. */
  public static final class StateMismatch extends SsoLoginException {
    private static final long serialVersionUID = 1L;

    StateMismatch() {
      super("The browser's answer does not belong to this sign-in (the state does not match).");
    }
  }
}
