package dev.stint.server.portal;

import dev.stint.core.ids.Ids;
import dev.stint.server.auth.IdentityPolicies;
import dev.stint.server.store.Database;
import dev.stint.server.store.InlinePolicy;
import dev.stint.server.store.PermissionSet;
import dev.stint.server.store.PolicyAttachment;
import dev.stint.server.store.ProvisionedRole;
import dev.stint.server.store.Role;
import dev.stint.server.store.StoreException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the IAM role that stands for a permission set in an account in step with it, as Identity
 * Center does: role {@code AWSReservedSSO_<PermissionSet>_<16 hex>} under the path {@code
 * /aws-reserved/sso.amazonaws.com/}, trusting the account's {@code AWSSSO_stint_DO_NOT_DELETE} SAML
 * provider, with the permission set's session duration as its maximum, its inline policy as {@code
 * AwsSSOInlinePolicy} and its managed policies attached. Only this class changes those roles: the
 * IAM API refuses to (UnmodifiableEntity), recognising them by this name and path and by the
 * provisioned-role record, so the naming here and in {@code iam.ProtectedRoles} must agree.
 * Thread-safe: changes are serialised on this node, and the store's unique keys guard against
 * another node.
 */
final class Provisioner {
  static final String PATH = "/aws-reserved/sso.amazonaws.com/";
  static final String PREFIX = "AWSReservedSSO_";
  static final String INLINE_POLICY_NAME = "AwsSSOInlinePolicy";
  static final String SAML_PROVIDER = "AWSSSO_stint_DO_NOT_DELETE";

  private final Database db;
  private final IdentityPolicies identities;
  private final Ids ids;
  private final Secrets secrets;
  private final Clock clock;

  Provisioner(Database db, IdentityPolicies identities, Ids ids, Secrets secrets, Clock clock) {
    this.db = db;
    this.identities = identities;
    this.ids = ids;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** The role for a permission set in an account, made now if there is none. */
  synchronized Role ensure(String accountId, PermissionSet ps) {
    Optional<Role> existing = role(accountId, ps.id());
    if (existing.isPresent()) {
      return existing.get();
    }
    String name = PREFIX + ps.name() + "_" + secrets.hex(8);
    Role role =
        db.roles()
            .create(
                new Role(
                    ids.roleId(),
                    accountId,
                    name,
                    PATH,
                    "arn:aws:iam::" + accountId + ":role" + PATH + name,
                    trustPolicy(accountId),
                    "Provisioned by the stint access portal for permission set " + ps.name(),
                    (int) ps.sessionDuration().toSeconds(),
                    clock.instant(),
                    Map.of()));
    try {
      db.assignments().putRole(new ProvisionedRole(accountId, ps.id(), role.id()));
    } catch (StoreException.EntityAlreadyExists raced) {
      // Another node provisioned the same role first: theirs stands, ours goes.
      db.roles().delete(accountId, role.name());
      return role(accountId, ps.id()).orElseThrow();
    }
    sync(role, ps);
    return role;
  }

  /** The role provisioned for a permission set in an account, if any. */
  Optional<Role> role(String accountId, String permissionSetId) {
    return db.assignments()
        .findRole(accountId, permissionSetId)
        .flatMap(p -> db.roles().findById(p.roleId()));
  }

  /** Brings every role provisioned for the permission set in step with it. */
  synchronized void update(PermissionSet ps) {
    for (ProvisionedRole p : db.assignments().listRoles(ps.id())) {
      db.roles().findById(p.roleId()).ifPresent(role -> sync(role, ps));
    }
  }

  /** Removes the role of a permission set in an account, its policies first. */
  synchronized void remove(String accountId, String permissionSetId) {
    Optional<ProvisionedRole> provisioned = db.assignments().findRole(accountId, permissionSetId);
    if (provisioned.isEmpty()) {
      return;
    }
    db.assignments().deleteRole(accountId, permissionSetId);
    Optional<Role> role = db.roles().findById(provisioned.get().roleId());
    if (role.isEmpty()) {
      return;
    }
    Role r = role.get();
    for (InlinePolicy p : db.roles().listPolicies(r.id())) {
      db.roles().deletePolicy(r.id(), p.name());
    }
    for (PolicyAttachment a : db.policies().listAttached(r.arn())) {
      db.policies().detach(a);
    }
    db.roles().delete(accountId, r.name());
    identities.invalidate(r.id());
  }

  private void sync(Role role, PermissionSet ps) {
    int seconds = (int) ps.sessionDuration().toSeconds();
    if (role.maxSessionDurationSeconds() != seconds) {
      db.roles()
          .update(
              new Role(
                  role.id(),
                  role.accountId(),
                  role.name(),
                  role.path(),
                  role.arn(),
                  role.trustPolicy(),
                  role.description(),
                  seconds,
                  role.created(),
                  role.tags()));
    }
    if (ps.inlinePolicy() != null) {
      db.roles().putPolicy(role.id(), new InlinePolicy(INLINE_POLICY_NAME, ps.inlinePolicy()));
    } else if (db.roles().findPolicy(role.id(), INLINE_POLICY_NAME).isPresent()) {
      db.roles().deletePolicy(role.id(), INLINE_POLICY_NAME);
    }
    Set<String> wanted = new HashSet<>(ps.managedPolicyArns());
    for (PolicyAttachment a : db.policies().listAttached(role.arn())) {
      if (!wanted.remove(a.policyArn())) {
        db.policies().detach(a);
      }
    }
    for (String arn : wanted) {
      db.policies()
          .attach(new PolicyAttachment(PolicyAttachment.PrincipalType.ROLE, role.arn(), arn));
    }
    identities.invalidate(role.id());
  }

  /** Identity Center's trust policy: only its SAML provider in the same account may assume. */
  static String trustPolicy(String accountId) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Federated\":\"arn:aws:iam::"
        + accountId
        + ":saml-provider/"
        + SAML_PROVIDER
        + "\"},\"Action\":[\"sts:AssumeRoleWithSAML\",\"sts:TagSession\"],"
        + "\"Condition\":{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}}]}";
  }
}
