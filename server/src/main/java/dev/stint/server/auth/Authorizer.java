package dev.stint.server.auth;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.core.token.SessionClaims;
import dev.stint.server.policy.AuthorizationRequest;
import dev.stint.server.policy.AuthorizationRequest.Principal;
import dev.stint.server.policy.Decision;
import dev.stint.server.policy.Policy;
import dev.stint.server.policy.PolicyEvaluator;
import dev.stint.server.policy.PolicyException;
import dev.stint.server.query.ErrorCode;
import dev.stint.server.query.QueryCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a signed caller may perform an action on a resource, by the IAM policy language:
 * the identity policies of its user or role, intersected with its session policies, explicit deny
 * first. Fills the global condition keys AWS provides ({@code aws:SourceIp}, {@code
 * aws:MultiFactorAuthPresent}, {@code aws:TokenIssueTime}, {@code aws:PrincipalTag/*}, ...).
 * Thread-safe.
 */
public final class Authorizer {
  private final IdentityPolicies identities;
  private final PolicyEvaluator evaluator;

  public Authorizer(IdentityPolicies identities, PolicyEvaluator evaluator) {
    this.identities = identities;
    this.evaluator = evaluator;
  }

  /**
   * Throws {@code AccessDenied} with AWS's message unless the caller may perform {@code action}
   * (e.g. {@code iam:CreateUser}) on {@code resource}.
   */
  public void require(QueryCall call, String action, String resource) {
    require(call, action, resource, Map.of());
  }

  /** As {@link #require(QueryCall, String, String)}, with request-specific condition keys. */
  public void require(
      QueryCall call, String action, String resource, Map<String, List<String>> requestKeys) {
    decide(call, action, resource, requestKeys, false);
  }

  /**
   * The caller's own side only, for actions whose resource side the caller has decided already: a
   * role's trust policy for AssumeRole, which across accounts is the other half of the decision.
   */
  public void requirePrincipalSide(
      QueryCall call, String action, String resource, Map<String, List<String>> requestKeys) {
    decide(call, action, resource, requestKeys, true);
  }

  private void decide(
      QueryCall call,
      String action,
      String resource,
      Map<String, List<String>> requestKeys,
      boolean principalSideOnly) {
    Caller caller = call.signer();
    AuthorizationRequest request = request(call, caller, action, resource, requestKeys);
    List<Policy> identity = identityPolicies(caller);
    List<Policy> session = sessionPolicies(caller);
    Decision decision =
        principalSideOnly
            ? evaluator.principalSide(request, identity, session)
            : evaluator.evaluate(request, identity, session, Optional.empty());
    if (decision.allowed()) {
      return;
    }
    String why;
    if (decision.outcome() == Decision.Outcome.EXPLICIT_DENY) {
      why = " with an explicit deny in an identity-based policy";
    } else if (!session.isEmpty()
        && evaluator.principalSide(request, identity, List.of()).allowed()) {
      why = " because no session policy allows the " + action + " action";
    } else {
      why = " because no identity-based policy allows the " + action + " action";
    }
    throw rejected(ErrorCode.ACCESS_DENIED, notAuthorized(caller, action, resource) + why);
  }

  /** {@code User: ARN is not authorized to perform: ACTION on resource: RESOURCE}. */
  public static String notAuthorized(Caller caller, String action, String resource) {
    return "User: "
        + caller.arn()
        + " is not authorized to perform: "
        + action
        + " on resource: "
        + resource;
  }

  /** The principal a policy sees for this caller. */
  public static Principal principal(Caller caller) {
    return switch (caller.kind()) {
      case USER, USER_SESSION -> Principal.user(caller.entityArn());
      case ASSUMED_ROLE -> Principal.assumedRole(caller.arn(), caller.entityArn());
      case FEDERATED_USER -> Principal.federatedUser(caller.arn());
    };
  }

  /**
   * The global condition keys of a request by this caller, AWS's names, in a new map that the
   * caller may add its request's keys to.
   */
  public Map<String, List<String>> globalKeys(QueryCall call, Caller caller) {
    var keys = new LinkedHashMap<String, List<String>>();
    keys.put("aws:SourceIp", List.of(call.sourceIp()));
    keys.put("aws:SecureTransport", List.of("false"));
    keys.put("aws:userid", List.of(caller.userId()));
    if (caller.kind() == Caller.Kind.USER || caller.kind() == Caller.Kind.USER_SESSION) {
      keys.put(
          "aws:username",
          List.of(caller.entityArn().substring(caller.entityArn().lastIndexOf('/') + 1)));
    }
    Optional<SessionClaims> session = caller.session();
    if (session.isPresent()) {
      SessionClaims s = session.get();
      keys.put("aws:TokenIssueTime", List.of(s.issuedAt().toString()));
      keys.put("aws:MultiFactorAuthPresent", List.of(Boolean.toString(s.mfaAuthenticated())));
      if (s.mfaAuthenticated() && s.mfaAuthenticatedAt() != null) {
        long age = Duration.between(s.mfaAuthenticatedAt(), call.now()).toSeconds();
        keys.put("aws:MultiFactorAuthAge", List.of(Long.toString(Math.max(0, age))));
      }
      if (s.sourceIdentity() != null) {
        keys.put("aws:SourceIdentity", List.of(s.sourceIdentity()));
      }
    }
    // A session tag overrides the user's or role's tag of the same key.
    entityTags(caller).forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, List.of(v)));
    for (SessionClaims.Tag t : session.map(SessionClaims::tags).orElse(List.of())) {
      keys.put("aws:PrincipalTag/" + t.key(), List.of(t.value()));
    }
    return keys;
  }

  private AuthorizationRequest request(
      QueryCall call,
      Caller caller,
      String action,
      String resource,
      Map<String, List<String>> requestKeys) {
    Map<String, List<String>> keys = globalKeys(call, caller);
    keys.putAll(requestKeys);
    return new AuthorizationRequest(action, resource, principal(caller), keys);
  }

  private Map<String, String> entityTags(Caller caller) {
    return switch (caller.kind()) {
      case USER, USER_SESSION -> identities.user(caller.entityId()).tags();
      case ASSUMED_ROLE -> identities.role(caller.entityId()).tags();
      case FEDERATED_USER -> Map.of();
    };
  }

  /** What the caller's user or role is allowed. */
  public List<Policy> identityPolicies(Caller caller) {
    return switch (caller.kind()) {
      case USER, USER_SESSION, FEDERATED_USER -> identities.user(caller.entityId()).policies();
      case ASSUMED_ROLE -> identities.role(caller.entityId()).policies();
    };
  }

  /**
   * The session policies that narrow a session. A federated user without any has no permissions, as
   * AWS documents; {@link Policy#DENY_ALL} stands for that.
   */
  List<Policy> sessionPolicies(Caller caller) {
    if (caller.session().isEmpty()) {
      return List.of();
    }
    SessionClaims s = caller.session().get();
    var out = new ArrayList<Policy>();
    if (s.sessionPolicy() != null) {
      try {
        out.add(Policy.parse(s.sessionPolicy(), Policy.Kind.SESSION));
      } catch (PolicyException e) {
        out.add(Policy.DENY_ALL);
      }
    }
    for (String arn : s.policyArns()) {
      out.add(identities.managed(arn).orElse(Policy.DENY_ALL));
    }
    if (out.isEmpty() && caller.kind() == Caller.Kind.FEDERATED_USER) {
      out.add(Policy.DENY_ALL);
    }
    return out;
  }

  /** Whether a time is before the session's issue time (for revocation checks). */
  static boolean issuedBefore(SessionClaims s, Instant t) {
    return s.issuedAt().isBefore(t);
  }
}
