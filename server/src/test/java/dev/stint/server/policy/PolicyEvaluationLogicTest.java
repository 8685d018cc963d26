package dev.stint.server.policy;

import static dev.stint.server.policy.Fixtures.BOB;
import static dev.stint.server.policy.Fixtures.DEPLOY_SESSION;
import static dev.stint.server.policy.Fixtures.EVALUATOR;
import static dev.stint.server.policy.Fixtures.identity;
import static dev.stint.server.policy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.server.policy.AuthorizationRequest.Principal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** IAM User Guide, "Policy evaluation logic": deny wins, then allow, else implicit deny. */
class PolicyEvaluationLogicTest {

  private static AuthorizationRequest request(String action, String resource) {
    return AuthorizationRequest.builder(action, resource, BOB).build();
  }

  private static final Policy S3_READ =
      identity(
          """
          {"Sid":"Read","Effect":"Allow","Action":["s3:Get*","s3:List*"],
           "Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"]}""");

  @Test
  void withoutAnyPolicyTheRequestIsImplicitlyDenied() {
    Decision d = EVALUATOR.evaluate(request("s3:GetObject", "arn:aws:s3:::reports/a"), List.of());

    assertThat(d).isEqualTo(Decision.implicitDeny());
    assertThat(d.allowed()).isFalse();
  }

  @Test
  void matchingAllowGrantsAndNamesItsStatement() {
    Decision d =
        EVALUATOR.evaluate(
            request("s3:GetObject", "arn:aws:s3:::reports/2026/q1.csv"), List.of(S3_READ));

    assertThat(d).isEqualTo(Decision.allow(Optional.of("Read")));
  }

  @Test
  void actionNamesMatchCaseInsensitivelyButResourcesDoNot() {
    assertThat(
            EVALUATOR.evaluate(request("S3:getobject", "arn:aws:s3:::reports/a"), List.of(S3_READ)))
        .isEqualTo(Decision.allow(Optional.of("Read")));
    assertThat(
            EVALUATOR.evaluate(request("s3:GetObject", "arn:aws:s3:::Reports/a"), List.of(S3_READ)))
        .isEqualTo(Decision.implicitDeny());
  }

  @Test
  void unmatchedActionOrResourceIsImplicitlyDenied() {
    assertThat(
            EVALUATOR.evaluate(request("s3:PutObject", "arn:aws:s3:::reports/a"), List.of(S3_READ)))
        .isEqualTo(Decision.implicitDeny());
    assertThat(
            EVALUATOR.evaluate(request("s3:GetObject", "arn:aws:s3:::other/a"), List.of(S3_READ)))
        .isEqualTo(Decision.implicitDeny());
  }

  @Test
  void explicitDenyInAnyPolicyOverridesAnAllow() {
    Policy deny =
        identity(
            "{\"Sid\":\"NoSecrets\",\"Effect\":\"Deny\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::reports/secret/*\"}");

    Decision d =
        EVALUATOR.evaluate(
            request("s3:GetObject", "arn:aws:s3:::reports/secret/x"),
            List.of(Policy.ADMINISTRATOR_ACCESS, S3_READ, deny));

    assertThat(d).isEqualTo(Decision.explicitDeny(Optional.of("NoSecrets")));
  }

  @Test
  void questionMarkMatchesExactlyOneCharacter() {
    Policy p =
        identity(
            "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::logs/day-?\"}");

    assertThat(
            EVALUATOR
                .evaluate(request("s3:GetObject", "arn:aws:s3:::logs/day-1"), List.of(p))
                .allowed())
        .isTrue();
    assertThat(
            EVALUATOR
                .evaluate(request("s3:GetObject", "arn:aws:s3:::logs/day-12"), List.of(p))
                .allowed())
        .isFalse();
  }

  @Test
  void wildcardsInArnSegmentsDoNotSpanColons() {
    Policy p =
        identity(
            "{\"Effect\":\"Allow\",\"Action\":\"iam:GetRole\",\"Resource\":\"arn:aws:iam::*:role/*\"}");

    assertThat(
            EVALUATOR
                .evaluate(
                    request("iam:GetRole", "arn:aws:iam::111122223333:role/Admin"), List.of(p))
                .allowed())
        .isTrue();
    assertThat(
            EVALUATOR
                .evaluate(
                    request("iam:GetRole", "arn:aws:iam:us-east-1:111122223333:role/x"), List.of(p))
                .allowed())
        .isFalse();
  }

