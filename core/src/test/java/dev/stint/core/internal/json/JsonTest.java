package dev.stint.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

  @Test
  void readsObjectsAsOrderedMapsAndArraysAsLists() {
    Object value = Json.read(" {\"b\": 1, \"a\": [true, false, null, \"x\"], \"c\": {}}\n");

    assertThat(value).isInstanceOf(LinkedHashMap.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    assertThat(map.keySet()).containsExactly("b", "a", "c");
    assertThat(map.get("b")).isEqualTo(1L);
    assertThat(map.get("a")).isEqualTo(Arrays.asList(true, false, null, "x"));
    assertThat((Map<?, ?>) map.get("c")).isEmpty();
  }

  @Test
  void readsIntegersThatFitAsLongAndOtherNumbersAsBigDecimal() {
    assertThat(Json.read("0")).isEqualTo(0L);
    assertThat(Json.read("-0")).isEqualTo(0L);
    assertThat(Json.read("-12")).isEqualTo(-12L);
    assertThat(Json.read("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(Json.read("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(Json.read("9223372036854775808")).isEqualTo(new BigDecimal("9223372036854775808"));
    assertThat(Json.read("1.50")).isEqualTo(new BigDecimal("1.50"));
    assertThat(Json.read("-1e3")).isEqualTo(new BigDecimal("-1E+3"));
    assertThat(Json.read("2.5E-2")).isEqualTo(new BigDecimal("0.025"));
  }

  @Test
  void readsEveryEscapeIncludingSurrogatePairs() {
    assertThat(Json.read("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u00E9\\ud83d\\ude00 \u00e9\""))
        .isEqualTo("\"\\/\b\f\n\r\t\u00e9\u00e9\ud83d\ude00 \u00e9");
  }

  @Test
  void readObjectGivesTheTopLevelObject() {
    assertThat(Json.readObject("{\"Version\": 1}")).containsExactly(Map.entry("Version", 1L));
  }

  @ParameterizedTest(name = "[{index}] <{0}>")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          ``                 | JSON line 1, column 1: expected a value, found end of input
          `   `              | JSON line 1, column 4: expected a value, found end of input
          {"a":1,}           | JSON line 1, column 8: expected '"' to start a key
          {,}                | JSON line 1, column 2: expected '"' to start a key or '}'
          {"a" 1}            | JSON line 1, column 6: expected ':'
          {"a":1 "b":2}      | JSON line 1, column 8: expected ',' or '}'
          [1 2]              | JSON line 1, column 4: expected ',' or ']'
          [1,]               | JSON line 1, column 4: expected a value
          [                  | JSON line 1, column 2: expected a value, found end of input
          "abc               | JSON line 1, column 5: expected '"' to close the string, found end of input
          "\\x"              | JSON line 1, column 3: expected one of '"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u' after '\\'
          "\\u12g4"          | JSON line 1, column 6: expected four hex digits after '\\u'
          "\\u12             | JSON line 1, column 6: expected four hex digits after '\\u', found end of input
          01                 | JSON line 1, column 2: expected end of input
          -                  | JSON line 1, column 2: expected a digit, found end of input
          1.                 | JSON line 1, column 3: expected a digit, found end of input
          1.e5               | JSON line 1, column 3: expected a digit
          1e+                | JSON line 1, column 4: expected a digit, found end of input
          +1                 | JSON line 1, column 1: expected a value
          .5                 | JSON line 1, column 1: expected a value
          tru                | JSON line 1, column 1: expected a value
          nulll              | JSON line 1, column 5: expected end of input
          NaN                | JSON line 1, column 1: expected a value
          Infinity           | JSON line 1, column 1: expected a value
          'a'                | JSON line 1, column 1: expected a value
          {} x               | JSON line 1, column 4: expected end of input
          1e99999999999      | JSON line 1, column 1: expected a number with an exponent that fits in 32 bits
          """)
  void rejectsMalformedTextSayingWhereAndWhatWasExpected(String text, String message) {
    assertThatThrownBy(() -> Json.read(text))
        .isInstanceOf(JsonParseException.class)
        .hasMessage(message);
  }

  @Test
  void countsLinesAndColumnsAsPythonDoes() {
    JsonParseException e = catchParse("{\n  \"a\": 1,\n  \"b\" 2\n}");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(7);
    assertThat(e.expected()).isEqualTo("':'");
    assertThat(e.atEndOfInput()).isFalse();
  }

  @Test
  void rejectsAControlCharacterInAString() {
    assertThatThrownBy(() -> Json.read("\"a\nb\""))
        .hasMessage(
            "JSON line 1, column 3: expected a character that is not a control character (escape"
                + " it)");
    assertThatThrownBy(() -> Json.read("\"a\tb\""))
        .hasMessage(
            "JSON line 1, column 3: expected a character that is not a control character (escape"
                + " it)");
  }

  @Test
  void rejectsAByteOrderMark() {
    assertThatThrownBy(() -> Json.read("\ufeff{}"))
        .hasMessage("JSON line 1, column 1: expected a value");
  }

  @Test
  void rejectsARepeatedKeyAtTheSecondOccurrence() {
    assertThatThrownBy(() -> Json.read("{\"a\": 1,\n \"a\": 2}"))
        .hasMessage("JSON line 2, column 2: expected a key not already in this object");
  }

  @Test
  void messagesNeverRepeatTheInput() {
    JsonParseException e = catchParse("{\"SecretAccessKey\": \"s3cr3t\" \"x\"}");
    assertThat(e.getMessage())
        .isEqualTo("JSON line 1, column 30: expected ',' or '}'")
        .doesNotContain("s3cr3t");
  }

  @Test
  void readObjectRefusesAnotherTopLevelValue() {
    assertThatThrownBy(() -> Json.readObject("  [1]"))
        .isInstanceOf(JsonParseException.class)
        .hasMessage("JSON line 1, column 3: expected '{' to open an object");
    assertThatThrownBy(() -> Json.readObject(""))
        .hasMessage("JSON line 1, column 1: expected '{' to open an object, found end of input");
  }

  @Test
  void nestingIsBoundedWhenReading() {
    String deepest = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    assertThat(Json.read(deepest)).isInstanceOf(List.class);

    String tooDeep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
    assertThatThrownBy(() -> Json.read(tooDeep))
        .hasMessage("JSON line 1, column 129: expected arrays and objects nested at most 128 deep");
    String tooDeepObjects = "{\"a\":".repeat(Json.MAX_DEPTH + 1) + "1" + "}".repeat(129);
    assertThatThrownBy(() -> Json.read(tooDeepObjects))
        .hasMessage("JSON line 1, column 641: expected arrays and objects nested at most 128 deep");
  }

  @Test
  void inputSizeIsBounded() {
    String largest = "\"" + "a".repeat(Json.MAX_INPUT_CHARS - 2) + "\"";
    assertThat((String) Json.read(largest)).hasSize(Json.MAX_INPUT_CHARS - 2);

    String tooLarge = " " + largest;
    assertThatThrownBy(() -> Json.read(tooLarge))
        .hasMessage("JSON line 1, column 4194305: expected at most 4194304 characters of input");
  }

  private static final Map<String, Object> SAMPLE = sample();

  private static Map<String, Object> sample() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("f", null);
    inner.put("g", true);
    inner.put("h", List.of(List.of(), Map.of()));
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a", 1);
    map.put("b", List.of(1L, -2, 0.5, "x"));
    map.put("c", Map.of());
    map.put("d", List.of());
    map.put("e", inner);
    return map;
  }

  @Test
  void writesCompact() {
    assertThat(Json.write(SAMPLE, Json.Style.COMPACT))
        .isEqualTo(
            "{\"a\":1,\"b\":[1,-2,0.5,\"x\"],\"c\":{},\"d\":[],\"e\":{\"f\":null,\"g\":true,\"h\":[[],{}]}}");
  }

  @Test
  void writesSpacedAsPythonsDefault() {
    assertThat(Json.write(SAMPLE, Json.Style.SPACED))
        .isEqualTo(
            "{\"a\": 1, \"b\": [1, -2, 0.5, \"x\"], \"c\": {}, \"d\": [], \"e\": {\"f\": null,"
                + " \"g\": true, \"h\": [[], {}]}}");
  }

  @Test
  void writesIndentedByFourAndByTwo() {
    assertThat(Json.write(SAMPLE, Json.Style.INDENTED))
        .isEqualTo(
            """
            {
                "a": 1,
                "b": [
                    1,
                    -2,
                    0.5,
                    "x"
                ],
                "c": {},
                "d": [],
                "e": {
                    "f": null,
                    "g": true,
                    "h": [
                        [],
                        {}
                    ]
                }
            }""");
    assertThat(Json.write(Map.of("Version", 1), Json.Style.INDENTED_2))
        .isEqualTo("{\n  \"Version\": 1\n}");
    assertThat(Json.write("top", Json.Style.INDENTED)).isEqualTo("\"top\"");
  }

  @Test
  void writesNumbersOfEveryJavaType() {
    List<Object> numbers =
        List.of(
            (byte) 1,
            (short) -2,
            3,
            4L,
            new BigInteger("123456789012345678901234567890"),
            new BigDecimal("1.50"),
            0.1f,
            1e16);
    assertThat(Json.write(numbers, Json.Style.COMPACT))
        .isEqualTo("[1,-2,3,4,123456789012345678901234567890,1.50,0.10000000149011612,1e+16]");
  }

  @Test
  void writesEscapesAsPythonsEnsureAscii() {
    assertThat(
            Json.write("\"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\ud83d\ude00", Json.Style.COMPACT))
        .isEqualTo("\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f\\u00e9\\ud83d\\ude00\"");
  }

  @Test
  void refusesWhatJsonCannotHold() {
    Map<Object, Object> intKey = new LinkedHashMap<>();
    intKey.put(1, "x");
    assertThatThrownBy(() -> Json.write(intKey, Json.Style.COMPACT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JSON object keys must be strings, not java.lang.Integer");
    assertThatThrownBy(() -> Json.write(Double.NaN, Json.Style.COMPACT))
        .hasMessage("JSON cannot hold NaN");
    assertThatThrownBy(() -> Json.write(List.of(Double.NEGATIVE_INFINITY), Json.Style.COMPACT))
        .hasMessage("JSON cannot hold -Infinity");
    assertThatThrownBy(() -> Json.write(new HashSet<>(List.of("a")), Json.Style.COMPACT))
        .hasMessage("JSON cannot hold a java.util.HashSet value");

    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThatThrownBy(() -> Json.write(cycle, Json.Style.COMPACT))
        .hasMessage("JSON value nests deeper than 128 levels (or refers to itself)");
  }

  @Test
  void readsBackWhatItWrites() {
    for (Json.Style style : Json.Style.values()) {
      assertThat(Json.read(Json.write(SAMPLE, style)))
          .as(style.name())
          .isEqualTo(
              Json.read(
                  "{\"a\":1,\"b\":[1,-2,0.5,\"x\"],\"c\":{},\"d\":[],"
                      + "\"e\":{\"f\":null,\"g\":true,\"h\":[[],{}]}}"));
    }
  }

  private static JsonParseException catchParse(String text) {
    try {
      Json.read(text);
    } catch (JsonParseException e) {
      return e;
    }
    throw new AssertionError("no JsonParseException for " + text);
  }
}
