package dev.stint.core.chain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The bits of Python behaviour that botocore's messages and command handling show through: {@code
 * repr} of a list of names, {@code str} of a JSON scalar, and {@code shlex.split}. Stateless and
 * thread-safe.
 */
final class Python {

  private Python() {}

  /** {@code repr(list_of_str)}: {@code ['a', 'b']}. */
  static String repr(List<String> values) {
    List<String> items = new ArrayList<>();
    for (String value : values) {
      items.add(repr(value));
    }
    return "[" + String.join(", ", items) + "]";
  }

  /** {@code repr(str)} for printable text: single quotes unless the text has one and no double. */
  static String repr(String value) {
    char quote = value.indexOf('\'') >= 0 && value.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(quote);
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c == quote) {
            out.append('\\');
          }
          out.append(c);
        }
      }
    }
    return out.append(quote).toString();
  }

  /** {@code str(value)} for a value read from JSON, as far as messages need it. */
  static String str(Object value) {
    return switch (value) {
      case null -> "None";
      case Boolean b -> b ? "True" : "False";
      case BigDecimal d -> d.toString();
      case List<?> list -> {
        List<String> items = new ArrayList<>();
        for (Object item : list) {
          items.add(item instanceof String s ? repr(s) : str(item));
        }
        yield "[" + String.join(", ", items) + "]";
      }
      default -> value.toString();
    };
  }

  /** Why {@link #shlexSplit} refused a command line; the text is shlex's. */
  static final class ShlexException extends Exception {
    private static final long serialVersionUID = 1L;

    ShlexException(String message) {
      super(message);
    }
  }

  /**
   * {@code shlex.split(s)} in POSIX mode, which botocore uses to turn {@code credential_process}
   * into an argument list (no shell runs, so {@code $VAR}, {@code ~} and pipes stay literal).
   *
   * <pre>
   * line  = *( ws ) *( word *( ws ) )
   * word  = 1*( plain | "\" char | "'" *not-' "'" | DQUOTE *( "\" ( DQUOTE | "\" ) | other ) DQUOTE )
   * </pre>
   */
  static List<String> shlexSplit(String line) throws ShlexException {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        i++;
        continue;
      }
      if (word == null) {
        word = new StringBuilder();
      }
      if (c == '\\') {
        if (i + 1 >= line.length()) {
          throw new ShlexException("No escaped character");
        }
        word.append(line.charAt(i + 1));
        i += 2;
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new ShlexException("No closing quotation");
        }
        word.append(line, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        i++;
        boolean closed = false;
        while (i < line.length()) {
          char d = line.charAt(i);
          if (d == '"') {
            closed = true;
            i++;
            break;
          }
          if (d == '\\' && i + 1 < line.length()) {
            char next = line.charAt(i + 1);
            if (next == '"' || next == '\\') {
              word.append(next);
              i += 2;
              continue;
            }
          }
          word.append(d);
          i++;
        }
        if (!closed) {
          throw new ShlexException("No closing quotation");
        }
      } else {
        word.append(c);
        i++;
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
