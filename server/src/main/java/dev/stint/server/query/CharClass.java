package dev.stint.server.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one form of regular expression most model shapes use, a character class repeated, matched
 * without {@link java.util.regex}: the class is read once into an ASCII bitmap, code point ranges
 * and Unicode categories. Validating a role ARN with the regex walked a chain of a dozen class
 * predicates per character; here it is a bit test. Only what is read below is taken; anything else
 * is left to {@link java.util.regex.Pattern}, so a shape never changes meaning. Immutable and
 * thread-safe.
 */
final class CharClass {
  private final long[] ascii = new long[2];
  private final int[] ranges; // inclusive [from, to] pairs, for code points above ASCII
  private final int categories; // bits 1 << Character.getType(cp), for code points above ASCII
  private final boolean nonEmpty;

  private CharClass(List<int[]> ranges, int categories, boolean nonEmpty) {
    this.categories = categories;
    this.nonEmpty = nonEmpty;
    this.ranges = new int[ranges.size() * 2];
    for (int i = 0; i < ranges.size(); i++) {
      this.ranges[2 * i] = ranges.get(i)[0];
      this.ranges[2 * i + 1] = ranges.get(i)[1];
    }
    for (int c = 0; c < 128; c++) {
      if (inRanges(c) || inCategories(c)) {
        ascii[c >> 6] |= 1L << c;
      }
    }
  }

  // regex = "[" item+ "]" ("*" | "+")
  // item  = char ["-" char] | "\w" | "\d" | "\p{L}" | "\p{Z}" | "\p{N}"
  // char  = "\" "u" 4 hex digits (no surrogate) | "\" ASCII punctuation
  //         | a character of the BMP but "\", "[", "]", "&", "^" and surrogates
  //         (a "-" is a character where it cannot start a range: first, or last before "]")
  /**
   * The class of {@code regex} when it has the form above, read as {@link java.util.regex} does.
   */
  static Optional<CharClass> parse(String regex) {
    int end = regex.length() - 2;
    if (regex.length() < 4
        || regex.charAt(0) != '['
        || regex.charAt(end) != ']'
        || "*+".indexOf(regex.charAt(end + 1)) < 0) {
      return Optional.empty();
    }
    var ranges = new ArrayList<int[]>();
    int categories = 0;
    int i = 1;
    while (i < end) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < end && "wdp".indexOf(regex.charAt(i + 1)) >= 0) {
        char kind = regex.charAt(i + 1);
        if (kind == 'w') {
          ranges.add(new int[] {'a', 'z'});
          ranges.add(new int[] {'A', 'Z'});
          ranges.add(new int[] {'_', '_'});
          ranges.add(new int[] {'0', '9'});
          i += 2;
        } else if (kind == 'd') {
          ranges.add(new int[] {'0', '9'});
          i += 2;
        } else {
          int category = category(regex, i, end);
          if (category == 0) {
            return Optional.empty();
          }
          categories |= category;
          i += 5;
        }
        continue;
      }
      int[] first = character(regex, i, end);
      if (first == null) {
        return Optional.empty();
      }
      i = first[1];
      int from = first[0];
      int to = from;
      if (i + 1 < end && regex.charAt(i) == '-') {
        int[] last = character(regex, i + 1, end);
        if (last == null || last[0] < from) {
          return Optional.empty();
        }
        to = last[0];
        i = last[1];
      }
      ranges.add(new int[] {from, to});
    }
    return i == 1
        ? Optional.empty()
        : Optional.of(new CharClass(ranges, categories, regex.charAt(end + 1) == '+'));
  }

  /** Whether all of {@code s} matches: every code point in the class, and one at least for "+". */
  boolean matches(String s) {
    if (s.isEmpty()) {
      return !nonEmpty;
    }
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c < 128) {
        if ((ascii[c >> 6] & 1L << c) == 0) {
          return false;
        }
        i++;
      } else {
        int cp = s.codePointAt(i);
        if (!inRanges(cp) && !inCategories(cp)) {
          return false;
        }
        i += Character.charCount(cp);
      }
    }
    return true;
  }

  private boolean inRanges(int cp) {
    for (int i = 0; i < ranges.length; i += 2) {
      if (cp >= ranges[i] && cp <= ranges[i + 1]) {
        return true;
      }
    }
    return false;
  }

  private boolean inCategories(int cp) {
    return categories != 0 && (categories & 1 << Character.getType(cp)) != 0;
  }

  /** One character at {@code i}: its code point and the index after it; null if not one. */
  private static int[] character(String regex, int i, int end) {
    char c = regex.charAt(i);
    if (c != '\\') {
      return "[]&^".indexOf(c) >= 0 || Character.isSurrogate(c) ? null : new int[] {c, i + 1};
    }
    if (i + 1 >= end) {
      return null;
    }
    char escaped = regex.charAt(i + 1);
    if (escaped == 'u' && i + 6 <= end) {
      int value = 0;
      for (int j = i + 2; j < i + 6; j++) {
        int digit = Character.digit(regex.charAt(j), 16);
        if (digit < 0) {
          return null;
        }
        value = value << 4 | digit;
      }
      // A surrogate may pair with the escape after it; that is left to the regex.
      return Character.isSurrogate((char) value) ? null : new int[] {value, i + 6};
    }
    boolean punctuation = escaped < 128 && !Character.isLetterOrDigit(escaped);
    return punctuation ? new int[] {escaped, i + 2} : null;
  }

  /** The categories of {@code \p{L}}, {@code \p{Z}} or {@code \p{N}} at {@code i}; 0 otherwise. */
  private static int category(String regex, int i, int end) {
    if (i + 5 > end || regex.charAt(i + 2) != '{' || regex.charAt(i + 4) != '}') {
      return 0;
    }
    return switch (regex.charAt(i + 3)) {
      case 'L' ->
          1 << Character.UPPERCASE_LETTER
              | 1 << Character.LOWERCASE_LETTER
              | 1 << Character.TITLECASE_LETTER
              | 1 << Character.MODIFIER_LETTER
              | 1 << Character.OTHER_LETTER;
      case 'Z' ->
          1 << Character.SPACE_SEPARATOR
              | 1 << Character.LINE_SEPARATOR
              | 1 << Character.PARAGRAPH_SEPARATOR;
      case 'N' ->
          1 << Character.DECIMAL_DIGIT_NUMBER
              | 1 << Character.LETTER_NUMBER
              | 1 << Character.OTHER_NUMBER;
      default -> 0;
    };
  }
}
