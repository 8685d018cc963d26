package dev.stint.server.store;

import java.time.Instant;
import java.util.Optional;

/** Portal sessions by the hash of their id. Implementations are thread-safe. */
public interface PortalSessionRepository {

  /**
   * @throws StoreException.EntityAlreadyExists if the id hash is taken
   * @throws StoreException.NoSuchEntity if the user does not exist
   */
  void create(PortalSession session);

  Optional<PortalSession> find(String idHash);

  /**
   * Removes a session outright (a pending sign-in replaced by its successor). Returns whether it
   * existed.
   */
  boolean delete(String idHash);

  /** Marks a session signed out unless it already is. Returns whether this call did it. */
  boolean signOut(String idHash, Instant at);

  /** Signs out every session of a user that is not signed out yet. Returns how many. */
  int signOutUser(String userId, Instant at);

  /** Deletes sessions that expired before {@code before}. Returns how many. */
  int deleteExpiredBefore(Instant before);
}
