package dev.stint.core.internal.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass of recursive descent over one input; the grammar is on {@link Json#read}. Strict where
 * Python is lenient: no {@code NaN}/{@code Infinity}, no byte-order mark, no repeated keys in an
 * object (Python keeps the last, which lets a second key hide behind the first from a reviewer).
 * Not thread-safe; {@link Json} makes one per call.
 */
final class JsonReader {

  private final String text;
  private int pos;

  JsonReader(String text) {
    this.text = java.util.Objects.requireNonNull(text, "text");
  }

  Object readDocument() {
    checkLength();
    skipWhitespace();
    return readRest();
  }

  Map<String, Object> readObjectDocument() {
    checkLength();
    skipWhitespace();
    if (!peek('{')) {
      throw error("'{' to open an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) readRest();
    return object;
  }

  private Object readRest() {
    Object value = readValue(0);
    skipWhitespace();
    if (pos < text.length()) {
      throw error("end of input");
    }
    return value;
  }

  private void checkLength() {
    if (text.length() > Json.MAX_INPUT_CHARS) {
      pos = Json.MAX_INPUT_CHARS;
      throw error("at most " + Json.MAX_INPUT_CHARS + " characters of input");
    }
  }

  // value = object | array | string | number | "true" | "false" | "null"
  private Object readValue(int depth) {
    if (pos >= text.length()) {
      throw error("a value");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> readObject(depth + 1);
      case '[' -> readArray(depth + 1);
      case '"' -> readString();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield readNumber();
        }
        throw error("a value");
      }
    };
  }

  // object = "{" ws [ string ws ":" ws value ws *( "," ws string ws ":" ws value ws ) ] "}"
  private Map<String, Object> readObject(int depth) {
    checkDepth(depth);
    pos++;
    Map<String, Object> object = new LinkedHashMap<>();
    skipWhitespace();
    if (peek('}')) {
      pos++;
      return object;
    }
    while (true) {
      if (!peek('"')) {
        throw error(object.isEmpty() ? "'\"' to start a key or '}'" : "'\"' to start a key");
      }
      int keyStart = pos;
      String key = readString();
      if (object.containsKey(key)) {
        pos = keyStart;
        throw error("a key not already in this object");
      }
      skipWhitespace();
      expect(':');
      skipWhitespace();
      object.put(key, readValue(depth));
      skipWhitespace();
      if (peek(',')) {
        pos++;
        skipWhitespace();
      } else if (peek('}')) {
        pos++;
        return object;
      } else {
        throw error("',' or '}'");
      }
    }
  }

  // array = "[" ws [ value ws *( "," ws value ws ) ] "]"
  private List<Object> readArray(int depth) {
    checkDepth(depth);
    pos++;
    List<Object> array = new ArrayList<>();
    skipWhitespace();
    if (peek(']')) {
      pos++;
      return array;
    }
    while (true) {
      array.add(readValue(depth));
      skipWhitespace();
      if (peek(',')) {
        pos++;
        skipWhitespace();
      } else if (peek(']')) {
        pos++;
        return array;
      } else {
        throw error("',' or ']'");
      }
    }
  }

  private void checkDepth(int depth) {
    if (depth > Json.MAX_DEPTH) {
      throw error("arrays and objects nested at most " + Json.MAX_DEPTH + " deep");
    }
  }

  // string = '"' *( unescaped | "\" ( '"' | "\" | "/" | "b" | "f" | "n" | "r" | "t" | "u" 4HEX ) )
  // '"'
  private String readString() {
    pos++;
    StringBuilder out = null;
    int runStart = pos;
    while (true) {
      if (pos >= text.length()) {
        throw error("'\"' to close the string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        String s =
            out == null
                ? text.substring(runStart, pos)
                : out.append(text, runStart, pos).toString();
        pos++;
        return s;
      }
      if (c < 0x20) {
        throw error("a character that is not a control character (escape it)");
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder();
      }
      out.append(text, runStart, pos);
      pos++;
      if (pos >= text.length()) {
        throw error("an escape after '\\'");
      }
      char e = text.charAt(pos);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(readHex4());
        default -> throw error("one of '\"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u' after '\\'");
      }
      if (e != 'u') {
        pos++;
      }
      runStart = pos;
    }
  }

  /** Reads the four hex digits after {@code \}{@code u}; leaves pos after them. */
  private char readHex4() {
    pos++;
    int value = 0;
    for (int i = 0; i < 4; i++) {
      if (pos >= text.length()) {
        throw error("four hex digits after '\\u'");
      }
      int digit = hexValue(text.charAt(pos));
      if (digit < 0) {
        throw error("four hex digits after '\\u'");
      }
      value = value * 16 + digit;
      pos++;
    }
    return (char) value;
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  // number = [ "-" ] ( "0" | 1-9 *DIGIT ) [ "." 1*DIGIT ] [ ( "e" | "E" ) [ "+" | "-" ] 1*DIGIT ]
  private Object readNumber() {
    int start = pos;
    if (peek('-')) {
      pos++;
    }
    if (peek('0')) {
      pos++;
    } else {
      digits();
    }
    boolean integral = true;
    if (peek('.')) {
      integral = false;
      pos++;
      digits();
    }
    if (peek('e') || peek('E')) {
      integral = false;
      pos++;
      if (peek('+') || peek('-')) {
        pos++;
      }
      digits();
    }
    String literal = text.substring(start, pos);
    if (integral) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException tooLarge) {
        // falls through to BigDecimal
      }
    }
    try {
      return new BigDecimal(literal);
    } catch (NumberFormatException | ArithmeticException exponentOutOfRange) {
      pos = start;
      throw error("a number with an exponent that fits in 32 bits");
    }
  }

  private void digits() {
    if (pos >= text.length() || !isDigit(text.charAt(pos))) {
      throw error("a digit");
    }
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("a value");
    }
    pos += word.length();
    return value;
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private JsonParseException error(String expected) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < pos; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new JsonParseException(line, pos - lineStart + 1, expected, pos >= text.length());
  }
}
