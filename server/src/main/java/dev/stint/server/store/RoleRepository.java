package dev.stint.server.store;

import java.util.Optional;

/**
 * The role aggregate: roles with their tags and inline policies. Implementations are thread-safe;
 * every method is one transaction. Names compare without case, as IAM's do.
 */
public interface RoleRepository extends InlinePolicies {

  /**
   * Stores a new role and its tags together.
   *
   * @throws StoreException.EntityAlreadyExists if the account already has a role by that name
   * @throws StoreException.NoSuchEntity if the account does not exist
   */
  Role create(Role role);

  Optional<Role> findByName(String accountId, String name);

  Optional<Role> findById(String roleId);

  /**
   * IAM's ListRoles: ordered by name, filtered by path prefix ({@code null} for all).
   *
   * @throws StoreException.InvalidMarker for a marker this store did not hand out
   */
  Page<Role> list(String accountId, String pathPrefix, String marker, int maxItems);

  /**
   * Replaces what IAM lets change on a role: trust policy, description, maximum session duration
   * and tags. A role's name, path and ARN never change.
   *
   * @throws StoreException.NoSuchEntity if there is no such role
   * @throws IllegalArgumentException if the name, path or ARN differ from the stored role's
   */
  Role update(Role role);

  /**
   * @throws StoreException.NoSuchEntity if there is no such role
   * @throws StoreException.DeleteConflict while it has inline or attached policies
   */
  void delete(String accountId, String name);
}
