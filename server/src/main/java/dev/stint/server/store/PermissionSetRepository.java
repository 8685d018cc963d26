package dev.stint.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Permission sets with their managed policy ARNs. Implementations are thread-safe; every method is
 * one transaction. Names compare without case.
 */
public interface PermissionSetRepository {

  /**
   * @throws StoreException.EntityAlreadyExists if the id or the name is taken
   */
  PermissionSet create(PermissionSet permissionSet);

  Optional<PermissionSet> find(String permissionSetId);

  Optional<PermissionSet> findByName(String name);

  /** Every permission set, ordered by name without case. */
  List<PermissionSet> list();

  /**
   * Replaces everything but the id and the creation time.
   *
   * @throws StoreException.NoSuchEntity if there is no such permission set
   * @throws StoreException.EntityAlreadyExists if the new name is another permission set's
   */
  PermissionSet update(PermissionSet permissionSet);

  /**
   * @throws StoreException.NoSuchEntity if there is no such permission set
   * @throws StoreException.DeleteConflict while it is assigned or provisioned anywhere
   */
  void delete(String permissionSetId);
}
