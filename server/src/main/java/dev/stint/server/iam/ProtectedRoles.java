package dev.stint.server.iam;

import dev.stint.server.store.Database;
import dev.stint.server.store.Role;

/**
 * Which roles IAM refuses to change: those the access portal provisioned for a permission set in an
 * account, as AWS protects the roles IAM Identity Center provisions. A role is one of them when the
 * portal's record of the permission set in the role's account names this very role; a role that
 * merely looks like one (made through CreateRole with the same path and a similar name, or left
 * behind by a provisioning that failed half-way) stays an ordinary role that IAM may change or
 * delete. The portal's {@code Provisioner} names its roles {@code AWSReservedSSO_<set>_<16 hex>}
 * under the path {@code /aws-reserved/sso.amazonaws.com/}, which lets every other role through
 * without a database read. Stateless.
 */
final class ProtectedRoles {
  static final String PATH = "/aws-reserved/sso.amazonaws.com/";
  static final String PREFIX = "AWSReservedSSO_";

  /** {@code _} and the 16 hex digits after the permission set's name. */
  private static final int SUFFIX_LENGTH = 17;

  private ProtectedRoles() {}

  static boolean isProtected(Database db, Role role) {
    String name = role.name();
    int end = name.length() - SUFFIX_LENGTH;
    if (!role.path().equals(PATH)
        || !name.startsWith(PREFIX)
        || end <= PREFIX.length()
        || name.charAt(end) != '_') {
      return false;
    }
    String permissionSet = name.substring(PREFIX.length(), end);
    return db.permissionSets()
        .findByName(permissionSet)
        .flatMap(ps -> db.assignments().findRole(role.accountId(), ps.id()))
        .map(provisioned -> provisioned.roleId().equals(role.id()))
        .orElse(false);
  }
}
