package dev.stint.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Trust-policy grammar and the size quota of every policy kind. */
class PolicyKindsTest {

  private static void assertMalformed(String json, Policy.Kind kind, String message) {
    assertThatThrownBy(() -> Policy.parse(json, kind))
        .isInstanceOf(PolicyException.Malformed.class)
        .hasMessage(message);
  }

  private static String trust(String statement) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
  }

  @Test
  void trustPolicyAcceptsAccountRootAndServicePrincipals() throws PolicyException {
    Policy p =
        Policy.parse(
            trust(
                """
                {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root",
                 "Service":["ec2.amazonaws.com"]},"Action":["sts:AssumeRole","sts:TagSession"]}"""),
            Policy.Kind.TRUST);

    PrincipalSpec spec = p.statements().get(0).principal();
    assertThat(spec.accounts()).containsExactly("111122223333");
    assertThat(spec.services()).containsExactly("ec2.amazonaws.com");
  }

  @Test
  void trustPolicyRejectsResourcesPrincipalsAndActionsIamRejects() {
    assertMalformed(
        trust(
            "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\","
                + "\"Resource\":\"*\"}"),
        Policy.Kind.TRUST,
        "Has prohibited field Resource");
    assertMalformed(
        trust(
            "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\","
                + "\"NotResource\":\"*\"}"),
        Policy.Kind.TRUST,
        "AssumeRole policy must not contain resources.");
    assertMalformed(
        trust("{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}"),
        Policy.Kind.TRUST,
        "Missing required field Principal");
    assertMalformed(
        trust("{\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}"),
        Policy.Kind.TRUST,
        "Missing required field Effect");
    assertMalformed(
        trust("{\"Effect\":\"allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}"),
        Policy.Kind.TRUST,
        "Invalid effect: allow");
    assertMalformed(
        trust("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"}}"),
        Policy.Kind.TRUST,
        "Missing required field Action");
    assertMalformed(
        trust("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:GetObject\"}"),
        Policy.Kind.TRUST,
        "AssumeRole policy may only specify STS AssumeRole actions.");
    assertMalformed(
        trust(
            "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"123456789012\"},"
                + "\"Action\":\"sts:AssumeRole\"}"),
        Policy.Kind.TRUST,
        "AssumeRole policy must not contain NotPrincipal field.");
  }

  @Test
  void principalsMustBeAccountsOrPrincipalArns() {
    assertMalformed(
        trust(
            "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/*\"},"
                + "\"Action\":\"sts:AssumeRole\"}"),
        Policy.Kind.TRUST,
        "Invalid principal in policy: \"AWS\":\"arn:aws:iam::123456789012:role/*\"");
    assertMalformed(
        trust(
            "{\"Effect\":\"Allow\",\"Principal\":{\"Person\":\"bob\"},\"Action\":\"sts:AssumeRole\"}"),
        Policy.Kind.TRUST,
        "Invalid principal in policy: \"Person\"");
  }

  @Test
  void resourcePolicyRequiresAPrincipal() {
    assertMalformed(
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
            + "\"Resource\":\"*\"}}",
        Policy.Kind.RESOURCE,
        "Missing required field Principal");
  }

  /** A valid policy whose non-white-space size is exactly {@code size}. */
  private static String policyOfSize(int size, String padding) {
    String head =
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"";
    String tail = "\"}}";
    String resource = "arn:aws:s3:::b/";
    int fill = size - head.length() - tail.length() - resource.length();
    return head + resource + "x".repeat(fill) + tail + padding;
  }

  @Test
  void quotasCountCharactersWithoutWhiteSpace() throws PolicyException {
    Policy atLimit = Policy.parse(policyOfSize(2048, " ".repeat(500)), Policy.Kind.USER_INLINE);
    assertThat(atLimit.size()).isEqualTo(2048);

    assertThatThrownBy(() -> Policy.parse(policyOfSize(2049, ""), Policy.Kind.USER_INLINE))
        .isInstanceOfSatisfying(
            PolicyException.TooLarge.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Policy.Kind.USER_INLINE);
              assertThat(e.limit()).isEqualTo(2048);
              assertThat(e.size()).isEqualTo(2049);
            })
        .hasMessage(
            "Policy document of 2049 characters exceeds the USER_INLINE limit of 2048 characters");
  }

  @Test
  void eachKindHasIamsQuota() throws PolicyException {
    assertThat(Policy.Kind.ROLE_INLINE.maxSize()).isEqualTo(10240);
    assertThat(Policy.Kind.MANAGED.maxSize()).isEqualTo(6144);
    assertThat(Policy.Kind.TRUST.maxSize()).isEqualTo(2048);
    Policy.parse(policyOfSize(10240, ""), Policy.Kind.ROLE_INLINE);
    assertThatThrownBy(() -> Policy.parse(policyOfSize(6145, ""), Policy.Kind.MANAGED))
        .isInstanceOf(PolicyException.TooLarge.class);
  }

  @Test
  void sessionPolicyCountsItsPlainLengthIncludingWhiteSpace() {
    String padded = policyOfSize(2000, " ".repeat(49));

    assertThatThrownBy(() -> Policy.parse(padded, Policy.Kind.SESSION))
        .isInstanceOfSatisfying(
            PolicyException.TooLarge.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Policy.Kind.SESSION);
              assertThat(e.size()).isEqualTo(2049);
            });
  }

  @Test
  void hugeWhiteSpacePaddedDocumentIsRefusedBeforeParsing() {
    String huge = " ".repeat(PolicyParser.MAX_DOCUMENT + 1);

    assertThatThrownBy(() -> Policy.parse(huge, Policy.Kind.ROLE_INLINE))
        .isInstanceOfSatisfying(
            PolicyException.TooLarge.class,
            e -> assertThat(e.size()).isEqualTo(PolicyParser.MAX_DOCUMENT + 1));
  }
}
