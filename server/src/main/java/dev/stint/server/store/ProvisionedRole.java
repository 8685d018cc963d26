package dev.stint.server.store;

/**
 * The IAM role that stands for a permission set in one account ({@code
 * AWSReservedSSO_<name>_<suffix>}). Immutable and thread-safe.
 */
public record ProvisionedRole(String accountId, String permissionSetId, String roleId) {

  public ProvisionedRole {
    Checks.matching(accountId, Checks.ACCOUNT_ID, "account id");
    Checks.matching(permissionSetId, Checks.PORTAL_ID, "permission set id");
    Checks.matching(roleId, Checks.ROLE_ID, "role id");
  }
}
