package dev.stint.server.sts;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.core.ids.Ids;
import dev.stint.core.token.SessionClaims;
import dev.stint.server.auth.Authorizer;
import dev.stint.server.auth.Caller;
import dev.stint.server.auth.IdentityPolicies;
import dev.stint.server.policy.AuthorizationRequest;
import dev.stint.server.policy.Decision;
import dev.stint.server.policy.Policy;
import dev.stint.server.policy.PolicyEvaluator;
import dev.stint.server.query.ApiException;
import dev.stint.server.query.ErrorCode;
import dev.stint.server.query.QueryAction;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.Validator;
import dev.stint.server.query.Xml;
import dev.stint.server.store.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code AssumeRole}: the role's trust policy must let the caller in (and allow {@code
 * sts:TagSession} and {@code sts:SetSourceIdentity} when the request uses them); the caller's own
 * policies must allow {@code sts:AssumeRole} unless the trust policy names the caller itself in the
 * same account. Durations above the role's maximum, or above one hour when a role session assumes a
 * role (chaining), are refused, never clamped. Thread-safe.
 */
final class AssumeRoleAction implements QueryAction {
  static final int DEFAULT_SECONDS = 3600;
  static final int CHAINED_MAX_SECONDS = 3600;

  private final IdentityPolicies identities;
  private final Authorizer authorizer;
  private final PolicyEvaluator evaluator;
  private final Issuer issuer;
  private final MfaCheck mfa;

  AssumeRoleAction(
      IdentityPolicies identities,
      Authorizer authorizer,
      PolicyEvaluator evaluator,
      Issuer issuer,
      MfaCheck mfa) {
    this.identities = identities;
    this.authorizer = authorizer;
    this.evaluator = evaluator;
    this.issuer = issuer;
    this.mfa = mfa;
  }

