package dev.stint.core.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The canonical forms, case by case, beyond what the official suite exercises. */
class CanonicalTest {

  @Test
  void dotSegmentsAndEmptySegmentsGo() {
    assertThat(Canonical.removeDotSegments("/")).isEqualTo("/");
    assertThat(Canonical.removeDotSegments("")).isEqualTo("/");
    assertThat(Canonical.removeDotSegments("//")).isEqualTo("/");
    assertThat(Canonical.removeDotSegments("/a/b/../../..")).isEqualTo("/");
    assertThat(Canonical.removeDotSegments("/a/./b/")).isEqualTo("/a/b/");
    assertThat(Canonical.removeDotSegments("/a//b/../c")).isEqualTo("/a/c");
    assertThat(Canonical.removeDotSegments("/a/..b/.c")).isEqualTo("/a/..b/.c");
  }

  @Test
  void pathsEncodeOnceOrTwice() {
    assertThat(Canonical.path("/a b/%41%2f+", true, true)).isEqualTo("/a%20b/%2541%252f%2B");
    assertThat(Canonical.path("/a b/%41%2f+", false, false)).isEqualTo("/a%20b/%41%2f%2B");
    assertThat(Canonical.path("/50%/x", false, false)).isEqualTo("/50%25/x");
    assertThat(Canonical.path("/ሴ", false, false)).isEqualTo("/%E1%88%B4");
  }

  @Test
  void queryParametersAreDecodedEncodedAndSortedByNameThenValue() {
    assertThat(Canonical.query(Canonical.parseQuery("b=2&a=2&a=1&c&&d=x+y&e=%7e%zz&f=%2B")))
        .isEqualTo("a=1&a=2&b=2&c=&d=x%2By&e=~%25zz&f=%2B");
    assertThat(Canonical.query(Canonical.parseQuery("Param-3=1&Param=2")))
        .isEqualTo("Param=2&Param-3=1");
    assertThat(Canonical.query(Canonical.parseQuery(null))).isEmpty();
  }

  @Test
  void headerValuesAreTrimmedAndInnerBlanksCollapsed() {
    assertThat(Canonical.trimAll(" \t a \t  b  c\t")).isEqualTo("a b c");
    assertThat(Canonical.trimAll("a b")).isEqualTo("a b");
    assertThat(Canonical.trimAll("a  b")).isEqualTo("a b");
    assertThat(Canonical.trimAll(" a")).isEqualTo("a");
    assertThat(Canonical.trimAll("a ")).isEqualTo("a");
    assertThat(Canonical.trimAll("")).isEmpty();
    assertThat(Canonical.trimAll("   ")).isEmpty();
  }

  @Test
  void amzDatesRoundTripAndOnlyRealDatesParse() {
    Instant t = Instant.parse("2024-02-29T23:59:59Z");

    assertThat(Canonical.amzDate(t)).isEqualTo("20240229T235959Z");
    assertThat(Canonical.parseAmzDate("20240229T235959Z")).isEqualTo(t);
    assertThat(Canonical.parseAmzDate("20230229T235959Z")).isNull();
    assertThat(Canonical.parseAmzDate("20240229T235959")).isNull();
    assertThat(Canonical.parseAmzDate("20240229t235959Z")).isNull();
    assertThat(Canonical.parseAmzDate("20240229T246060Z")).isNull();
    assertThat(Canonical.parseAmzDate("20240229 235959Z")).isNull();
  }
}
