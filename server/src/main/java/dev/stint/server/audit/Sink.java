package dev.stint.server.audit;

import dev.stint.server.store.AuditEvent;
import java.util.List;

/** Where {@link AuditLog}'s writer makes records durable. Called by the writer thread only. */
interface Sink extends AutoCloseable {

  /** Makes every record durable, or throws and none of them counts as written. */
  void commit(List<AuditEvent> events, long nowNanos) throws Exception;

  /** Work due between batches; returns how long the writer may sleep before calling again. */
  long maintain(long nowNanos);

  /**
   * Asks that what is committed so far becomes visible to database queries soon; returns a mark for
   * {@link #awaitVisible}. Called by any thread.
   */
  long requestVisible();

  /** Waits, within reason, until what was committed before {@code mark} is visible. */
  void awaitVisible(long mark) throws InterruptedException;

  @Override
  void close();
}
