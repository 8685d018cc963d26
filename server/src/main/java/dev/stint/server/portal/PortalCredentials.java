package dev.stint.server.portal;

import dev.stint.core.ids.Ids;
import dev.stint.core.token.SessionClaims;
import dev.stint.server.store.Database;
import dev.stint.server.store.PermissionSet;
import dev.stint.server.store.Role;
import dev.stint.server.store.User;
import dev.stint.server.sts.Issuer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Issues credentials for a role a user may use in an account: a session of the role provisioned for
 * the permission set, named after the user ({@code
 * arn:aws:sts::ACCT:assumed-role/AWSReservedSSO_<PermissionSet>_<suffix>/<user>}), valid for the
 * permission set's session duration, chain depth 0. Every issuance is audited before the
 * credentials are returned. Thread-safe.
 */
public final class PortalCredentials {
  /** The audit action of credentials issued from the portal or the Identity Center API. */
  public static final String AUDIT_ACTION = "sso:GetRoleCredentials";

  private final Database db;
  private final Directory directory;
  private final Provisioner provisioner;
  private final Issuer issuer;
  private final Clock clock;

  PortalCredentials(
      Database db, Directory directory, Provisioner provisioner, Issuer issuer, Clock clock) {
    this.db = db;
    this.directory = directory;
    this.provisioner = provisioner;
    this.issuer = issuer;
    this.clock = clock;
  }

  /**
   * Credentials for the role named {@code roleName} (a permission set name) in an account.
   *
   * @param mfaAuthenticated when the user's sign-in checked a TOTP code, or {@code null}; carried
   *     into the session as {@code aws:MultiFactorAuthPresent}
   * @throws PortalException.NotFound when the user may not use that role in that account
   */
  public Issuer.Issued issue(
      String userId, String accountId, String roleName, Instant mfaAuthenticated, Origin origin) {
    User user =
        db.users().findById(userId).orElseThrow(() -> new PortalException.NotFound("user", userId));
    PermissionSet ps =
        directory
            .permissionSet(userId, accountId, roleName)
            .orElseThrow(() -> noAccess(accountId, roleName));
    Role role =
        provisioner.role(accountId, ps.id()).orElseThrow(() -> noAccess(accountId, roleName));
    Instant now = clock.instant();
    String sessionName = sessionName(user.name());
    boolean mfa = mfaAuthenticated != null && !mfaAuthenticated.isAfter(now);
    Ids.SessionSecrets fresh = issuer.newSessionSecrets();
    var claims =
        new SessionClaims(
            fresh.secretAccessKey(),
            SessionClaims.PrincipalType.ASSUMED_ROLE,
            accountId,
            "arn:aws:sts::" + accountId + ":assumed-role/" + role.name() + "/" + sessionName,
            role.arn(),
            role.id(),
            sessionName,
            null,
            now,
            now.plus(ps.sessionDuration()),
            mfa,
            mfa ? mfaAuthenticated : null,
            List.of(),
            List.of(),
            null,
            List.of(),
            0,
            fresh.sessionId());
    return issuer
        .issueDeferred(
            AUDIT_ACTION,
            origin.requestId(),
            origin.sourceIp().isEmpty() ? null : origin.sourceIp(),
            now,
            user.arn(),
            role.arn(),
            claims)
        .await();
  }

  /** Role session names need two characters; a one-letter user name gets a trailing dash. */
  static String sessionName(String userName) {
    return userName.length() < 2 ? userName + "-" : userName;
  }

  private static PortalException.NotFound noAccess(String accountId, String roleName) {
    return new PortalException.NotFound("role", roleName + " in account " + accountId);
  }
}
