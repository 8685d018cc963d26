package dev.stint.core.export;

import dev.stint.core.export.UnrepresentableValueException.Reason;

/**
 * Quotes one value for one target, or refuses it; the rules are on {@link CredentialFormat}.
 * Stateless and thread-safe.
 */
final class Quoting {

  private Quoting() {}

  /**
   * Characters that mean nothing to any of the shells when unquoted in an assignment: Python's
   * {@code shlex.quote} safe set. AWS keys, secrets and tokens, region names and the expiry stamp
   * are made of these alone.
   */
  static boolean isPlain(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "_@%+=:,./-".indexOf(c) >= 0;
  }

  private static boolean allPlain(String value, boolean allowPercent) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isPlain(c) || (c == '%' && !allowPercent)) {
        return false;
      }
    }
    return true;
  }

  /** POSIX sh, bash, zsh: as is when plain, else single quotes with {@code '} as {@code '\''}. */
  static String posix(CredentialFormat format, String variable, String value) {
    rejectNul(format, variable, value);
    if (allPlain(value, true)) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** fish: always single quotes, inside which only {@code \\} and {@code \'} are escapes. */
  static String fish(CredentialFormat format, String variable, String value) {
    rejectNul(format, variable, value);
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * PowerShell: double quotes when plain (as the AWS CLI prints), else a single-quoted literal in
   * which each of PowerShell's five single-quote characters is doubled.
   */
  static String powerShell(CredentialFormat format, String variable, String value) {
    if (allPlain(value, true)) {
      return "\"" + value + "\"";
    }
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw new UnrepresentableValueException(format, variable, Reason.NUL);
      }
      if (c < 0x20 || c == 0x7f) {
        throw new UnrepresentableValueException(format, variable, Reason.CONTROL_CHARACTER);
      }
      out.append(c);
      if (c == '\'' || (c >= '\u2018' && c <= '\u201b')) {
        out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  /**
   * cmd.exe: the whole line is {@code set NAME=value} when the value is plain and has no {@code %},
   * else {@code set "NAME=value"}, inside whose quotes {@code & | < > ^ ( )} and spaces are
   * literal. Returns the text after {@code set }.
   */
  static String cmdAssignment(CredentialFormat format, String variable, String value) {
    if (allPlain(value, false)) {
      return variable + "=" + value;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      Reason reason =
          switch (c) {
            case '\0' -> Reason.NUL;
            case '%' -> Reason.PERCENT_SIGN;
            case '!' -> Reason.EXCLAMATION_MARK;
            case '"' -> Reason.DOUBLE_QUOTE;
            default -> printableAscii(c);
          };
      if (reason != null) {
        throw new UnrepresentableValueException(format, variable, reason);
      }
    }
    return "\"" + variable + "=" + value + "\"";
  }

  /**
   * An INI value or section name as botocore and the AWS SDKs all read it back: printable ASCII, no
   * whitespace at either end, no {@code #} or {@code ;} at the start or after whitespace (the SDKs
   * take those for comments).
   */
  static String ini(CredentialFormat format, String variable, String value, boolean sectionName) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      Reason reason = c == '\0' ? Reason.NUL : printableAscii(c);
      if (reason == null && sectionName && (c == '[' || c == ']')) {
        reason = Reason.BRACKET;
      }
      if (reason == null && (c == '#' || c == ';') && (i == 0 || value.charAt(i - 1) == ' ')) {
        reason = Reason.COMMENT_MARKER;
      }
      if (reason != null) {
        throw new UnrepresentableValueException(format, variable, reason);
      }
    }
    if (value.startsWith(" ") || value.endsWith(" ")) {
      throw new UnrepresentableValueException(format, variable, Reason.SURROUNDING_WHITESPACE);
    }
    return value;
  }

  private static Reason printableAscii(char c) {
    if (c < 0x20 || c == 0x7f) {
      return Reason.CONTROL_CHARACTER;
    }
    return c > 0x7f ? Reason.NON_ASCII : null;
  }

  private static void rejectNul(CredentialFormat format, String variable, String value) {
    if (value.indexOf('\0') >= 0) {
      throw new UnrepresentableValueException(format, variable, Reason.NUL);
    }
  }
}
