package dev.stint.server.policy;

import static dev.stint.server.policy.Fixtures.BOB;
import static dev.stint.server.policy.Fixtures.DEPLOY_SESSION;
import static dev.stint.server.policy.Fixtures.EVALUATOR;
import static dev.stint.server.policy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.server.policy.AuthorizationRequest.Principal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Role trust policies deciding who may call sts:AssumeRole and its companions. */
class TrustPolicyTest {
  private static final String ROLE = "arn:aws:iam::111122223333:role/Admin";

  private static AuthorizationRequest assume(Principal who) {
    return AuthorizationRequest.builder("sts:AssumeRole", ROLE, who).build();
  }

  @Test
  void accountRootTrustsEveryPrincipalOfThatAccount() {
    Policy trust =
        policy(
            Policy.Kind.TRUST,
            "{\"Sid\":\"Mgmt\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
                + "\"Action\":\"sts:AssumeRole\"}");

    assertThat(EVALUATOR.trust(trust, assume(BOB))).isEqualTo(Decision.allow(Optional.of("Mgmt")));
    assertThat(EVALUATOR.trust(trust, assume(DEPLOY_SESSION)).allowed()).isTrue();
    assertThat(EVALUATOR.trust(trust, assume(Principal.user("arn:aws:iam::999988887777:user/bob"))))
        .isEqualTo(Decision.implicitDeny());
  }

  @Test
  void bareAccountIdMeansTheSameAsTheRootArn() {
    Policy trust =
        policy(
            Policy.Kind.TRUST,
            "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\"}");

    assertThat(EVALUATOR.trust(trust, assume(BOB)).allowed()).isTrue();
  }

  @Test
  void exactArnTrustsOnlyThatPrincipalAndARoleArnTrustsItsSessions() {
    Policy trust =
        policy(
            Policy.Kind.TRUST,
            """
            {"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession"],"Principal":{"AWS":[
              "arn:aws:iam::111122223333:user/bob","arn:aws:iam::111122223333:role/ops/Deploy"]}}""");

    assertThat(EVALUATOR.trust(trust, assume(BOB)).allowed()).isTrue();
    assertThat(EVALUATOR.trust(trust, assume(DEPLOY_SESSION)).allowed()).isTrue();
    assertThat(
            EVALUATOR.trust(trust, assume(Principal.user("arn:aws:iam::111122223333:user/alice"))))
        .isEqualTo(Decision.implicitDeny());
    assertThat(
            EVALUATOR.trust(
                trust, AuthorizationRequest.builder("sts:TagSession", ROLE, BOB).build()))
        .isEqualTo(Decision.allow(Optional.empty()));
    assertThat(
            EVALUATOR.trust(
                trust, AuthorizationRequest.builder("sts:SetSourceIdentity", ROLE, BOB).build()))
        .isEqualTo(Decision.implicitDeny());
  }

  @Test
  void starTrustsAnyoneAndConditionsStillApply() {
    Policy trust =
        policy(
            Policy.Kind.TRUST,
            """
            {"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole",
             "Condition":{"StringEquals":{"sts:ExternalId":"Unique-1234"},
                          "Bool":{"aws:MultiFactorAuthPresent":"true"}}}""");
    AuthorizationRequest good =
        AuthorizationRequest.builder("sts:AssumeRole", ROLE, BOB)
            .context("sts:ExternalId", "Unique-1234")
            .context("aws:MultiFactorAuthPresent", "true")
            .build();
    AuthorizationRequest noMfa =
        AuthorizationRequest.builder("sts:AssumeRole", ROLE, BOB)
            .context("sts:ExternalId", "Unique-1234")
            .build();

    assertThat(EVALUATOR.trust(trust, good)).isEqualTo(Decision.allow(Optional.of("Partner")));
    assertThat(EVALUATOR.trust(trust, noMfa)).isEqualTo(Decision.implicitDeny());
  }

  @Test
  void servicesAndWebIdentitiesMatchByName() {
    Policy trust =
        policy(
            Policy.Kind.TRUST,
            """
            {"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},
            {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/idp.example"},
             "Action":"sts:AssumeRoleWithWebIdentity"}""");

    assertThat(EVALUATOR.trust(trust, assume(Principal.service("ec2.amazonaws.com"))).allowed())
        .isTrue();
    assertThat(EVALUATOR.trust(trust, assume(Principal.service("lambda.amazonaws.com"))).allowed())
        .isFalse();
    AuthorizationRequest web =
        AuthorizationRequest.builder(
                "sts:AssumeRoleWithWebIdentity",
                ROLE,
                Principal.webIdentity("arn:aws:iam::111122223333:oidc-provider/idp.example"))
            .build();
    assertThat(EVALUATOR.trust(trust, web).allowed()).isTrue();
    assertThat(EVALUATOR.trust(trust, assume(Principal.anonymous())).allowed()).isFalse();
  }

  @Test
  void denyInATrustPolicyWins() {
    Policy trust =
        policy(
            Policy.Kind.TRUST,
            """
            {"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"},
            {"Sid":"NotBob","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},
             "Action":"sts:AssumeRole"}""");

    assertThat(EVALUATOR.trust(trust, assume(BOB)))
        .isEqualTo(Decision.explicitDeny(Optional.of("NotBob")));
  }
}
