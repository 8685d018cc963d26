package dev.stint.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IAM JSON policy elements and the MalformedPolicyDocument messages IAM gives for each fault. */
class PolicyParserTest {

  private static void assertMalformed(String json, Policy.Kind kind, String message) {
    assertThatThrownBy(() -> Policy.parse(json, kind))
        .isInstanceOf(PolicyException.Malformed.class)
        .hasMessage(message);
  }

  private static String identity(String statement) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":" + statement + "}";
  }

  @Test
  void statementMayBeASingleObjectAndElementsStringsOrArrays() throws PolicyException {
    Policy p =
        Policy.parse(
            """
            {"Version":"2012-10-17","Id":"doc-1","Statement":{"Sid":"One","Effect":"Allow",
             "Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::bucket/*"}}""",
            Policy.Kind.ROLE_INLINE);

    assertThat(p.version()).contains("2012-10-17");
    assertThat(p.id()).contains("doc-1");
    assertThat(p.statements()).hasSize(1);
    assertThat(p.statements().get(0).sid()).isEqualTo("One");
  }

  @Test
  void absentVersionIsAcceptedForInlinePolicies() throws PolicyException {
    Policy p =
        Policy.parse(
            "{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
            Policy.Kind.USER_INLINE);

    assertThat(p.version()).isEmpty();
  }

  @Test
  void managedPolicyMustBeVersion2012() {
    assertMalformed(
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
        Policy.Kind.MANAGED,
        "Policy document must be version 2012-10-17 or greater.");
    assertMalformed(
        "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"Resource\":\"*\"}]}",
        Policy.Kind.MANAGED,
        "Policy document must be version 2012-10-17 or greater.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON | {\"Version\":",
        "trailing garbage | {\"Statement\":[]} x",
        "array document | []",
        "unknown top-level element | {\"Version\":\"2012-10-17\",\"Foo\":1,\"Statement\":[]}",
        "unknown version | {\"Version\":\"2019-01-01\",\"Statement\":{\"Effect\":\"Allow\"}}",
        "missing Statement | {\"Version\":\"2012-10-17\"}",
        "empty Statement | {\"Version\":\"2012-10-17\",\"Statement\":[]}",
        "unknown statement element | {\"Statement\":{\"Effect\":\"Allow\",\"Actions\":\"*\"}}",
        "Action and NotAction | {\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"NotAction\":\"s3:*\",\"Resource\":\"*\"}}",
        "missing Effect | {\"Statement\":{\"Action\":\"*\",\"Resource\":\"*\"}}",
        "unknown Effect | {\"Statement\":{\"Effect\":\"Permit\",\"Action\":\"*\",\"Resource\":\"*\"}}",
        "Action object | {\"Statement\":{\"Effect\":\"Allow\",\"Action\":{\"a\":1},\"Resource\":\"*\"}}",
        "unknown operator | {\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringEqualz\":{\"aws:username\":\"bob\"}}}}",
        "NullIfExists | {\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
            + "\"Condition\":{\"NullIfExists\":{\"aws:username\":\"true\"}}}}",
        "condition value object | {\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"k:k\":{\"a\":\"b\"}}}}}",
        "duplicate key | {\"Statement\":{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"*\","
            + "\"Resource\":\"*\"}}",
      })
  void syntaxErrors(String why, String json) {
    assertMalformed(json, Policy.Kind.ROLE_INLINE, "Syntax errors in policy.");
  }

  @Test
  void unknownOperatorWithAnEmptyBlockIsIgnored() throws PolicyException {
    Policy.parse(
        identity(
            "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEqualz\":{}}}"),
        Policy.Kind.ROLE_INLINE);
  }

  @Test
  void effectInTheWrongCaseFailsLegacyParsing() {
    assertMalformed(
        identity("{\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\"}"),
        Policy.Kind.MANAGED,
        "The policy failed legacy parsing");
  }

  @Test
  void invalidDateInDateConditionFailsLegacyParsing() {
    assertMalformed(
        identity(
            "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"2020-13-45\"}}}"),
        Policy.Kind.ROLE_INLINE,
        "The policy failed legacy parsing");
  }

  @Test
  void shortArnWithEmptyServiceFailsLegacyParsing() {
    assertMalformed(
        identity("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws::x\"}"),
        Policy.Kind.ROLE_INLINE,
        "The policy failed legacy parsing");
  }

  @Test
  void duplicateSidsAreRejected() {
    assertMalformed(
        identity(
            "[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"A\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]"),
        Policy.Kind.ROLE_INLINE,
        "Statement IDs (SID) in a single policy must be unique.");
  }

  @Test
  void identityPolicyNeedsActionsAndResources() {
    assertMalformed(
        identity("{\"Effect\":\"Allow\",\"Resource\":\"*\"}"),
        Policy.Kind.USER_INLINE,
        "Policy statement must contain actions.");
    assertMalformed(
        identity("{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}"),
        Policy.Kind.USER_INLINE,
        "Policy statement must contain actions.");
    assertMalformed(
        identity("{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}"),
        Policy.Kind.MANAGED,
        "Policy statement must contain resources.");
  }

  @Test
  void identityAndSessionPoliciesMustNotNamePrincipals() {
    String json =
        identity(
            "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"*\","
                + "\"Resource\":\"*\"}");
    assertMalformed(json, Policy.Kind.MANAGED, "Policy document should not specify a principal.");
    assertMalformed(json, Policy.Kind.SESSION, "Policy document should not specify a principal.");
  }

  @Test
  void resourceMustBeAnArnOrStar() {
    assertMalformed(
        identity("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"my-bucket\"}"),
        Policy.Kind.MANAGED,
        "Resource my-bucket must be in ARN format or \"*\".");
  }

  @Test
  void actionsNeedAVendorAndOneColon() {
    assertMalformed(
        identity("{\"Effect\":\"Allow\",\"Action\":\"GetObject\",\"Resource\":\"*\"}"),
        Policy.Kind.MANAGED,
        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
    assertMalformed(
        identity("{\"Effect\":\"Allow\",\"Action\":\"s3:Get:Object\",\"Resource\":\"*\"}"),
        Policy.Kind.MANAGED,
        "Actions/Condition can contain only one colon.");
    assertMalformed(
        identity("{\"Effect\":\"Allow\",\"Action\":\"s3 x:GetObject\",\"Resource\":\"*\"}"),
        Policy.Kind.MANAGED,
        "Vendor s3 x is not valid");
  }

  @Test
  void conditionValuesMayBeStringsNumbersOrBooleans() throws PolicyException {
    Policy p =
        Policy.parse(
            identity(
                """
                {"Effect":"Allow","Action":"*","Resource":"*","Condition":{
                  "Bool":{"aws:MultiFactorAuthPresent":true},
                  "NumericLessThan":{"aws:MultiFactorAuthAge":[3600, "7200"]}}}"""),
            Policy.Kind.ROLE_INLINE);

    assertThat(p.statements().get(0).conditions()).hasSize(2);
  }

  @Test
  void administratorAccessAllowsEverything() {
    assertThat(Policy.ADMINISTRATOR_ACCESS.kind()).isEqualTo(Policy.Kind.MANAGED);
    assertThat(Policy.ADMINISTRATOR_ACCESS_ARN)
        .isEqualTo("arn:aws:iam::aws:policy/AdministratorAccess");
    assertThat(Policy.ADMINISTRATOR_ACCESS.statements().get(0).allow()).isTrue();
  }
}
