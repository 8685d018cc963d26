package dev.stint.server.portal;

import dev.stint.server.store.Assignment;
import dev.stint.server.store.Assignment.PrincipalType;
import dev.stint.server.store.Database;
import dev.stint.server.store.PermissionSet;
import dev.stint.server.store.Role;
import dev.stint.server.store.StoreException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Account assignments: a user or group may use a permission set in an account. Assigning provisions
 * the role that stands for the permission set there; removing the last assignment of a permission
 * set in an account removes that role (credentials already issued for it live on until they expire,
 * as in AWS). Thread-safe.
 */
public final class Assignments {
  private final Database db;
  private final Provisioner provisioner;
  private final PermissionSets permissionSets;
  private final PortalAudit audit;
  private final Clock clock;

  Assignments(
      Database db,
      Provisioner provisioner,
      PermissionSets permissionSets,
      PortalAudit audit,
      Clock clock) {
    this.db = db;
    this.provisioner = provisioner;
    this.permissionSets = permissionSets;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Assigns a permission set in an account to a user or group, provisioning its role there.
   *
   * @return the provisioned role
   * @throws PortalException.NotFound when the account, permission set, user or group does not exist
   * @throws PortalException.AlreadyExists when the same assignment exists
   */
  public Role assign(
      PrincipalType principalType,
      String principalId,
      String accountId,
      String permissionSetId,
      Origin origin) {
    if (db.accounts().find(accountId).isEmpty()) {
      throw new PortalException.NotFound("account", accountId);
    }
    PermissionSet ps = permissionSets.require(permissionSetId);
    String principal = principalName(principalType, principalId);
    synchronized (provisioner) {
      Role role = provisioner.ensure(accountId, ps);
      try {
        db.assignments()
            .create(
                new Assignment(principalType, principalId, accountId, ps.id(), clock.instant()));
      } catch (StoreException.EntityAlreadyExists e) {
        throw new PortalException.AlreadyExists(
            "assignment", principal + " / " + accountId + " / " + ps.name());
      } catch (StoreException.NoSuchEntity e) {
        removeIfUnused(accountId, ps.id());
        throw new PortalException.NotFound(e.type().label(), e.name());
      }
      audit.success(
          origin,
          "CreateAccountAssignment",
          role.arn(),
          principalType + " " + principal + " permissionSet=" + ps.name());
      return role;
    }
  }

  /**
   * Removes an assignment; the role goes with the last assignment of its permission set in the
   * account.
   *
   * @throws PortalException.NotFound when there is no such assignment
   */
  public void unassign(
      PrincipalType principalType,
      String principalId,
      String accountId,
      String permissionSetId,
      Origin origin) {
    synchronized (provisioner) {
      try {
        db.assignments().delete(principalType, principalId, accountId, permissionSetId);
      } catch (StoreException.NoSuchEntity e) {
        throw new PortalException.NotFound(
            "assignment",
            principalType + " " + principalId + " / " + accountId + " / " + permissionSetId);
      }
      removeIfUnused(accountId, permissionSetId);
    }
    audit.success(
        origin,
        "DeleteAccountAssignment",
        accountId,
        principalType + " " + principalId + " permissionSet=" + permissionSetId);
  }

  /** Every assignment, ordered by account, permission set and principal. */
  public List<Assignment> list() {
    return db.assignments().list();
  }

  public List<Assignment> listForAccount(String accountId) {
    return db.assignments().listForAccount(accountId);
  }

  public List<Assignment> listForPrincipal(PrincipalType principalType, String principalId) {
    return db.assignments().listForPrincipal(principalType, principalId);
  }

  /** The role provisioned for a permission set in an account, while it is assigned there. */
  public Optional<Role> provisionedRole(String accountId, String permissionSetId) {
    return provisioner.role(accountId, permissionSetId);
  }

  private void removeIfUnused(String accountId, String permissionSetId) {
    if (db.assignments().count(accountId, permissionSetId) == 0) {
      provisioner.remove(accountId, permissionSetId);
    }
  }

  private String principalName(PrincipalType type, String id) {
    if (type == PrincipalType.USER) {
      return db.users()
          .findById(id)
          .map(u -> u.name())
          .orElseThrow(() -> new PortalException.NotFound("user", id));
    }
    return db.groups()
        .find(id)
        .map(g -> g.name())
        .orElseThrow(() -> new PortalException.NotFound("group", id));
  }
}
