package dev.stint.server.policy;

import static dev.stint.server.policy.Fixtures.BOB;
import static dev.stint.server.policy.Fixtures.EVALUATOR;
import static dev.stint.server.policy.Fixtures.identity;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IAM User Guide, "Condition operators" and "Multivalued context keys", case by case. */
class ConditionOperatorsTest {

  /** Whether an Allow-everything statement with this Condition block allows the request. */
  private static boolean allows(String condition, Object... keysAndValues) {
    Policy p =
        identity(
            "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":"
                + condition
                + "}");
    Map<String, List<String>> context = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object v = keysAndValues[i + 1];
      @SuppressWarnings("unchecked")
      List<String> values = v instanceof List<?> l ? (List<String>) l : List.of((String) v);
      context.put((String) keysAndValues[i], values);
    }
    AuthorizationRequest.Builder b =
        AuthorizationRequest.builder("s3:GetObject", "arn:aws:s3:::b/k", BOB);
    context.forEach(b::context);
    return EVALUATOR.evaluate(b.build(), List.of(p)).allowed();
  }

  @Test
  void stringEqualsIsCaseSensitiveAndKeyNamesAreNot() {
    String c = "{\"StringEquals\":{\"aws:PrincipalTag/Team\":\"Blue\"}}";
    assertThat(allows(c, "aws:principaltag/team", "Blue")).isTrue();
    assertThat(allows(c, "aws:PrincipalTag/Team", "blue")).isFalse();
    assertThat(
            allows(
                "{\"StringEqualsIgnoreCase\":{\"aws:PrincipalTag/Team\":\"Blue\"}}",
                "aws:PrincipalTag/Team",
                "BLUE"))
        .isTrue();
  }

  @Test
  void stringEqualsTreatsWildcardsLiterallyAndStringLikeDoesNot() {
    assertThat(allows("{\"StringEquals\":{\"s3:prefix\":\"home/*\"}}", "s3:prefix", "home/bob"))
        .isFalse();
    assertThat(allows("{\"StringEquals\":{\"s3:prefix\":\"home/*\"}}", "s3:prefix", "home/*"))
        .isTrue();
    assertThat(allows("{\"StringLike\":{\"s3:prefix\":\"home/*\"}}", "s3:prefix", "home/bob"))
        .isTrue();
    assertThat(allows("{\"StringNotLike\":{\"s3:prefix\":\"home/*\"}}", "s3:prefix", "home/bob"))
        .isFalse();
  }

  @Test
  void severalValuesForOneKeyAreOred() {
    String c = "{\"StringEquals\":{\"aws:username\":[\"alice\",\"bob\"]}}";
    assertThat(allows(c, "aws:username", "bob")).isTrue();
    assertThat(allows(c, "aws:username", "carol")).isFalse();
  }

  @Test
  void negatedOperatorWithSeveralValuesIsANor() {
    String c = "{\"StringNotEquals\":{\"aws:username\":[\"alice\",\"bob\"]}}";
    assertThat(allows(c, "aws:username", "carol")).isTrue();
    assertThat(allows(c, "aws:username", "bob")).isFalse();
  }

  @Test
  void severalKeysAndSeveralOperatorsAreAnded() {
    String c =
        "{\"StringEquals\":{\"aws:username\":\"bob\",\"aws:PrincipalTag/Team\":\"Blue\"},"
            + "\"Bool\":{\"aws:SecureTransport\":\"true\"}}";
    assertThat(
            allows(
                c,
                "aws:username",
                "bob",
                "aws:PrincipalTag/Team",
                "Blue",
                "aws:SecureTransport",
                "true"))
        .isTrue();
    assertThat(
            allows(
                c,
                "aws:username",
                "bob",
                "aws:PrincipalTag/Team",
                "Blue",
                "aws:SecureTransport",
                "false"))
        .isFalse();
    assertThat(allows(c, "aws:username", "bob", "aws:SecureTransport", "true")).isFalse();
  }

  @Test
  void missingKeyFailsAPlainOperatorAndSatisfiesANegatedOne() {
    assertThat(allows("{\"StringEquals\":{\"aws:SourceIdentity\":\"bob\"}}")).isFalse();
    assertThat(allows("{\"StringNotEquals\":{\"aws:SourceIdentity\":\"bob\"}}")).isTrue();
    assertThat(allows("{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}")).isTrue();
    assertThat(allows("{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:*:t\"}}")).isTrue();
  }

  @Test
  void ifExistsPassesWhenTheKeyIsMissingAndChecksItOtherwise() {
    String c = "{\"StringEqualsIfExists\":{\"ec2:InstanceType\":[\"t3.micro\",\"t3.small\"]}}";
    assertThat(allows(c)).isTrue();
    assertThat(allows(c, "ec2:InstanceType", "t3.small")).isTrue();
    assertThat(allows(c, "ec2:InstanceType", "m5.large")).isFalse();
    assertThat(allows("{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}")).isTrue();
  }

  @Test
  void nullChecksWhetherTheKeyIsAbsent() {
    assertThat(allows("{\"Null\":{\"aws:TokenIssueTime\":\"true\"}}")).isTrue();
    assertThat(
            allows(
                "{\"Null\":{\"aws:TokenIssueTime\":\"true\"}}",
                "aws:TokenIssueTime",
                "2026-01-01T00:00:00Z"))
        .isFalse();
    assertThat(
            allows(
                "{\"Null\":{\"aws:TokenIssueTime\":\"false\"}}",
                "aws:TokenIssueTime",
                "2026-01-01T00:00:00Z"))
        .isTrue();
  }

  @Test
  void numericOperatorsCompareNumbers() {
    assertThat(
            allows(
                "{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":3600}}",
                "aws:MultiFactorAuthAge",
                "900"))
        .isTrue();
    assertThat(
            allows(
                "{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"3600\"}}",
                "aws:MultiFactorAuthAge",
                "3600"))
        .isFalse();
    assertThat(
            allows("{\"NumericLessThanEquals\":{\"s3:max-keys\":\"10\"}}", "s3:max-keys", "10.0"))
        .isTrue();
    assertThat(allows("{\"NumericGreaterThan\":{\"s3:max-keys\":\"10\"}}", "s3:max-keys", "ten"))
        .isFalse();
    assertThat(allows("{\"NumericNotEquals\":{\"s3:max-keys\":[\"1\",\"2\"]}}", "s3:max-keys", "3"))
        .isTrue();
  }

  @Test
  void dateOperatorsAcceptIso8601AndEpochSeconds() {
    String c = "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2026-01-01T00:00:00Z\"}}";
    assertThat(allows(c)).isTrue(); // the fixed clock says 2026-03-01T12:00:00Z
    assertThat(allows("{\"DateLessThan\":{\"aws:CurrentTime\":\"2026-03-01\"}}")).isFalse();
    assertThat(allows("{\"DateLessThan\":{\"aws:EpochTime\":\"1772366401\"}}")).isTrue();
    assertThat(
            allows(
                "{\"DateEquals\":{\"aws:TokenIssueTime\":\"1772366400\"}}",
                "aws:TokenIssueTime",
                "2026-03-01T12:00:00Z"))
        .isTrue();
  }

  @Test
  void boolAndBinaryCompareTheirValues() {
    assertThat(
            allows(
                "{\"Bool\":{\"aws:MultiFactorAuthPresent\":true}}",
                "aws:MultiFactorAuthPresent",
                "true"))
        .isTrue();
    assertThat(
            allows(
                "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}",
                "aws:MultiFactorAuthPresent",
                "false"))
        .isFalse();
    assertThat(allows("{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}")).isFalse();
    assertThat(allows("{\"BinaryEquals\":{\"k:blob\":\"QmluYXJ5\"}}", "k:blob", "QmluYXJ5"))
        .isTrue();
  }

  @Test
  void ipAddressMatchesIpv4AndIpv6Blocks() {
    String c =
        "{\"IpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\",\"2001:DB8:1234:5678::/64\"]}}";
    assertThat(allows(c, "aws:SourceIp", "203.0.113.77")).isTrue();
    assertThat(allows(c, "aws:SourceIp", "203.0.114.1")).isFalse();
    assertThat(allows(c, "aws:SourceIp", "2001:db8:1234:5678::1")).isTrue();
    assertThat(allows(c, "aws:SourceIp", "2001:db8:1234:5679::1")).isFalse();
    assertThat(allows(c, "aws:SourceIp", "not-an-ip")).isFalse();
    assertThat(
            allows(
                "{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}", "aws:SourceIp", "10.1.2.3"))
        .isFalse();
  }

  @Test
  void arnOperatorsMatchEachArnSegment() {
    String c = "{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/ops/*\"}}";
    assertThat(allows(c, "aws:PrincipalArn", "arn:aws:iam::444455556666:role/ops/Deploy")).isTrue();
    assertThat(allows(c, "aws:PrincipalArn", "arn:aws:iam::444455556666:user/ops/bob")).isFalse();
    assertThat(allows(c)).isFalse(); // bob's aws:PrincipalArn is filled from the principal
    assertThat(
            allows("{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:user/bob\"}}"))
        .isTrue();
  }

  @Test
  void forAnyValueNeedsOneMatchingRequestValueAndFailsOnAMissingKey() {
    String c = "{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"env\",\"team\"]}}";
    assertThat(allows(c, "aws:TagKeys", List.of("owner", "env"))).isTrue();
    assertThat(allows(c, "aws:TagKeys", List.of("owner"))).isFalse();
    assertThat(allows(c, "aws:TagKeys", List.of())).isFalse();
    assertThat(allows(c)).isFalse();
  }

  @Test
  void forAllValuesNeedsEveryRequestValueToMatchAndPassesOnAMissingOrEmptyKey() {
    String c = "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"env\",\"team\"]}}";
    assertThat(allows(c, "aws:TagKeys", List.of("team", "env"))).isTrue();
    assertThat(allows(c, "aws:TagKeys", List.of("env", "owner"))).isFalse();
    assertThat(allows(c, "aws:TagKeys", List.of())).isTrue();
    assertThat(allows(c)).isTrue();
  }

  @Test
  void negatedSetOperatorsNegateEachRequestValue() {
    String anyNot = "{\"ForAnyValue:StringNotEquals\":{\"aws:TagKeys\":[\"env\"]}}";
    assertThat(allows(anyNot, "aws:TagKeys", List.of("env", "owner"))).isTrue();
    assertThat(allows(anyNot, "aws:TagKeys", List.of("env"))).isFalse();
    String allNot = "{\"ForAllValues:StringNotLike\":{\"aws:TagKeys\":[\"aws:*\"]}}";
    assertThat(allows(allNot, "aws:TagKeys", List.of("env", "owner"))).isTrue();
    assertThat(allows(allNot, "aws:TagKeys", List.of("env", "aws:cloudformation"))).isFalse();
  }

  @Test
  void plainOperatorOnAMultivaluedKeyMatchesWhenAnyValueMatches() {
    assertThat(
            allows(
                "{\"StringEquals\":{\"aws:TagKeys\":\"env\"}}",
                "aws:TagKeys",
                List.of("owner", "env")))
        .isTrue();
    assertThat(
            allows(
                "{\"StringNotEquals\":{\"aws:TagKeys\":\"env\"}}",
                "aws:TagKeys",
                List.of("owner", "env")))
        .isFalse();
  }
}