  @Test
  void notActionAllowsEverythingExceptTheListedActions() {
    Policy p = identity("{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}");

    assertThat(
            EVALUATOR.evaluate(request("s3:GetObject", "arn:aws:s3:::b/k"), List.of(p)).allowed())
        .isTrue();
    assertThat(EVALUATOR.evaluate(request("iam:CreateUser", "*"), List.of(p)).allowed()).isFalse();
  }

  @Test
  void notResourceDeniesEverywhereButTheListedResources() {
    Policy p =
        identity(
            """
            {"Effect":"Allow","Action":"*","Resource":"*"},
            {"Sid":"OnlyHome","Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::home/*"}""");

    assertThat(EVALUATOR.evaluate(request("s3:GetObject", "arn:aws:s3:::home/x"), List.of(p)))
        .isEqualTo(Decision.allow(Optional.empty()));
    assertThat(EVALUATOR.evaluate(request("s3:GetObject", "arn:aws:s3:::work/x"), List.of(p)))
        .isEqualTo(Decision.explicitDeny(Optional.of("OnlyHome")));
  }

  @Test
  void sessionPermissionsAreTheIntersectionOfRoleAndSessionPolicies() {
    Policy sessionPolicy =
        policy(
            Policy.Kind.SESSION,
            "{\"Sid\":\"OnlyReads\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");
    AuthorizationRequest read =
        AuthorizationRequest.builder("s3:GetObject", "arn:aws:s3:::reports/a", DEPLOY_SESSION)
            .build();
    AuthorizationRequest write =
        AuthorizationRequest.builder("s3:PutObject", "arn:aws:s3:::reports/a", DEPLOY_SESSION)
            .build();
    AuthorizationRequest iam =
        AuthorizationRequest.builder("s3:GetObject", "arn:aws:s3:::other/a", DEPLOY_SESSION)
            .build();

    assertThat(EVALUATOR.evaluate(read, List.of(S3_READ), List.of(sessionPolicy), Optional.empty()))
        .isEqualTo(Decision.allow(Optional.of("Read")));
    // the role allows s3:PutObject through nothing, the session policy would not either
    assertThat(
            EVALUATOR.evaluate(
                write,
                List.of(Policy.ADMINISTRATOR_ACCESS),
                List.of(sessionPolicy),
                Optional.empty()))
        .isEqualTo(Decision.implicitDeny());
    // the session policy allows it, the role's policies do not
    assertThat(EVALUATOR.evaluate(iam, List.of(S3_READ), List.of(sessionPolicy), Optional.empty()))
        .isEqualTo(Decision.implicitDeny());
  }

  @Test
  void denyInASessionPolicyWins() {
    Policy sessionPolicy =
        policy(
            Policy.Kind.SESSION,
            "{\"Sid\":\"Ro\",\"Effect\":\"Deny\",\"Action\":\"s3:Put*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");
    AuthorizationRequest write =
        AuthorizationRequest.builder("s3:PutObject", "arn:aws:s3:::b/k", DEPLOY_SESSION).build();

    assertThat(
            EVALUATOR.evaluate(
                write,
                List.of(Policy.ADMINISTRATOR_ACCESS),
                List.of(sessionPolicy),
                Optional.empty()))
        .isEqualTo(Decision.explicitDeny(Optional.of("Ro")));
  }

  @Test
  void sameAccountResourcePolicyCanGrantWithoutAnIdentityAllow() {
    Policy bucket =
        policy(
            Policy.Kind.RESOURCE,
            """
            {"Sid":"BobReads","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},
             "Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}""");
    AuthorizationRequest req = request("s3:GetObject", "arn:aws:s3:::shared/k");
    AuthorizationRequest other =
        AuthorizationRequest.builder(
                "s3:GetObject",
                "arn:aws:s3:::shared/k",
                Principal.user("arn:aws:iam::111122223333:user/alice"))
            .build();

    assertThat(EVALUATOR.evaluate(req, List.of(), List.of(), Optional.of(bucket)))
        .isEqualTo(Decision.allow(Optional.of("BobReads")));
    assertThat(EVALUATOR.evaluate(other, List.of(), List.of(), Optional.of(bucket)))
        .isEqualTo(Decision.implicitDeny());
  }

