package dev.stint.core.export;

import java.util.Objects;

/**
 * A value cannot be written in a {@link CredentialFormat} so that the target reads it back
 * unchanged, for example a {@code %} for {@code cmd.exe} or a line break in an INI file. Rather
 * than print something that a shell would expand, split or cut, rendering stops. The message names
 * the variable and what is wrong with its value; it never holds the value, which is usually a
 * secret.
 */
public final class UnrepresentableValueException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** What makes a value unrepresentable, worded to follow "the value contains". */
  public enum Reason {
    NUL("a NUL character"),
    CONTROL_CHARACTER("a control character"),
    NON_ASCII("a character outside printable ASCII"),
    PERCENT_SIGN("'%', which cmd.exe expands"),
    EXCLAMATION_MARK("'!', which cmd.exe expands when delayed expansion is on"),
    DOUBLE_QUOTE("'\"', which would end cmd.exe's quoting"),
    SURROUNDING_WHITESPACE("leading or trailing whitespace, which INI readers strip"),
    COMMENT_MARKER("'#' or ';' at its start or after whitespace, which INI readers may drop"),
    BRACKET("'[' or ']', which an INI section name cannot hold"),
    DATE_OUT_OF_RANGE("a date outside the years 1 to 9999");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** The reason in words, for example {@code '%', which cmd.exe expands}. */
    public String description() {
      return description;
    }
  }

  private final CredentialFormat format;
  private final String variable;
  private final Reason reason;

  UnrepresentableValueException(CredentialFormat format, String variable, Reason reason) {
    super(
        "cannot write "
            + variable
            + " in the "
            + format.cliName()
            + " format: the value contains "
            + reason.description());
    this.format = Objects.requireNonNull(format, "format");
    this.variable = Objects.requireNonNull(variable, "variable");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The format that was being rendered. */
  public CredentialFormat format() {
    return format;
  }

  /**
   * The name the value would have had: an environment variable such as {@code AWS_SESSION_TOKEN},
   * an INI key such as {@code aws_session_token}, or {@code profile name}.
   */
  public String variable() {
    return variable;
  }

  public Reason reason() {
    return reason;
  }
}
