package dev.stint.core.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes one value in one {@link Json.Style}, as Python's {@code json.dumps} does. Not thread-safe;
 * {@link Json} makes one per call.
 */
final class JsonWriter {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out;
  private final Json.Style style;

  JsonWriter(StringBuilder out, Json.Style style) {
    this.out = out;
    this.style = java.util.Objects.requireNonNull(style, "style");
  }

  void value(Object value, int depth) {
    switch (value) {
      case null -> out.append("null");
      case String s -> string(s);
      case Boolean b -> out.append(b ? "true" : "false");
      case Long n -> out.append(n.longValue());
      case Integer n -> out.append(n.intValue());
      case Short n -> out.append(n.shortValue());
      case Byte n -> out.append(n.byteValue());
      case BigInteger n -> out.append(n);
      case BigDecimal n -> out.append(n);
      case Double d -> out.append(PythonFloat.repr(d));
      case Float f -> out.append(PythonFloat.repr(f.doubleValue()));
      case Map<?, ?> map -> object(map, depth + 1);
      case List<?> list -> array(list, depth + 1);
      default ->
          throw new IllegalArgumentException(
              "JSON cannot hold a " + value.getClass().getName() + " value");
    }
  }

  private void object(Map<?, ?> map, int depth) {
    checkDepth(depth);
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new IllegalArgumentException(
            "JSON object keys must be strings, not "
                + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName()));
      }
      separate(first, depth);
      first = false;
      string(key);
      out.append(style.keySeparator);
      value(entry.getValue(), depth);
    }
    close(depth);
    out.append('}');
  }

  private void array(List<?> list, int depth) {
    checkDepth(depth);
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    boolean first = true;
    for (Object item : list) {
      separate(first, depth);
      first = false;
      value(item, depth);
    }
    close(depth);
    out.append(']');
  }

  private static void checkDepth(int depth) {
    if (depth > Json.MAX_DEPTH) {
      throw new IllegalArgumentException(
          "JSON value nests deeper than " + Json.MAX_DEPTH + " levels (or refers to itself)");
    }
  }

  /** Before an item: the separator after the previous one, and in indented styles a new line. */
  private void separate(boolean first, int depth) {
    if (!first) {
      out.append(style.itemSeparator);
    }
    newline(depth);
  }

  private void close(int depth) {
    newline(depth - 1);
  }

  private void newline(int depth) {
    if (style.indent >= 0) {
      out.append('\n').repeat(' ', style.indent * depth);
    }
  }

  /** Python's {@code json.encoder.py_encode_basestring_ascii}. */
  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c >= ' ' && c <= '~') {
            out.append(c);
          } else {
            // A Java char is a UTF-16 unit, so a character beyond U+FFFF comes out as the same
            // surrogate pair Python writes.
            out.append('\\')
                .append('u')
                .append(HEX[c >> 12])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
          }
        }
      }
    }
    out.append('"');
  }
}