  @Test
  void crossAccountNeedsBothIdentityAndResourceAllows() {
    Policy key =
        policy(
            Policy.Kind.RESOURCE,
            "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"kms:Decrypt\","
                + "\"Resource\":\"*\"}");
    AuthorizationRequest req = request("kms:Decrypt", "arn:aws:kms:us-east-1:999988887777:key/k1");

    assertThat(EVALUATOR.evaluate(req, List.of(), List.of(), Optional.of(key)))
        .isEqualTo(Decision.implicitDeny());
    assertThat(
            EVALUATOR.evaluate(
                req, List.of(Policy.ADMINISTRATOR_ACCESS), List.of(), Optional.of(key)))
        .isEqualTo(Decision.allow(Optional.empty()));
  }

  @Test
  void thePrincipalSideAloneIgnoresTheResourceAccountButKeepsDenyAndSessionPolicies() {
    AuthorizationRequest req =
        request("sts:AssumeRole", "arn:aws:iam::999988887777:role/OrganizationAccountAccessRole");
    Policy denyAssume =
        identity("{\"Sid\":\"No\",\"Effect\":\"Deny\",\"Action\":\"sts:*\",\"Resource\":\"*\"}");
    Policy s3Only =
        policy(
            Policy.Kind.SESSION, "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}");

    assertThat(EVALUATOR.evaluate(req, List.of(Policy.ADMINISTRATOR_ACCESS)))
        .isEqualTo(Decision.implicitDeny());
    assertThat(EVALUATOR.principalSide(req, List.of(Policy.ADMINISTRATOR_ACCESS), List.of()))
        .isEqualTo(Decision.allow(Optional.empty()));
    assertThat(EVALUATOR.principalSide(req, List.of(), List.of()))
        .isEqualTo(Decision.implicitDeny());
    assertThat(
            EVALUATOR.principalSide(
                req, List.of(Policy.ADMINISTRATOR_ACCESS, denyAssume), List.of()))
        .isEqualTo(Decision.explicitDeny(Optional.of("No")));
    assertThat(EVALUATOR.principalSide(req, List.of(Policy.ADMINISTRATOR_ACCESS), List.of(s3Only)))
        .isEqualTo(Decision.implicitDeny());
  }

  @Test
  void revokingOlderSessionsDeniesTokensIssuedBeforeTheCutOff() {
    Policy revoke =
        identity(
            """
            {"Sid":"RevokeOlderSessions","Effect":"Deny","Action":"*","Resource":"*",
             "Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-03-01T10:00:00Z"}}}""");
    AuthorizationRequest older =
        AuthorizationRequest.builder("s3:GetObject", "arn:aws:s3:::b/k", DEPLOY_SESSION)
            .context("aws:TokenIssueTime", "2026-03-01T09:59:59Z")
            .build();
    AuthorizationRequest newer =
        AuthorizationRequest.builder("s3:GetObject", "arn:aws:s3:::b/k", DEPLOY_SESSION)
            .context("aws:TokenIssueTime", "2026-03-01T10:00:00Z")
            .build();
    AuthorizationRequest longTermKey =
        AuthorizationRequest.builder("s3:GetObject", "arn:aws:s3:::b/k", BOB).build();
    List<Policy> policies = List.of(Policy.ADMINISTRATOR_ACCESS, revoke);

    assertThat(EVALUATOR.evaluate(older, policies))
        .isEqualTo(Decision.explicitDeny(Optional.of("RevokeOlderSessions")));
    assertThat(EVALUATOR.evaluate(newer, policies)).isEqualTo(Decision.allow(Optional.empty()));
    // no token, no aws:TokenIssueTime: DateLessThan on a missing key is false
    assertThat(EVALUATOR.evaluate(longTermKey, policies))
        .isEqualTo(Decision.allow(Optional.empty()));
  }
}
