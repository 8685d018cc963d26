package dev.stint.server.policy;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides requests the way IAM's policy evaluation logic does: an explicit deny in any policy wins;
 * otherwise an identity-based allow is needed, and when session policies are present they must
 * allow too (the session's permissions are the intersection); a same-account resource policy can
 * grant on its own, while across accounts both sides must allow. {@code trust} applies a role's
 * trust policy to an {@code sts:AssumeRole*} request. {@code aws:CurrentTime} and {@code
 * aws:EpochTime} come from the clock unless the request carries them. Stateless apart from the
 * clock, and thread-safe.
 */
public final class PolicyEvaluator {
  private final Clock clock;

  public PolicyEvaluator(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Identity-based policies only: no session policies, no resource policy. */
  public Decision evaluate(AuthorizationRequest request, List<Policy> identityPolicies) {
    return evaluate(request, identityPolicies, List.of(), Optional.empty());
  }

  public Decision evaluate(
      AuthorizationRequest request,
      List<Policy> identityPolicies,
      List<Policy> sessionPolicies,
      Optional<Policy> resourcePolicy) {
    requireKinds(identityPolicies, "identity");
    requireKinds(sessionPolicies, "session");
    resourcePolicy.ifPresent(
        p -> {
          if (p.kind() != Policy.Kind.RESOURCE) {
            throw new IllegalArgumentException("not a resource policy: " + p);
          }
        });
    EvalContext context = new EvalContext(request.context(), clock.instant());
    Statement deny = firstDeny(identityPolicies, request, context);
    if (deny == null) {
      deny = firstDeny(sessionPolicies, request, context);
    }
    if (deny == null && resourcePolicy.isPresent()) {
      deny = firstDeny(List.of(resourcePolicy.get()), request, context);
    }
    if (deny != null) {
      return Decision.explicitDeny(Optional.ofNullable(deny.sid()));
    }
    Hit identity = firstAllow(identityPolicies, request, context);
    boolean sessionAllows =
        sessionPolicies.isEmpty() || firstAllow(sessionPolicies, request, context) != null;
    Hit resource =
        resourcePolicy.isEmpty()
            ? null
            : firstAllow(List.of(resourcePolicy.get()), request, context);
    boolean allowed;
    if (crossAccount(request)) {
      allowed = identity != null && sessionAllows && resource != null;
    } else {
      // A resource policy naming the caller's own ARN (a session ARN) is not limited by session
      // policies; one that names its role, its account or "*" is.
      boolean direct = resource != null && resource.how() == PrincipalSpec.Match.DIRECT;
      allowed = direct || ((identity != null || resource != null) && sessionAllows);
    }
    if (!allowed) {
      return Decision.implicitDeny();
    }
    Hit decisive = identity != null ? identity : resource;
    return Decision.allow(Optional.ofNullable(decisive.statement().sid()));
  }

  /**
   * The principal's side alone, for requests whose resource side the caller decides itself (a
   * role's trust policy for AssumeRole): an explicit deny wins, else the identity policies must
   * allow, and the session policies too when there are any. Unlike {@link #evaluate}, a resource in
   * another account is no reason to deny here.
   */
  public Decision principalSide(
      AuthorizationRequest request, List<Policy> identityPolicies, List<Policy> sessionPolicies) {
    requireKinds(identityPolicies, "identity");
    requireKinds(sessionPolicies, "session");
    EvalContext context = new EvalContext(request.context(), clock.instant());
    Statement deny = firstDeny(identityPolicies, request, context);
    if (deny == null) {
      deny = firstDeny(sessionPolicies, request, context);
    }
    if (deny != null) {
      return Decision.explicitDeny(Optional.ofNullable(deny.sid()));
    }
    Hit identity = firstAllow(identityPolicies, request, context);
    boolean sessionAllows =
        sessionPolicies.isEmpty() || firstAllow(sessionPolicies, request, context) != null;
    return identity != null && sessionAllows
        ? Decision.allow(Optional.ofNullable(identity.statement().sid()))
        : Decision.implicitDeny();
  }

  /** Whether a role's trust policy lets this principal perform the {@code sts:} action. */
  public Decision trust(Policy trustPolicy, AuthorizationRequest request) {
    if (trustPolicy.kind() != Policy.Kind.TRUST) {
      throw new IllegalArgumentException("not a trust policy: " + trustPolicy);
    }
    EvalContext context = new EvalContext(request.context(), clock.instant());
    Statement deny = firstDeny(List.of(trustPolicy), request, context);
    if (deny != null) {
      return Decision.explicitDeny(Optional.ofNullable(deny.sid()));
    }
    Hit allow = firstAllow(List.of(trustPolicy), request, context);
    return allow == null
        ? Decision.implicitDeny()
        : Decision.allow(Optional.ofNullable(allow.statement().sid()));
  }

  private record Hit(Statement statement, PrincipalSpec.Match how) {}

  private static Statement firstDeny(
      List<Policy> policies, AuthorizationRequest request, EvalContext context) {
    for (Policy p : policies) {
      for (Statement s : p.statements()) {
        if (!s.allow() && s.applies(request, context) != PrincipalSpec.Match.NONE) {
          return s;
        }
      }
    }
    return null;
  }

  private static Hit firstAllow(
      List<Policy> policies, AuthorizationRequest request, EvalContext context) {
    for (Policy p : policies) {
      for (Statement s : p.statements()) {
        if (s.allow()) {
          PrincipalSpec.Match how = s.applies(request, context);
          if (how != PrincipalSpec.Match.NONE) {
            return new Hit(s, how);
          }
        }
      }
    }
    return null;
  }

  private static boolean crossAccount(AuthorizationRequest request) {
    String account = AuthorizationRequest.accountField(request.resource());
    String caller = request.principal().account();
    // AWS managed policies ("arn:aws:iam::aws:policy/...") belong to no account of the caller's.
    return account != null
        && !account.isEmpty()
        && !account.equals("aws")
        && caller != null
        && !account.equals(caller);
  }

  private static void requireKinds(List<Policy> policies, String role) {
    for (Policy p : policies) {
      if (!p.kind().identity()) {
        throw new IllegalArgumentException("not an " + role + "-style policy: " + p);
      }
    }
  }
}
