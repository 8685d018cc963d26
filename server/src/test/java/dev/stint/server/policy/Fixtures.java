package dev.stint.server.policy;

import dev.stint.server.policy.AuthorizationRequest.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared principals, a fixed clock and a policy reader for the evaluation tests. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final PolicyEvaluator EVALUATOR = new PolicyEvaluator(Clock.fixed(NOW, ZoneOffset.UTC));

  static final String ACCOUNT = "111122223333";
  static final Principal BOB = Principal.user("arn:aws:iam::111122223333:user/bob");
  static final String ROLE_ARN = "arn:aws:iam::111122223333:role/ops/Deploy";
  static final Principal DEPLOY_SESSION =
      Principal.assumedRole("arn:aws:sts::111122223333:assumed-role/Deploy/ci", ROLE_ARN);

  private Fixtures() {}

  static Policy policy(Policy.Kind kind, String statements) {
    try {
      return Policy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", kind);
    } catch (PolicyException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  static Policy identity(String statements) {
    return policy(Policy.Kind.ROLE_INLINE, statements);
  }
}
