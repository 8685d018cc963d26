package dev.stint.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Account assignments and the roles provisioned for them. Implementations are thread-safe; every
 * method is one transaction.
 */
public interface AssignmentRepository {

  /**
   * @throws StoreException.EntityAlreadyExists if the same assignment exists
   * @throws StoreException.NoSuchEntity if the account, the permission set, or the user or group
   *     does not exist
   */
  Assignment create(Assignment assignment);

  /**
   * @throws StoreException.NoSuchEntity if there is no such assignment
   */
  void delete(
      Assignment.PrincipalType principalType,
      String principalId,
      String accountId,
      String permissionSetId);

  /** Every assignment, ordered by account, permission set, principal type and id. */
  List<Assignment> list();

  /** The assignments in an account, in {@link #list()}'s order. */
  List<Assignment> listForAccount(String accountId);

  /** The assignments of one user or group, in {@link #list()}'s order. */
  List<Assignment> listForPrincipal(Assignment.PrincipalType principalType, String principalId);

  /**
   * What a user may use: the assignments made to the user and to every group the user belongs to,
   * in {@link #list()}'s order.
   */
  List<Assignment> listForUser(String userId);

  /** How many assignments give this permission set in this account. */
  int count(String accountId, String permissionSetId);

  /** Whether anything is assigned to this permission set anywhere. */
  boolean isAssigned(String permissionSetId);

  /**
   * Records the role provisioned for a permission set in an account.
   *
   * @throws StoreException.EntityAlreadyExists if one is recorded there already
   * @throws StoreException.NoSuchEntity if the account, permission set or role does not exist
   */
  void putRole(ProvisionedRole role);

  Optional<ProvisionedRole> findRole(String accountId, String permissionSetId);

  /** The roles provisioned for a permission set, ordered by account. */
  List<ProvisionedRole> listRoles(String permissionSetId);

  /**
   * Forgets the provisioned role of a permission set in an account (the role itself stays in the
   * role repository).
   *
   * @throws StoreException.NoSuchEntity if none is recorded
   */
  void deleteRole(String accountId, String permissionSetId);
}