  @Override
  public Xml.Body handle(QueryCall call) {
    Caller caller = call.signer();
    Validator v = call.validator();
    String roleArn = v.required("RoleArn", StsShapes.ARN);
    String sessionName = v.required("RoleSessionName", StsShapes.ROLE_SESSION_NAME);
    Optional<Integer> duration = v.integer("DurationSeconds", 900, 43_200);
    Optional<String> externalId = v.optional("ExternalId", StsShapes.EXTERNAL_ID);
    Optional<String> policyText = call.params().get("Policy");
    policyText.ifPresent(p -> v.check("policy", p, StsShapes.SESSION_POLICY));
    Optional<String> serial = v.optional("SerialNumber", StsShapes.SERIAL_NUMBER);
    Optional<String> code = v.optional("TokenCode", StsShapes.TOKEN_CODE);
    Optional<String> sourceIdentity = v.optional("SourceIdentity", StsShapes.SOURCE_IDENTITY);
    List<SessionClaims.Tag> requestTags = SessionRequest.tags(call, v);
    List<String> transitive = SessionRequest.transitiveKeys(call, v);
    List<String> policyArns = SessionRequest.policyArns(call, v);
    v.check();
    Optional<String> sessionPolicy = SessionRequest.sessionPolicy(policyText);
    checkTransitive(transitive, requestTags);

    if (caller.kind() == Caller.Kind.FEDERATED_USER) {
      throw notAuthorized(caller, "sts:AssumeRole", roleArn);
    }
    IdentityPolicies.TrustedRole trusted =
        findRole(roleArn).orElseThrow(() -> notAuthorized(caller, "sts:AssumeRole", roleArn));
    Role role = trusted.role();
    boolean chained = caller.kind() == Caller.Kind.ASSUMED_ROLE;
    int seconds = duration.orElse(DEFAULT_SECONDS);
    if (chained && seconds > CHAINED_MAX_SECONDS) {
      throw rejected(
          ErrorCode.VALIDATION_ERROR,
          "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by"
              + " role chaining.");
    }
    if (seconds > role.maxSessionDurationSeconds()) {
      throw rejected(
          ErrorCode.VALIDATION_ERROR,
          "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    Optional<Instant> mfaAt = SessionRequest.mfa(call, caller, mfa, serial, code);
    if (mfaAt.isEmpty() && caller.mfaAuthenticated()) {
      mfaAt = Optional.ofNullable(caller.session().get().mfaAuthenticatedAt());
    }
    String inheritedSource = caller.session().map(SessionClaims::sourceIdentity).orElse(null);
    if (inheritedSource != null
        && sourceIdentity.isPresent()
        && !sourceIdentity.get().equals(inheritedSource)) {
      throw rejected(
          ErrorCode.ACCESS_DENIED,
          Authorizer.notAuthorized(caller, "sts:SetSourceIdentity", roleArn)
              + " because the source identity of a session cannot be changed");
    }
    List<SessionClaims.Tag> tags = mergeTags(SessionRequest.inherited(caller), requestTags);

    Map<String, List<String>> keys = authorizer.globalKeys(call, caller);
    mfaAt.ifPresent(
        at -> {
          keys.put("aws:MultiFactorAuthPresent", List.of("true"));
          keys.put(
              "aws:MultiFactorAuthAge",
              List.of(
                  Long.toString(Math.max(0, call.now().getEpochSecond() - at.getEpochSecond()))));
        });
    externalId.ifPresent(id -> keys.put("sts:ExternalId", List.of(id)));
    keys.put("sts:RoleSessionName", List.of(sessionName));
    sourceIdentity.ifPresent(s -> keys.put("sts:SourceIdentity", List.of(s)));
    keys.putAll(SessionRequest.tagKeys(requestTags));

    Policy trust = trusted.trust();
    requireTrust(trust, "sts:AssumeRole", roleArn, caller, keys);
    if (!requestTags.isEmpty()) {
      requireTrust(trust, "sts:TagSession", roleArn, caller, keys);
    }
    if (sourceIdentity.isPresent() && inheritedSource == null) {
      requireTrust(trust, "sts:SetSourceIdentity", roleArn, caller, keys);
    }
    if (!namesCallerDirectly(trust, caller, role)) {
      // The trust policy above is the resource side; across accounts both sides must allow.
      authorizer.requirePrincipalSide(call, "sts:AssumeRole", roleArn, keys);
    }

    String sessionArn =
        "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/" + sessionName;
    Ids.SessionSecrets fresh = issuer.newSessionSecrets();
    var claims =
        new SessionClaims(
            fresh.secretAccessKey(),
            SessionClaims.PrincipalType.ASSUMED_ROLE,
            role.accountId(),
            sessionArn,
            role.arn(),
            role.id(),
            sessionName,
            sourceIdentity.orElse(inheritedSource),
            call.now(),
            call.now().plusSeconds(seconds),
            mfaAt.isPresent(),
            mfaAt.orElse(null),
            tags,
            transitiveFor(caller, transitive),
            sessionPolicy.orElse(null),
            policyArns,
            chained ? caller.chainDepth() + 1 : 0,
            fresh.sessionId());
    int packed = PackedPolicy.check(claims);
    Issuer.Pending pending = issuer.issueDeferred(call, caller.arn(), role.arn(), claims);
    boolean reportPacked = sessionPolicy.isPresent() || !policyArns.isEmpty() || !tags.isEmpty();
    String finalSource = claims.sourceIdentity();
    return pending.body(
        xml -> {
          xml.element(
              "AssumedRoleUser",
              x ->
                  x.element("AssumedRoleId", role.id() + ":" + sessionName)
                      .element("Arn", sessionArn));
          if (reportPacked) {
            xml.element("PackedPolicySize", packed);
          }
          xml.element("SourceIdentity", finalSource);
        });
  }

  private Optional<IdentityPolicies.TrustedRole> findRole(String roleArn) {
    return RoleArn.parse(roleArn)
        .flatMap(parsed -> identities.roleByArn(parsed.accountId(), parsed.name(), roleArn));
  }

  /** Throws AccessDenied unless the role's trust policy allows {@code action}. */
  private void requireTrust(
      Policy trust, String action, String roleArn, Caller caller, Map<String, List<String>> keys) {
    if (trust == null) {
      throw notAuthorized(caller, action, roleArn);
    }
    var request = new AuthorizationRequest(action, roleArn, Authorizer.principal(caller), keys);
    Decision d = evaluator.trust(trust, request);
    if (!d.allowed()) {
      throw notAuthorized(caller, action, roleArn);
    }
  }

  private static ApiException notAuthorized(Caller caller, String action, String roleArn) {
    return rejected(ErrorCode.ACCESS_DENIED, Authorizer.notAuthorized(caller, action, roleArn));
  }

  /**
   * In its own account a role needs no identity policy when its trust policy names the caller
   * itself (the user, or the role of a role session), not merely the account.
   */
  private static boolean namesCallerDirectly(Policy trust, Caller caller, Role role) {
    if (trust == null || !caller.accountId().equals(role.accountId())) {
      return false;
    }
    String doc = trust.document();
    return doc.contains("\"" + caller.entityArn() + "\"")
        || doc.contains("\"" + caller.arn() + "\"");
  }

  private static void checkTransitive(List<String> transitive, List<SessionClaims.Tag> tags) {
    var keys = new HashSet<String>();
    tags.forEach(t -> keys.add(t.key().toLowerCase(Locale.ROOT)));
    for (String k : transitive) {
      if (!keys.contains(k.toLowerCase(Locale.ROOT))) {
        throw rejected(
            ErrorCode.INVALID_PARAMETER_VALUE,
            "The specified transitive tag key must be included in the requested tags.");
      }
    }
  }

  /** Inherited transitive tags cannot be overridden by the request. */
  private static List<SessionClaims.Tag> mergeTags(
      List<SessionClaims.Tag> inherited, List<SessionClaims.Tag> requested) {
    var out = new ArrayList<>(inherited);
    var keys = new HashSet<String>();
    inherited.forEach(t -> keys.add(t.key().toLowerCase(Locale.ROOT)));
    for (SessionClaims.Tag t : requested) {
      if (keys.contains(t.key().toLowerCase(Locale.ROOT))) {
        throw rejected(
            ErrorCode.INVALID_PARAMETER_VALUE,
            "One or more of the specified transitive tag keys can't be set because it conflicts"
                + " with a transitive tag inherited from the parent session.");
      }
      out.add(t);
    }
    return out;
  }

  private static List<String> transitiveFor(Caller caller, List<String> requested) {
    var out = new ArrayList<String>();
    caller.session().ifPresent(s -> out.addAll(s.transitiveTagKeys()));
    out.addAll(requested);
    return out;
  }
}
