package dev.stint.server.policy;

import static dev.stint.server.policy.Fixtures.BOB;
import static dev.stint.server.policy.Fixtures.DEPLOY_SESSION;
import static dev.stint.server.policy.Fixtures.EVALUATOR;
import static dev.stint.server.policy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * IAM User Guide, "NotPrincipal": a principal is exempt only with its account (and role) listed.
 */
class NotPrincipalTest {
  private static final String BUCKET = "arn:aws:s3:::vault/k";

  private static Decision decide(String notPrincipal, AuthorizationRequest req) {
    Policy resource =
        policy(
            Policy.Kind.RESOURCE,
            "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"},"
                + "{\"Sid\":\"OnlyListed\",\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":"
                + notPrincipal
                + "},\"Action\":\"s3:*\",\"Resource\":\"*\"}");
    return EVALUATOR.evaluate(req, List.of(), List.of(), Optional.of(resource));
  }

  @Test
  void listedUserWithItsAccountIsExempt() {
    AuthorizationRequest req = AuthorizationRequest.builder("s3:GetObject", BUCKET, BOB).build();

    assertThat(
            decide(
                "[\"arn:aws:iam::111122223333:user/bob\",\"arn:aws:iam::111122223333:root\"]", req))
        .isEqualTo(Decision.allow(Optional.empty()));
    assertThat(decide("\"arn:aws:iam::111122223333:user/bob\"", req))
        .isEqualTo(Decision.explicitDeny(Optional.of("OnlyListed")));
  }

  @Test
  void roleSessionNeedsSessionRoleAndAccountListed() {
    AuthorizationRequest req =
        AuthorizationRequest.builder("s3:GetObject", BUCKET, DEPLOY_SESSION).build();
    String all =
        "[\"arn:aws:sts::111122223333:assumed-role/Deploy/ci\","
            + "\"arn:aws:iam::111122223333:role/ops/Deploy\",\"111122223333\"]";
    String withoutRole = "[\"arn:aws:sts::111122223333:assumed-role/Deploy/ci\",\"111122223333\"]";

    assertThat(decide(all, req).allowed()).isTrue();
    assertThat(decide(withoutRole, req).outcome()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
  }
}
