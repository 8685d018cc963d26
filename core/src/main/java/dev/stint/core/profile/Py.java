package dev.stint.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few Python string rules that botocore's reading of the shared files depends on: what {@code
 * str.strip()} and the regex {@code \s} count as whitespace, where {@code str.splitlines()} breaks,
 * and {@code shlex.split} for section names. Matching them character for character is what makes
 * our profile maps equal botocore's. Stateless and thread-safe.
 */
final class Py {

  private Py() {}

  /** Python's {@code str.isspace()}, which is also what {@code re}'s {@code \s} matches. */
  static boolean isSpace(char c) {
    return switch (c) {
      case '\t', '\n', '\u000b', '\f', '\r', '\u001c', '\u001d', '\u001e', '\u001f', ' ' -> true;
      case '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000' -> true;
      default -> c >= '\u2000' && c <= '\u200a';
    };
  }

  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Index of the first non-whitespace character, or -1. */
  static int firstNonSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isSpace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Python's {@code str.splitlines()} without the line ends. */
  static List<String> splitLines(String s) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      boolean breaks =
          switch (c) {
            case '\n', '\u000b', '\f', '\r', '\u001c', '\u001d', '\u001e', '\u0085' -> true;
            case '\u2028', '\u2029' -> true;
            default -> false;
          };
      if (!breaks) {
        i++;
        continue;
      }
      lines.add(s.substring(start, i));
      i += (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') ? 2 : 1;
      start = i;
    }
    if (start < s.length()) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  /**
   * Python's {@code shlex.split(s)} (POSIX mode, no comments), or empty when shlex raises (an
   * unclosed quote or a trailing backslash): botocore then ignores the section.
   */
  static Optional<List<String>> shlexSplit(String s) {
    List<String> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    boolean inToken = false; // a word or a quoted part has started, even if empty
    char state = ' ';
    char escapedState = ' ';
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (state) {
        case '\'', '"' -> {
          if (c == state) {
            state = 'a';
          } else if (c == '\\' && state == '"') {
            escapedState = state;
            state = '\\';
          } else {
            token.append(c);
          }
        }
        case '\\' -> {
          // Inside double quotes a backslash escapes only the quote and itself.
          if (escapedState == '"' && c != '"' && c != '\\') {
            token.append('\\');
          }
          token.append(c);
          state = escapedState;
        }
        default -> {
          if (isShlexSpace(c)) {
            if (inToken) {
              tokens.add(token.toString());
              token.setLength(0);
              inToken = false;
            }
            state = ' ';
          } else if (c == '\'' || c == '"') {
            inToken = true;
            state = c;
          } else if (c == '\\') {
            inToken = true;
            escapedState = 'a';
            state = '\\';
          } else {
            inToken = true;
            token.append(c);
            state = 'a';
          }
        }
      }
    }
    if (state == '\'' || state == '"' || state == '\\') {
      return Optional.empty();
    }
    if (inToken) {
      tokens.add(token.toString());
    }
    return Optional.of(tokens);
  }

  private static boolean isShlexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /** Python's {@code shlex.quote(s)}: the name unchanged when it is safe, else single-quoted. */
  static String shlexQuote(String s) {
    if (!s.isEmpty() && s.chars().allMatch(Py::isShlexSafe)) {
      return s;
    }
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }

  private static boolean isShlexSafe(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "_@%+=:,./-".indexOf(c) >= 0;
  }
}
