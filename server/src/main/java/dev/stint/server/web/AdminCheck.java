package dev.stint.server.web;

import dev.stint.server.auth.IdentityPolicies;
import dev.stint.server.policy.AuthorizationRequest;
import dev.stint.server.policy.AuthorizationRequest.Principal;
import dev.stint.server.policy.Decision;
import dev.stint.server.policy.PolicyEvaluator;
import dev.stint.server.portal.PortalUsers;
import dev.stint.server.store.Database;
import dev.stint.server.store.PortalSession;
import dev.stint.server.store.User;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which administration areas a signed-in user may use: only users of the management
 * account, and only where their IAM policies allow the area's action or {@value
 * PortalUsers#ADMINISTER_ACTION} (all areas) and deny neither, evaluated as for a signed request
 * (identity policies, explicit deny first), with the global condition keys a portal session has
 * ({@code aws:MultiFactorAuthPresent}, {@code aws:SourceIp}, {@code aws:username}, {@code
 * aws:PrincipalTag/*}, ...). Policies come from the same cache the token service uses. Thread-safe.
 */
final class AdminCheck {
  private final Database db;
  private final IdentityPolicies identities;
  private final PolicyEvaluator evaluator;
  private final Clock clock;

  AdminCheck(Database db, IdentityPolicies identities, PolicyEvaluator evaluator, Clock clock) {
    this.db = db;
    this.identities = identities;
    this.evaluator = evaluator;
    this.clock = clock;
  }

  /** The areas this user may administer in this session; empty for everyone else. */
  Set<AdminArea> areas(User user, PortalSession session, String sourceIp, boolean secure) {
    boolean management =
        db.accounts().findManagement().map(a -> a.id().equals(user.accountId())).orElse(false);
    if (!management) {
      return Set.of();
    }
    IdentityPolicies.Identity identity = identities.user(user.id());
    Decision portalWide =
        decide(PortalUsers.ADMINISTER_ACTION, user, session, sourceIp, secure, identity);
    var allowed = EnumSet.noneOf(AdminArea.class);
    for (AdminArea area : AdminArea.values()) {
      Decision own = decide(area.action(), user, session, sourceIp, secure, identity);
      boolean denied =
          own.outcome() == Decision.Outcome.EXPLICIT_DENY
              || portalWide.outcome() == Decision.Outcome.EXPLICIT_DENY;
      if (!denied && (own.allowed() || portalWide.allowed())) {
        allowed.add(area);
      }
    }
    return allowed;
  }

  private Decision decide(
      String action,
      User user,
      PortalSession session,
      String sourceIp,
      boolean secure,
      IdentityPolicies.Identity identity) {
    var request =
        AuthorizationRequest.builder(action, "*", Principal.user(user.arn()))
            .context("aws:SourceIp", sourceIp)
            .context("aws:SecureTransport", Boolean.toString(secure))
            .context("aws:userid", user.id())
            .context("aws:username", user.name())
            .context(
                "aws:MultiFactorAuthPresent", Boolean.toString(session.mfaAuthenticated() != null));
    if (session.mfaAuthenticated() != null) {
      long age = Duration.between(session.mfaAuthenticated(), clock.instant()).toSeconds();
      request.context("aws:MultiFactorAuthAge", Long.toString(Math.max(0, age)));
    }
    identity.tags().forEach((k, v) -> request.context("aws:PrincipalTag/" + k, List.of(v)));
    return evaluator.evaluate(request.build(), identity.policies());
  }
}
