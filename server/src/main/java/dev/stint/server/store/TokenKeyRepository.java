package dev.stint.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Session-token keys, wrapped by the application. Implementations are thread-safe. */
public interface TokenKeyRepository {

  /**
   * @throws StoreException.EntityAlreadyExists if the key id is taken
   */
  void add(TokenKey key);

  Optional<TokenKey> find(String keyId);

  /** Every stored key, oldest first. */
  List<TokenKey> list();

  /**
   * Sets when a key stops verifying (at rotation: the expiry of the longest credential it issued).
   *
   * @throws StoreException.NoSuchEntity if there is no such key
   */
  void retireAfter(String keyId, Instant retireAfter);

  /** Deletes the keys whose retire-after time is before {@code now}; returns how many. */
  int deleteRetired(Instant now);
}
