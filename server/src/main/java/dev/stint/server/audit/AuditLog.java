package dev.stint.server.audit;

import dev.stint.server.query.ApiException;
import dev.stint.server.store.AuditEvent;
import dev.stint.server.store.AuditRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit records durably before the response that they describe is sent, with group commit:
 * one writer thread takes every record waiting and commits them in one transaction, so a burst of
 * issuances costs one disk sync instead of one each. {@link #record} returns once its record is
 * committed and throws when it could not be, so a caller never answers for an unrecorded issuance.
 * Thread-safe.
 */
public final class AuditLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
  static final int MAX_BATCH = 256;
  private static final long WAIT_SECONDS = 30;

  private record Pending(AuditEvent event, CompletableFuture<Void> done) {}

  private static final Pending STOP = new Pending(null, null);

  private final AuditRepository repository;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(100_000);
  private final Thread writer;

  public AuditLog(AuditRepository repository) {
    this.repository = repository;
    this.writer = Thread.ofPlatform().name("stint-audit").daemon().start(this::run);
  }

  /** Commits one record; returns once it is durable. */
  public void record(AuditEvent event) {
    var pending = new Pending(event, new CompletableFuture<>());
    try {
      if (!queue.offer(pending, WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw ApiException.failed("audit queue full", null);
      }
      pending.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.failed("interrupted while writing the audit record", e);
    } catch (ExecutionException e) {
      throw ApiException.failed("audit record not written", e.getCause());
    } catch (TimeoutException e) {
      throw ApiException.failed("audit record not written in time", e);
    }
  }

  private void run() {
    var batch = new ArrayList<Pending>(MAX_BATCH);
    while (true) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
      } catch (InterruptedException e) {
        return;
      }
      // By identity: a record's equals would compare every queued event field by field.
      boolean stop = batch.removeIf(p -> p == STOP);
      commit(batch);
      batch.clear();
      if (stop) {
        return;
      }
    }
  }

  private void commit(List<Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      repository.appendAll(batch.stream().map(Pending::event).toList());
      batch.forEach(p -> p.done().complete(null));
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        log.error("could not commit an audit record", e);
        batch.get(0).done().completeExceptionally(e);
        return;
      }
      // One bad record must not fail its neighbours: commit them one by one.
      for (Pending p : batch) {
        commit(List.of(p));
      }
    }
  }

  /** Commits what is queued, then stops the writer. */
  @Override
  public void close() {
    try {
      queue.put(STOP);
      writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
