package dev.stint.server.store;

import java.time.Instant;
import java.util.List;

/**
 * Session revocations, which every node polls. Implementations are thread-safe.
 *
 * <p>Polling: remember the newest {@code created} seen and ask {@link #listSince} for it again; the
 * bound is inclusive, so a revocation written in the same millisecond as the last poll is not
 * missed (callers keep revocations in a set, so the repeat is harmless).
 */
public interface RevocationRepository {

  /**
   * @throws StoreException.EntityAlreadyExists if the revocation id is taken
   */
  void add(Revocation revocation);

  /** The revocations created at or after {@code since}, oldest first. */
  List<Revocation> listSince(Instant since);

  /**
   * Deletes revocations created before {@code before}: once every credential they could apply to
   * has expired, they are dead weight. Returns how many.
   */
  int deleteCreatedBefore(Instant before);
}
