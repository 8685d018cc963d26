package dev.stint.core.internal.json;

import java.util.Map;

/**
 * A small JSON reader and writer for the {@code core} module, which may not depend on a JSON
 * library. It reads RFC 8259 JSON strictly and writes text byte-identical to Python's {@code
 * json.dumps} (with its default {@code ensure_ascii=True}), because the files and outputs stint
 * shares with the AWS CLI are written by Python: the CLI's caches, {@code credential_process}
 * output and {@code aws configure export-credentials}.
 *
 * <p>Stateless and thread-safe.
 *
 * <p>Value mapping, both ways: object ↔ {@link java.util.LinkedHashMap}{@code <String, Object>}
 * (key order kept), array ↔ {@link java.util.List}, string ↔ {@link String}, {@code true}/{@code
 * false} ↔ {@link Boolean}, {@code null} ↔ {@code null}. A number without fraction or exponent that
 * fits reads as {@link Long}, any other number as {@link java.math.BigDecimal}. The writer also
 * takes {@link Integer}, {@link Short}, {@link Byte}, {@link java.math.BigInteger}, {@link
 * java.math.BigDecimal} and {@link Double}/{@link Float} (printed as Python's {@code repr} prints a
 * float) and any {@link Map} with {@link String} keys, in its iteration order.
 */
public final class Json {

  /** Inputs longer than this many characters are refused before parsing. */
  public static final int MAX_INPUT_CHARS = 4 * 1024 * 1024;

  /** Arrays and objects nested deeper than this are refused, when reading and when writing. */
  public static final int MAX_DEPTH = 128;

  /** How {@link #write} lays out its text; each is one of Python's {@code json.dumps} layouts. */
  public enum Style {
    /** {@code json.dumps(v, separators=(',', ':'))}: {@code {"a":1,"b":[1,2]}}. */
    COMPACT(-1, ",", ":"),
    /** {@code json.dumps(v)}: {@code {"a": 1, "b": [1, 2]}}. */
    SPACED(-1, ", ", ": "),
    /**
     * {@code json.dumps(v, indent=4)}: one member per line, four spaces per level, {@code ": "}
     * after keys, no trailing newline; empty containers stay {@code {}} and {@code []}.
     */
    INDENTED(4, ",", ": "),
    /**
     * {@code json.dumps(v, indent=2)}, the layout of {@code aws configure export-credentials
     * --format process}.
     */
    INDENTED_2(2, ",", ": ");

    final int indent;
    final String itemSeparator;
    final String keySeparator;

    Style(int indent, String itemSeparator, String keySeparator) {
      this.indent = indent;
      this.itemSeparator = itemSeparator;
      this.keySeparator = keySeparator;
    }
  }

  private Json() {}

  /**
   * Parses one JSON value, surrounded by optional whitespace.
   *
   * <pre>
   * text   = ws value ws
   * value  = object | array | string | number | "true" | "false" | "null"
   * object = "{" ws [ string ws ":" ws value ws *( "," ws string ws ":" ws value ws ) ] "}"
   * array  = "[" ws [ value ws *( "," ws value ws ) ] "]"
   * </pre>
   *
   * @throws JsonParseException when the text is not JSON, is too long or nests too deep, or an
   *     object repeats a key
   */
  public static Object read(String text) {
    return new JsonReader(text).readDocument();
  }

  /**
   * Parses a JSON document whose top-level value must be an object.
   *
   * @throws JsonParseException as {@link #read}, and when the top-level value is not an object
   */
  public static Map<String, Object> readObject(String text) {
    return new JsonReader(text).readObjectDocument();
  }

  /**
   * Writes a value as Python's {@code json.dumps} would in the given style: non-ASCII and control
   * characters as backslash-u escapes (four lower-case hex digits, a surrogate pair for characters
   * beyond U+FFFF), no trailing newline.
   *
   * @throws IllegalArgumentException when the value holds a type not listed in the class comment, a
   *     map key that is not a string, a NaN or infinite number, or nests deeper than {@link
   *     #MAX_DEPTH}
   */
  public static String write(Object value, Style style) {
    StringBuilder out = new StringBuilder();
    new JsonWriter(out, style).value(value, 0);
    return out.toString();
  }
}
