package dev.stint.server.store;

import java.util.List;
import java.util.Optional;

/**
 * The inline policies of one kind of owner, users or roles, by the owner's id: IAM treats the two
 * alike, and so do the repositories ({@link UserRepository}, {@link RoleRepository}) and the IAM
 * actions over them.
 */
public interface InlinePolicies {

  /**
   * Adds or replaces an inline policy.
   *
   * @throws StoreException.NoSuchEntity if there is no such owner
   */
  void putPolicy(String ownerId, InlinePolicy policy);

  Optional<InlinePolicy> findPolicy(String ownerId, String policyName);

  /** The owner's inline policies ordered by name. */
  List<InlinePolicy> listPolicies(String ownerId);

  /**
   * @throws StoreException.NoSuchEntity if the owner has no inline policy by that name
   */
  void deletePolicy(String ownerId, String policyName);
}
