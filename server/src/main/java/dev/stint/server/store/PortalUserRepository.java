package dev.stint.server.store;

import java.util.List;

/** Users' portal state. Implementations are thread-safe. */
public interface PortalUserRepository {

  /** The user's state; {@link PortalUser#initial} when none is stored. */
  PortalUser find(String userId);

  /**
   * Stores a user's state, replacing any.
   *
   * @throws StoreException.NoSuchEntity if the user does not exist
   */
  void put(PortalUser state);

  /** The states stored, ordered by user id (users missing here have the initial state). */
  List<PortalUser> list();
}
