package dev.stint.server.policy;

import java.util.List;

/**
 * One compiled policy statement. {@code resources} empty with {@code notResource} false means the
 * statement has no resource element (trust policies), which matches every resource; {@code
 * principal} null means no principal element (identity and session policies). Immutable and
 * thread-safe.
 */
record Statement(
    String sid,
    boolean allow,
    List<Glob> actions,
    boolean notAction,
    List<Template> resources,
    boolean notResource,
    PrincipalSpec principal,
    boolean notPrincipal,
    List<Condition> conditions) {

  Statement {
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    conditions = List.copyOf(conditions);
  }

  /**
   * Whether this statement applies to the request, and how the principal matched. A policy variable
   * without a value makes the statement not apply.
   */
  PrincipalSpec.Match applies(AuthorizationRequest request, EvalContext context) {
    if (matchesAny(actions, request.action()) == notAction) {
      return PrincipalSpec.Match.NONE;
    }
    PrincipalSpec.Match how = PrincipalSpec.Match.INDIRECT;
    if (principal != null) {
      if (notPrincipal) {
        if (principal.exempts(request.principal())) {
          return PrincipalSpec.Match.NONE;
        }
      } else {
        how = principal.match(request.principal());
        if (how == PrincipalSpec.Match.NONE) {
          return how;
        }
      }
    }
    if (!resources.isEmpty() || notResource) {
      boolean hit = false;
      for (Template t : resources) {
        var glob = t.resolve(context);
        if (glob.isEmpty()) {
          return PrincipalSpec.Match.NONE;
        }
        hit |= glob.get().matchesArn(request.resource());
      }
      if (hit == notResource) {
        return PrincipalSpec.Match.NONE;
      }
    }
    for (Condition c : conditions) {
      if (c.evaluate(context) != Condition.Result.TRUE) {
        return PrincipalSpec.Match.NONE;
      }
    }
    return how;
  }

  private static boolean matchesAny(List<Glob> patterns, String value) {
    for (Glob g : patterns) {
      if (g.matches(value)) {
        return true;
      }
    }
    return false;
  }
}
