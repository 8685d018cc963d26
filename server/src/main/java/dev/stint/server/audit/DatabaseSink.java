package dev.stint.server.audit;

import dev.stint.server.store.AuditEvent;
import dev.stint.server.store.AuditRepository;
import java.util.List;

/**
 * Commits each batch straight into the database in one transaction: for a shared database
 * (PostgreSQL), which is the durable place every node writes to, whatever a node's disk holds.
 */
final class DatabaseSink implements Sink {
  private final AuditRepository repository;

  DatabaseSink(AuditRepository repository) {
    this.repository = repository;
  }

  @Override
  public void commit(List<AuditEvent> events, long nowNanos) {
    repository.appendAll(events);
  }

  @Override
  public long maintain(long nowNanos) {
    return Long.MAX_VALUE;
  }

  @Override
  public long requestVisible() {
    return 0; // committed is visible
  }

  @Override
  public void awaitVisible(long mark) {}

  @Override
  public void close() {}
}
