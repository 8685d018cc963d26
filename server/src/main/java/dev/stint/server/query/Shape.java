package dev.stint.server.query;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A string shape of a service model: length bounds and a pattern, with the pattern's text as AWS
 * quotes it in validation messages. Immutable.
 *
 * @param min the least length
 * @param max the greatest length
 * @param pattern the pattern the whole value must match, or null for none
 */
public record Shape(int min, int max, Pattern pattern) {
  public Shape {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("bad bounds " + min + ".." + max);
    }
  }

  public static Shape of(int min, int max, String regex) {
    return new Shape(min, max, regex == null ? null : Pattern.compile(regex));
  }

  /** The text of the pattern as AWS writes it in messages. */
  String patternText() {
    return Objects.requireNonNull(pattern).pattern();
  }
}
