package dev.stint.server.query;

import java.util.regex.Pattern;

/**
 * A string shape of a service model: length bounds and a pattern, with the pattern's text as AWS
 * quotes it in validation messages. A pattern that is one character class repeated ({@code
 * [\w+=,.@-]*}, most of them) is matched by a {@link CharClass}, any other by {@link Pattern}: the
 * same answers, without a regex engine on every request. Immutable and thread-safe.
 */
public final class Shape {
  private final int min;
  private final int max;
  private final Pattern pattern;
  private final CharClass chars;

  private Shape(int min, int max, Pattern pattern) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("bad bounds " + min + ".." + max);
    }
    this.min = min;
    this.max = max;
    this.pattern = pattern;
    this.chars = pattern == null ? null : CharClass.parse(pattern.pattern()).orElse(null);
  }

  /**
   * @param min the least length
   * @param max the greatest length
   * @param regex the pattern the whole value must match, or null for none
   */
  public static Shape of(int min, int max, String regex) {
    return new Shape(min, max, regex == null ? null : Pattern.compile(regex));
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  /** The text of the pattern as AWS writes it in messages; null when there is none. */
  public String pattern() {
    return pattern == null ? null : pattern.pattern();
  }

  /** Whether all of {@code value} matches the pattern (any value when there is none). */
  public boolean matches(String value) {
    if (chars != null) {
      return chars.matches(value);
    }
    return pattern == null || pattern.matcher(value).matches();
  }

  /** Whether the pattern is matched without a regex engine. */
  boolean readAsCharClass() {
    return chars != null;
  }

  @Override
  public String toString() {
    return "Shape[" + min + ".." + max + (pattern == null ? "" : ", " + pattern.pattern()) + "]";
  }
}
