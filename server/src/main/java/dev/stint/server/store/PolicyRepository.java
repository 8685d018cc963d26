package dev.stint.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Managed policies and their attachments to users and roles. Implementations are thread-safe. Names
 * compare without case, as IAM's do.
 */
public interface PolicyRepository {

  /**
   * @throws StoreException.EntityAlreadyExists if the account has a policy by that name
   */
  ManagedPolicy create(ManagedPolicy policy);

  Optional<ManagedPolicy> find(String policyArn);

  /**
   * IAM's ListPolicies (Scope=Local): ordered by name, filtered by path prefix ({@code null} for
   * all).
   *
   * @throws StoreException.InvalidMarker for a marker this store did not hand out
   */
  Page<ManagedPolicy> list(String accountId, String pathPrefix, String marker, int maxItems);

  /**
   * Replaces the default version's document.
   *
   * @throws StoreException.NoSuchEntity if there is no such policy
   */
  void updateDocument(String policyArn, String document);

  /**
   * @throws StoreException.NoSuchEntity if there is no such policy
   * @throws StoreException.DeleteConflict while it is attached to any user or role
   */
  void delete(String policyArn);

  /**
   * Attaches a policy; attaching it again changes nothing, as in IAM.
   *
   * @throws StoreException.NoSuchEntity if the policy does not exist
   */
  void attach(PolicyAttachment attachment);

  /**
   * @throws StoreException.NoSuchEntity if the policy is not attached to that principal
   */
  void detach(PolicyAttachment attachment);

  /** The policies attached to a user or role, ordered by policy ARN. */
  List<PolicyAttachment> listAttached(String principalArn);

  /** The users and roles a policy is attached to, ordered by principal ARN. */
  List<PolicyAttachment> listEntities(String policyArn);
}
