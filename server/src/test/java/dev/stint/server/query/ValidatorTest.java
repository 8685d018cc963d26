package dev.stint.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValidatorTest {
  private static final Shape SESSION_NAME = Shape.of(2, 64, "[\\w+=,.@-]*");

  @Test
  void oneViolationUsesAwsSingularForm() {
    var v = new Validator(QueryParams.parse("RoleSessionName=a"));
    v.required("RoleSessionName", SESSION_NAME);

    assertThatThrownBy(v::check)
        .isInstanceOf(ApiException.Rejected.class)
        .hasMessage(
            "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 2")
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo(ErrorCode.VALIDATION_ERROR);
  }

  @Test
  void everyViolationIsListedInOrder() {
    var v = new Validator(QueryParams.parse("RoleSessionName=bad%20name&DurationSeconds=43201"));
    v.required("RoleArn", Shape.of(20, 2048, null));
    v.required("RoleSessionName", SESSION_NAME);
    v.integer("DurationSeconds", 900, 43200);

    assertThatThrownBy(v::check)
        .hasMessage(
            "3 validation errors detected: Value null at 'roleArn' failed to satisfy constraint:"
                + " Member must not be null; Value 'bad name' at 'roleSessionName' failed to satisfy"
                + " constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*;"
                + " Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must"
                + " have value less than or equal to 43200");
  }

  @Test
  void validValuesPassThrough() {
    var v = new Validator(QueryParams.parse("RoleSessionName=alice&DurationSeconds=900"));

    assertThat(v.required("RoleSessionName", SESSION_NAME)).isEqualTo("alice");
    assertThat(v.integer("DurationSeconds", 900, 43200)).contains(900);
    assertThat(v.optional("ExternalId", SESSION_NAME)).isEmpty();
    v.check();
  }

  @Test
  void lengthCountsCodePointsNotUtf16Units() {
    var v = new Validator(QueryParams.parse("Name=%F0%9F%98%80%F0%9F%98%80"));

    assertThat(v.required("Name", Shape.of(2, 2, null))).isEqualTo("😀😀");
    v.check();
  }

  @Test
  void pairsGivesTheValidKeyValueStructuresAndNamesEachFaultyMember() {
    var v =
        new Validator(
            QueryParams.parse(
                "Tags.member.1.Key=team&Tags.member.1.Value=blue"
                    + "&Tags.member.2.Value=x&Tags.member.3.Key=a%21&Tags.member.3.Value=y"));
    Shape key = Shape.of(1, 128, "[a-z]+");
    Shape value = Shape.of(0, 256, "[a-z]*");

    var pairs = v.pairs("Tags", "Key", "Value", 50, key, value);

    assertThat(pairs).containsExactly(java.util.Map.entry("team", "blue"));
    assertThatThrownBy(v::check)
        .hasMessage(
            "2 validation errors detected: Value 'null' at 'tags.2.member.key' failed to satisfy"
                + " constraint: Member must not be null; Value 'a!' at 'tags.3.member.key' failed to"
                + " satisfy constraint: Member must satisfy regular expression pattern: [a-z]+");
  }
}
