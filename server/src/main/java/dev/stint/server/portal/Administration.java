package dev.stint.server.portal;

import dev.stint.server.auth.IdentityPolicies;
import dev.stint.server.policy.AuthorizationRequest;
import dev.stint.server.policy.AuthorizationRequest.Principal;
import dev.stint.server.policy.Decision;
import dev.stint.server.policy.PolicyEvaluator;
import dev.stint.server.store.Database;
import dev.stint.server.store.PortalSession;
import dev.stint.server.store.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use which area of the portal's administration, decided in one place for the pages and
 * every other caller. Each area has its own stint action; {@value #ALL_AREAS_ACTION} allows every
 * area; an explicit deny of either closes the area. Only enabled users of the management account
 * administer anything. The user's IAM policies are evaluated as for a signed request (explicit deny
 * first), on resource {@code *}, with the condition keys of the sign-in ({@code
 * aws:MultiFactorAuthPresent}, {@code aws:MultiFactorAuthAge}, {@code aws:SourceIp}, {@code
 * aws:SecureTransport}, {@code aws:userid}, {@code aws:username}, {@code aws:PrincipalTag/*}).
 *
 * <p>The areas have stint's actions rather than AWS's because each area does more than any one AWS
 * action allows in AWS (the users area sets other people's passwords and removes their MFA devices,
 * which {@code iam:CreateUser} does not allow), so a policy written for AWS's APIs does not open an
 * area by accident. The APIs (IAM, Organizations, Identity Center) keep authorizing each call by
 * AWS's action for it. Thread-safe.
 */
public final class Administration {
  /** The action that allows every area at once. */
  public static final String ALL_AREAS_ACTION = "stint:AdministerPortal";

  /** An area of the administration and the action that opens it. */
  public enum Area {
    USERS("stint:AdministerUsers"),
    GROUPS("stint:AdministerGroups"),
    ACCOUNTS("stint:AdministerAccounts"),
    PERMISSION_SETS("stint:AdministerPermissionSets"),
    ASSIGNMENTS("stint:AdministerAssignments"),
    SETTINGS("stint:AdministerSettings"),
    AUDIT_LOG("stint:AdministerAuditLog");

    private final String action;

    Area(String action) {
      this.action = action;
    }

    /** The action a user's policies must allow (or {@value #ALL_AREAS_ACTION}). */
    public String action() {
      return action;
    }
  }

  /**
   * What the decision knows about the sign-in, beyond the user.
   *
   * @param sourceIp where the request came from
   * @param secureTransport whether it came over TLS
   * @param mfaAuthenticated when the sign-in checked an MFA code, or {@code null}
   */
  public record Conditions(String sourceIp, boolean secureTransport, Instant mfaAuthenticated) {
    public Conditions {
      Objects.requireNonNull(sourceIp, "sourceIp");
    }

    /** The conditions of a request in a portal session. */
    public static Conditions of(PortalSession session, String sourceIp, boolean secureTransport) {
      return new Conditions(sourceIp, secureTransport, session.mfaAuthenticated());
    }
  }

  private final Database db;
  private final IdentityPolicies identities;
  private final PolicyEvaluator evaluator;
  private final Clock clock;

  Administration(Database db, IdentityPolicies identities, PolicyEvaluator evaluator, Clock clock) {
    this.db = db;
    this.identities = identities;
    this.evaluator = evaluator;
    this.clock = clock;
  }

  /** The areas this user may administer under these conditions; empty for everyone else. */
  public Set<Area> areas(String userId, Conditions conditions) {
    Optional<User> found = db.users().findById(userId);
    if (found.isEmpty() || !inManagementAccount(found.get())) {
      return Set.of();
    }
    User user = found.get();
    if (db.portalUsers().find(user.id()).disabled()) {
      return Set.of();
    }
    IdentityPolicies.Identity identity = identities.user(user.id());
    Decision all = decide(ALL_AREAS_ACTION, user, conditions, identity);
    var allowed = EnumSet.noneOf(Area.class);
    if (all.outcome() == Decision.Outcome.EXPLICIT_DENY) {
      return allowed;
    }
    for (Area area : Area.values()) {
      Decision own = decide(area.action(), user, conditions, identity);
      if (own.outcome() != Decision.Outcome.EXPLICIT_DENY && (own.allowed() || all.allowed())) {
        allowed.add(area);
      }
    }
    return allowed;
  }

  /** Whether this user may administer this area under these conditions. */
  public boolean may(String userId, Area area, Conditions conditions) {
    return areas(userId, conditions).contains(area);
  }

  private boolean inManagementAccount(User user) {
    return db.accounts().findManagement().map(a -> a.id().equals(user.accountId())).orElse(false);
  }

  private Decision decide(
      String action, User user, Conditions conditions, IdentityPolicies.Identity identity) {
    var request =
        AuthorizationRequest.builder(action, "*", Principal.user(user.arn()))
            .context("aws:SourceIp", conditions.sourceIp())
            .context("aws:SecureTransport", Boolean.toString(conditions.secureTransport()))
            .context("aws:userid", user.id())
            .context("aws:username", user.name())
            .context(
                "aws:MultiFactorAuthPresent",
                Boolean.toString(conditions.mfaAuthenticated() != null));
    if (conditions.mfaAuthenticated() != null) {
      long age = Duration.between(conditions.mfaAuthenticated(), clock.instant()).toSeconds();
      request.context("aws:MultiFactorAuthAge", Long.toString(Math.max(0, age)));
    }
    identity.tags().forEach((k, v) -> request.context("aws:PrincipalTag/" + k, List.of(v)));
    return evaluator.evaluate(request.build(), identity.policies());
  }
}
