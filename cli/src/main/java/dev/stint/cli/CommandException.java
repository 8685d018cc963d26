package dev.stint.cli;

/**
 * A failure a command detects itself, by meaning; {@link ExitCodes} maps each kind to its status.
 * Messages name what is wrong and never hold a secret.
 */
abstract sealed class CommandException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private CommandException(String message) {
    super(message);
  }

  /** The arguments or the input cannot be used as given. */
  static final class Usage extends CommandException {
    private static final long serialVersionUID = 1L;

    Usage(String message) {
      super(message);
    }
  }

  /** The configuration or the service's answer leaves nothing to do, such as no account. */
  static final class Config extends CommandException {
    private static final long serialVersionUID = 1L;

    Config(String message) {
      super(message);
    }
  }

  /** stint will not do it: it would nest or recurse. */
  static final class Refused extends CommandException {
    private static final long serialVersionUID = 1L;
    private final String marker;

    Refused(String marker, String message) {
      super(message);
      this.marker = marker;
    }

    /** The environment variable that showed the nesting or recursion. */
    String marker() {
      return marker;
    }
  }
}
