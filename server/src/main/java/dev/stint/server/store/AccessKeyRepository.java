package dev.stint.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Users' long-term access keys (secrets as ciphertext only). Implementations are thread-safe.
 * Enforcing IAM's two-keys-per-user quota is the caller's job: {@link #listForUser} gives the
 * count.
 */
public interface AccessKeyRepository {

  /**
   * @throws StoreException.NoSuchEntity if the user does not exist
   * @throws StoreException.EntityAlreadyExists if the key id is taken
   */
  void create(AccessKey key);

  Optional<AccessKey> find(String accessKeyId);

  /** The user's keys, oldest first. */
  List<AccessKey> listForUser(String userId);

  /**
   * @throws StoreException.NoSuchEntity if there is no such key
   */
  void updateStatus(String accessKeyId, AccessKey.Status status);

  /**
   * Remembers the key's most recent use, as IAM's GetAccessKeyLastUsed reports it.
   *
   * @throws StoreException.NoSuchEntity if there is no such key
   */
  void recordUse(String accessKeyId, AccessKey.LastUsed lastUsed);

  /**
   * @throws StoreException.NoSuchEntity if there is no such key
   */
  void delete(String accessKeyId);
}
