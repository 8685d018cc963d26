package dev.stint.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks shapes against the regular expressions they quote, for every service's shapes. */
public final class ShapeAssertions {
  private ShapeAssertions() {}

  /**
   * The shapes held in the static fields of {@code holder}, such as StsShapes, each checked with
   * {@link #matchesAsItsRegex}.
   */
  public static List<Shape> checkedIn(Class<?> holder) throws IllegalAccessException {
    List<Shape> shapes = declaredIn(holder);
    shapes.forEach(ShapeAssertions::matchesAsItsRegex);
    return shapes;
  }

  /** The shapes held in the static fields of {@code holder}. */
  public static List<Shape> declaredIn(Class<?> holder) throws IllegalAccessException {
    var shapes = new ArrayList<Shape>();
    for (Field f : holder.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == Shape.class) {
        f.setAccessible(true);
        shapes.add((Shape) f.get(null));
      }
    }
    return shapes;
  }

  /**
   * {@code shape} accepts exactly what {@code java.util.regex} accepts for its pattern: every code
   * point alone (unpaired surrogates too), the empty string and some mixtures.
   */
  public static void matchesAsItsRegex(Shape shape) {
    if (shape.pattern() == null) {
      assertThat(shape.matches("anything \ud800")).isTrue();
      return;
    }
    Pattern regex = Pattern.compile(shape.pattern());
    var differ = new ArrayList<String>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      String s = Character.toString(cp);
      if (shape.matches(s) != regex.matcher(s).matches()) {
        differ.add(Integer.toHexString(cp));
      }
    }
    for (String s :
        List.of(
            "",
            "ab",
            "a b",
            "arn:aws:iam::123456789012:role/x",
            "caf\u00e9\u00ff",
            "\ud83d\ude00x",
            "x\ud800",
            "\udc00\ud800",
            "a\u0000b",
            "tab\tnew\nline\r")) {
      if (shape.matches(s) != regex.matcher(s).matches()) {
        differ.add(s);
      }
    }
    assertThat(differ).as("%s differs from its regex at", shape).isEmpty();
  }

  /** Whether {@code shape} is matched without a regex engine. */
  public static boolean readAsCharClass(Shape shape) {
    return shape.readAsCharClass();
  }
}
