package dev.stint.server.store;

import java.util.Iterator;
import java.util.List;

/**
 * The audit log: append-only. Implementations are thread-safe; {@link #append} returns only once
 * the record is committed (on SQLite, synced to disk), so it survives a crash after the response.
 */
public interface AuditRepository {

  /**
   * @throws StoreException.EntityAlreadyExists if the event id is taken
   */
  void append(AuditEvent event);

  /**
   * Appends every event in one transaction: all are committed, or none (group commit).
   *
   * @throws StoreException.EntityAlreadyExists if an event id is taken
   */
  void appendAll(List<AuditEvent> events);

  /**
   * Inserts, in one transaction, every event whose id is not stored yet, and skips the others: for
   * copying records from a journal, where a copy may be repeated after a crash. The batches are
   * taken one at a time, so that a large copy is never held in memory whole.
   */
  void copy(Iterator<List<AuditEvent>> batches);

  /** The matching events, newest first (ties by id, descending). */
  List<AuditEvent> query(AuditQuery query);
}
