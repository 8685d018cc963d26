package dev.stint.server.sts;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.core.ids.Ids;
import dev.stint.core.token.SessionClaims;
import dev.stint.server.auth.Authorizer;
import dev.stint.server.auth.Caller;
import dev.stint.server.auth.IdentityPolicies;
import dev.stint.server.policy.PolicyEvaluator;
import dev.stint.server.query.ErrorCode;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.QueryService;
import dev.stint.server.query.Validator;
import dev.stint.server.query.Xml;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The STS query API, version 2011-06-15: GetCallerIdentity, AssumeRole, GetSessionToken,
 * GetFederationToken and GetAccessKeyInfo, with AWS's rules for which credentials may call what.
 * Thread-safe.
 */
public final class StsService {
  public static final String VERSION = "2011-06-15";
  public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
  static final int USER_SESSION_DEFAULT_SECONDS = 43_200;
  static final int USER_SESSION_MIN_SECONDS = 900;
  static final int USER_SESSION_MAX_SECONDS = 129_600;

  private final Authorizer authorizer;
  private final Issuer issuer;
  private final MfaCheck mfa;

  private StsService(Authorizer authorizer, Issuer issuer, MfaCheck mfa) {
    this.authorizer = authorizer;
    this.issuer = issuer;
    this.mfa = mfa;
  }

  /** The service with every action wired. */
  public static QueryService create(
      IdentityPolicies identities,
      Authorizer authorizer,
      PolicyEvaluator evaluator,
      Issuer issuer,
      MfaCheck mfa) {
    var sts = new StsService(authorizer, issuer, mfa);
    return new QueryService(
        VERSION,
        NAMESPACE,
        "sts",
        Map.of(
            "GetCallerIdentity", sts::getCallerIdentity,
            "AssumeRole", new AssumeRoleAction(identities, authorizer, evaluator, issuer, mfa),
            "GetSessionToken", sts::getSessionToken,
            "GetFederationToken", sts::getFederationToken,
            "GetAccessKeyInfo", sts::getAccessKeyInfo),
        Set.of());
  }

  /** No permission is needed: AWS answers GetCallerIdentity even under an explicit deny. */
  Xml.Body getCallerIdentity(QueryCall call) {
    Caller caller = call.signer();
    return xml ->
        xml.element("Arn", caller.arn())
            .element("UserId", caller.userId())
            .element("Account", caller.accountId());
  }

  Xml.Body getSessionToken(QueryCall call) {
    Caller caller = call.signer();
    Validator v = call.validator();
    Optional<Integer> duration =
        v.integer("DurationSeconds", USER_SESSION_MIN_SECONDS, USER_SESSION_MAX_SECONDS);
    Optional<String> serial = v.optional("SerialNumber", StsShapes.SERIAL_NUMBER);
    Optional<String> code = v.optional("TokenCode", StsShapes.TOKEN_CODE);
    v.check();
    if (caller.temporary()) {
      throw rejected(
          ErrorCode.ACCESS_DENIED, "Cannot call GetSessionToken with session credentials");
    }
    Optional<Instant> mfaAt = SessionRequest.mfa(call, caller, mfa, serial, code);
    Instant now = call.now();
    Ids.SessionSecrets fresh = issuer.newSessionSecrets();
    var claims =
        new SessionClaims(
            fresh.secretAccessKey(),
            SessionClaims.PrincipalType.USER_SESSION,
            caller.accountId(),
            caller.arn(),
            caller.entityArn(),
            caller.entityId(),
            null,
            null,
            now,
            now.plusSeconds(duration.orElse(USER_SESSION_DEFAULT_SECONDS)),
            mfaAt.isPresent(),
            mfaAt.orElse(null),
            List.of(),
            List.of(),
            null,
            List.of(),
            0,
            fresh.sessionId());
    Issuer.Pending pending = issuer.issueDeferred(call, caller.arn(), caller.arn(), claims);
    return pending.body(xml -> {});
  }

  Xml.Body getFederationToken(QueryCall call) {
    Caller caller = call.signer();
    Validator v = call.validator();
    String name = v.required("Name", StsShapes.FEDERATED_NAME);
    Optional<String> policyText = v.optional("Policy", StsShapes.SESSION_POLICY);
    Optional<Integer> duration =
        v.integer("DurationSeconds", USER_SESSION_MIN_SECONDS, USER_SESSION_MAX_SECONDS);
    List<SessionClaims.Tag> tags = SessionRequest.tags(call, v);
    List<String> policyArns = SessionRequest.policyArns(call, v);
    v.check();
    Optional<String> sessionPolicy = SessionRequest.sessionPolicy(policyText);
    if (caller.temporary()) {
      throw rejected(
          ErrorCode.ACCESS_DENIED, "Cannot call GetFederationToken with session credentials");
    }
    String arn = "arn:aws:sts::" + caller.accountId() + ":federated-user/" + name;
    var keys = new java.util.LinkedHashMap<String, List<String>>(SessionRequest.tagKeys(tags));
    authorizer.require(call, "sts:GetFederationToken", arn, keys);
    if (!tags.isEmpty()) {
      authorizer.require(call, "sts:TagSession", arn, keys);
    }
    Instant now = call.now();
    Ids.SessionSecrets fresh = issuer.newSessionSecrets();
    var claims =
        new SessionClaims(
            fresh.secretAccessKey(),
            SessionClaims.PrincipalType.FEDERATED_USER,
            caller.accountId(),
            arn,
            caller.entityArn(),
            caller.entityId(),
            name,
            null,
            now,
            now.plusSeconds(duration.orElse(USER_SESSION_DEFAULT_SECONDS)),
            false,
            null,
            tags,
            List.of(),
            sessionPolicy.orElse(null),
            policyArns,
            0,
            fresh.sessionId());
    int packed = PackedPolicy.check(claims);
    Issuer.Pending pending = issuer.issueDeferred(call, caller.arn(), arn, claims);
    return pending.body(
        xml -> {
          xml.element(
              "FederatedUser",
              x ->
                  x.element("FederatedUserId", caller.accountId() + ":" + name)
                      .element("Arn", arn));
          xml.element("PackedPolicySize", packed);
        });
  }

  Xml.Body getAccessKeyInfo(QueryCall call) {
    Validator v = call.validator();
    String keyId = v.required("AccessKeyId", StsShapes.ACCESS_KEY_ID);
    v.check();
    restrictToUsersAndRoles(call, "sts:GetAccessKeyInfo");
    authorizer.require(call, "sts:GetAccessKeyInfo", "*");
    String account =
        AccessKeyIds.accountOf(keyId)
            .orElseThrow(
                () ->
                    rejected(
                        ErrorCode.INVALID_PARAMETER_VALUE,
                        "Invalid AccessKeyId: not an access key id issued by this service"));
    return xml -> xml.element("Account", account);
  }

  /** Federated users may call no STS action but GetCallerIdentity. */
  private static void restrictToUsersAndRoles(QueryCall call, String action) {
    Caller caller = call.signer();
    if (caller.kind() == Caller.Kind.FEDERATED_USER) {
      throw rejected(ErrorCode.ACCESS_DENIED, Authorizer.notAuthorized(caller, action, "*"));
    }
  }
}
