package dev.stint.server.policy;

import static dev.stint.server.policy.Fixtures.BOB;
import static dev.stint.server.policy.Fixtures.EVALUATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** IAM User Guide, "IAM policy elements: Variables and tags". */
class PolicyVariablesTest {

  private static Policy policy(String version, String statement) {
    try {
      return Policy.parse(
          "{" + version + "\"Statement\":[" + statement + "]}", Policy.Kind.USER_INLINE);
    } catch (PolicyException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  private static final String V2012 = "\"Version\":\"2012-10-17\",";

  private static boolean allows(Policy p, String resource, String... keysAndValues) {
    AuthorizationRequest.Builder b = AuthorizationRequest.builder("s3:GetObject", resource, BOB);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      b.context(keysAndValues[i], keysAndValues[i + 1]);
    }
    return EVALUATOR.evaluate(b.build(), List.of(p)).allowed();
  }

  @Test
  void usernameVariableScopesAResourceToTheCaller() {
    Policy p =
        policy(
            V2012,
            "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::home/${aws:username}/*\"}");

    assertThat(allows(p, "arn:aws:s3:::home/bob/notes.txt", "aws:username", "bob")).isTrue();
    assertThat(allows(p, "arn:aws:s3:::home/alice/notes.txt", "aws:username", "bob")).isFalse();
  }

  @Test
  void unresolvableVariableMakesTheStatementNotMatch() {
    Policy allow =
        policy(
            V2012,
            "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::home/${aws:username}/*\"}");
    Policy denyTagged =
        policy(
            V2012,
            """
            {"Effect":"Allow","Action":"*","Resource":"*"},
            {"Effect":"Deny","Action":"*","Resource":"arn:aws:s3:::team/${aws:PrincipalTag/team}/*"}""");

    assertThat(allows(allow, "arn:aws:s3:::home/bob/x")).isFalse();
    assertThat(allows(denyTagged, "arn:aws:s3:::team/red/x")).isTrue();
    assertThat(allows(denyTagged, "arn:aws:s3:::team/red/x", "aws:PrincipalTag/team", "red"))
        .isFalse();
  }

  @Test
  void defaultValueIsUsedWhenTheKeyIsMissing() {
    Policy p =
        policy(
            V2012,
            "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::team/${aws:PrincipalTag/team, 'shared'}/*\"}");

    assertThat(allows(p, "arn:aws:s3:::team/shared/x")).isTrue();
    assertThat(allows(p, "arn:aws:s3:::team/red/x", "aws:PrincipalTag/team", "red")).isTrue();
    assertThat(allows(p, "arn:aws:s3:::team/shared/x", "aws:PrincipalTag/team", "red")).isFalse();
  }

  @Test
  void escapesStandForLiteralSpecialCharacters() {
    Policy p =
        policy(
            V2012,
            "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::b/${*}${?}${$}\"}");

    assertThat(allows(p, "arn:aws:s3:::b/*?$")).isTrue();
    assertThat(allows(p, "arn:aws:s3:::b/xy$")).isFalse();
  }

  @Test
  void substitutedValuesAreLiteralEvenWhenTheyHoldWildcards() {
    Policy p =
        policy(
            V2012,
            "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::home/${aws:username}\"}");

    assertThat(allows(p, "arn:aws:s3:::home/anything", "aws:username", "*")).isFalse();
  }

  @Test
  void variablesWorkInConditionValues() {
    Policy p =
        policy(
            V2012,
            """
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
             "Condition":{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}}""");

    assertThat(allows(p, "arn:aws:s3:::b", "aws:username", "bob", "s3:prefix", "home/bob/a"))
        .isTrue();
    assertThat(allows(p, "arn:aws:s3:::b", "aws:username", "bob", "s3:prefix", "home/eve/a"))
        .isFalse();
  }

  @Test
  void withoutVersion2012VariablesAreLiteralText() {
    Policy p =
        policy(
            "",
            "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::home/${aws:username}/*\"}");

    assertThat(allows(p, "arn:aws:s3:::home/bob/x", "aws:username", "bob")).isFalse();
    assertThat(allows(p, "arn:aws:s3:::home/${aws:username}/x", "aws:username", "bob")).isTrue();
  }
}
