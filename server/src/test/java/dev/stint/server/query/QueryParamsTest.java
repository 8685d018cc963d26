package dev.stint.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

  @Test
  void decodesPercentEncodedUtf8AndPlusAsSpace() {
    var p = QueryParams.parse("Action=AssumeRole&RoleSessionName=a+b%40c&Name=%C3%A9t%C3%A9");

    assertThat(p.get("Action")).contains("AssumeRole");
    assertThat(p.get("RoleSessionName")).contains("a b@c");
    assertThat(p.get("Name")).contains("été");
  }

  @Test
  void decodesEveryByteBelow128AsItsCharacterAndAnyOtherAsStrictUtf8() {
    var ascii = new StringBuilder("A=");
    var expected = new StringBuilder();
    for (int b = 0; b < 128; b++) {
      ascii.append('%').append(String.format("%02X", b));
      expected.append((char) b);
    }
    assertThat(QueryParams.parse(ascii.toString()).get("A")).contains(expected.toString());
    // Raw non-ASCII characters pass as themselves, encoded ones as UTF-8.
    assertThat(QueryParams.parse("A=caf\u00e9%20%F0%9F%98%80").get("A"))
        .contains("caf\u00e9 \ud83d\ude00");
    assertThatThrownBy(() -> QueryParams.parse("A=%80"))
        .isInstanceOf(ApiException.Rejected.class)
        .hasMessage("Invalid percent-encoding in the request.");
  }

  @Test
  void aBodyMergesWithTheQueryWhichWins() {
    var query = QueryParams.parse("Action=GetCallerIdentity");
    var body = QueryParams.parse("Action=AssumeRole&Version=2011-06-15");

    assertThat(query.with(body).get("Action")).contains("GetCallerIdentity");
    assertThat(query.with(body).names()).containsExactly("Action", "Version");
    assertThat(QueryParams.parse(null).with(body).names()).containsExactly("Action", "Version");
    assertThat(query.with(QueryParams.parse("")).names()).containsExactly("Action");
  }

  @Test
  void aNameWithoutEqualsHasAnEmptyValueAndEmptyPairsAreIgnored() {
    var p = QueryParams.parse("A&&B=1&");

    assertThat(p.get("A")).contains("");
    assertThat(p.get("B")).contains("1");
    assertThat(p.names()).containsExactly("A", "B");
  }

  @Test
  void gathersFlattenedListsAndStructuresInIndexOrder() {
    var p =
        QueryParams.parse(
            "Tags.member.2.Key=k2&Tags.member.1.Key=k1&Tags.member.1.Value=v1&Tags.member.2.Value=v2"
                + "&TransitiveTagKeys.member.1=k1&TransitiveTagKeys.member.3=gap");

    assertThat(p.structs("Tags"))
        .containsExactly(Map.of("Key", "k1", "Value", "v1"), Map.of("Key", "k2", "Value", "v2"));
    assertThat(p.list("TransitiveTagKeys")).isEqualTo(List.of("k1"));
    assertThat(p.hasList("TransitiveTagKeys")).isTrue();
    assertThat(p.hasList("PolicyArns")).isFalse();
  }

  @Test
  void badPercentEncodingIsRejected() {
    for (String bad : List.of("A=%", "A=%4", "A=%zz", "A=%C3%28")) {
      assertThatThrownBy(() -> QueryParams.parse(bad))
          .as(bad)
          .isInstanceOf(ApiException.Rejected.class)
          .hasMessage("Invalid percent-encoding in the request.");
    }
  }

  @Test
  void refusesMoreParametersThanAnyActionTakes() {
    var sb = new StringBuilder();
    for (int i = 0; i <= QueryParams.MAX_PARAMS; i++) {
      sb.append("P").append(i).append("=x&");
    }

    assertThatThrownBy(() -> QueryParams.parse(sb.toString()))
        .isInstanceOf(ApiException.Rejected.class)
        .hasMessage("Too many parameters in the request.");
  }

  @Test
  void toStringShowsNamesButNoValues() {
    assertThat(QueryParams.parse("Password=hunter2").toString()).isEqualTo("QueryParams[Password]");
  }
}
