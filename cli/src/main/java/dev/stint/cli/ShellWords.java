package dev.stint.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads quoted words as POSIX shells and fish read them, for values that {@code stint configure
 * import} takes from pasted lines. Refuses anything that would expand ({@code $}, backquotes)
 * rather than guess. Stateless.
 */
final class ShellWords {

  private ShellWords() {}

  /**
   * One POSIX shell word, then at most a comment.
   *
   * <pre>
   * word = { bare-char | "\" char | "'" { char } "'" | '"' { char | "\" ("$" | "`" | '"' | "\") } '"' }
   * </pre>
   */
  static String posix(String text, int line) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        String rest = text.substring(i).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
          throw ImportParser.usage(
              "line " + line + ": more than one word after =; quote the value");
        }
        break;
      }
      switch (c) {
        case '\'' -> {
          int close = text.indexOf('\'', i + 1);
          if (close < 0) {
            throw unclosed(line);
          }
          out.append(text, i + 1, close);
          i = close + 1;
        }
        case '"' -> {
          i++;
          while (true) {
            if (i >= text.length()) {
              throw unclosed(line);
            }
            char d = text.charAt(i);
            if (d == '"') {
              i++;
              break;
            }
            if (d == '$' || d == '`') {
              throw expands(line);
            }
            if (d == '\\' && i + 1 < text.length() && "$`\"\\".indexOf(text.charAt(i + 1)) >= 0) {
              d = text.charAt(++i);
            }
            out.append(d);
            i++;
          }
        }
        case '\\' -> {
          if (i + 1 >= text.length()) {
            throw unclosed(line);
          }
          out.append(text.charAt(i + 1));
          i += 2;
        }
        case '$', '`' -> throw expands(line);
        case ';', '&', '|', '<', '>', '(', ')' ->
            throw ImportParser.usage("line " + line + ": the value holds shell syntax; quote it");
        default -> {
          out.append(c);
          i++;
        }
      }
    }
    return out.toString();
  }

  /**
   * Words as fish splits them: {@code '...'} (escapes {@code \\} and {@code \'}), {@code "..."}
   * (escapes {@code \\ \" \$}), bare characters with {@code \} escapes.
   */
  static List<String> fish(String text, int line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        i++;
        continue;
      }
      if (c == '#' && word == null) {
        break;
      }
      if (word == null) {
        word = new StringBuilder();
      }
      if (c == '\'' || c == '"') {
        i++;
        while (true) {
          if (i >= text.length()) {
            throw unclosed(line);
          }
          char d = text.charAt(i);
          if (d == c) {
            i++;
            break;
          }
          if (c == '"' && d == '$') {
            throw expands(line);
          }
          String escapable = c == '\'' ? "\\'" : "\\\"$";
          if (d == '\\' && i + 1 < text.length() && escapable.indexOf(text.charAt(i + 1)) >= 0) {
            d = text.charAt(++i);
          }
          word.append(d);
          i++;
        }
      } else if (c == '\\' && i + 1 < text.length()) {
        word.append(text.charAt(i + 1));
        i += 2;
      } else if (c == '$' || c == '(' || c == ';' || c == '|' || c == '&') {
        throw expands(line);
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

  private static CommandException.Usage unclosed(int line) {
    return ImportParser.usage("line " + line + ": a quote is not closed");
  }

  private static CommandException.Usage expands(int line) {
    return ImportParser.usage(
        "line "
            + line
            + ": the value would expand in the shell ($ or `); stint does not expand it");
  }
}
