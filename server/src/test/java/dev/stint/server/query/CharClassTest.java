package dev.stint.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CharClassTest {
  @Test
  void readsOneRepeatedClassOfCharactersRangesEscapesAndCategories() {
    for (String regex :
        List.of(
            "[\\w+=,.@-]*",
            "[\\w+=,.@:\\/-]*",
            "[\\d]+",
            "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
            "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
            "[-a]*",
            "[a-]*",
            "[\\]\\[]+")) {
      assertThat(CharClass.parse(regex)).as(regex).isPresent();
      ShapeAssertions.matchesAsItsRegex(Shape.of(0, 10, regex));
    }
  }

  @Test
  void leavesEveryOtherRegexToTheRegexEngine() {
    for (String regex :
        List.of(
            "[a-z]",
            "[a-z]?",
            "[a-z]{2}",
            "a[a-z]*",
            "[^a-z]*",
            "[a-z&&[^q]]*",
            "[a[bc]]*",
            "[]*",
            "[z-a]*",
            "[\\s]*",
            "[\\p{Lu}]*",
            "[\\uD83D\\uDE00]*",
            "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
            "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?")) {
      assertThat(CharClass.parse(regex)).as(regex).isEmpty();
    }
  }

  @Test
  void aPlusNeedsOneCharacterAndAStarNone() {
    assertThat(CharClass.parse("[a]+").orElseThrow().matches("")).isFalse();
    assertThat(CharClass.parse("[a]*").orElseThrow().matches("")).isTrue();
    assertThat(CharClass.parse("[a]+").orElseThrow().matches("aaa")).isTrue();
  }

  @Test
  void readsUnicodeEscapesOfFourDigitsAsJavaRegexDoes() {
    // "\u10000" is U+1000 then "0": the ARN shape of the STS model, as Java reads it.
    CharClass arn = CharClass.parse("[\\u10000-\\u10FFFF]+").orElseThrow();

    assertThat(arn.matches("\u1000")).isTrue();
    assertThat(arn.matches("0\u0800F")).isTrue();
    assertThat(arn.matches("\u1100")).isFalse();
    assertThat(arn.matches("\ud800\udc00")).isFalse();
  }
}
