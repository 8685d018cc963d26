package dev.stint.server.audit;

import dev.stint.server.query.ApiException;
import dev.stint.server.store.AuditEvent;
import dev.stint.server.store.AuditQuery;
import dev.stint.server.store.AuditRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit records durably before the response that they describe is sent, with group commit:
 * one writer thread takes every record waiting and makes them durable together, so a burst of
 * issuances costs one disk sync instead of one each. {@link #record} returns once its record is
 * durable and throws when it could not be, so a caller never answers for an unrecorded issuance.
 *
 * <p>With the embedded database, records go to a journal beside it and reach the database a
 * fraction of a second later ({@link #journaled}); with a shared database, straight into it ({@link
 * #direct}). {@link #query} sees every record acknowledged before it was called, either way.
 *
 * <p>Under load the writer lingers up to {@link #LINGER} before a commit so that more records share
 * it: a sync costs the same for one record as for thirty, and a lone request does not wait (the
 * writer lingers only when its last batch held several records or more arrived while it was
 * committing). Thread-safe.
 */
public final class AuditLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
  static final int MAX_BATCH = 256;
  static final int MAX_QUEUED = 100_000;
  static final long LINGER = TimeUnit.MICROSECONDS.toNanos(500);
  private static final int LINGER_ENOUGH = 32;
  // How long close() lets the writer finish: its last sync, then the journal's last copy.
  private static final long CLOSE_SECONDS = 60;

  private record Pending(AuditEvent event, CompletableFuture<Void> done) {}

  private final AuditRepository repository;
  private final Sink sink;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  // Set while the writer sleeps with nothing to do, or lingers for more: whoever clears it wakes
  // it.
  private final AtomicBoolean idle = new AtomicBoolean();
  private final AtomicBoolean lingering = new AtomicBoolean();
  private volatile boolean stopping;
  private final Thread writer;

  private AuditLog(AuditRepository repository, Sink sink) {
    this.repository = repository;
    this.sink = sink;
    this.writer = Thread.ofPlatform().name("stint-audit").daemon().start(this::run);
  }

  /** Records committed straight into the database, one transaction per batch. */
  public static AuditLog direct(AuditRepository repository) {
    return new AuditLog(repository, new DatabaseSink(repository));
  }

  /**
   * Records made durable in a journal in {@code dir} and copied into the database soon after. What
   * an earlier run left in the journal is copied first, before this returns.
   */
  public static AuditLog journaled(AuditRepository repository, Path dir) {
    return new AuditLog(repository, JournalSink.open(repository, dir));
  }

  /** Commits one record; returns once it is durable. */
  public void record(AuditEvent event) {
    await(submit(event));
  }

  /**
   * Queues one record for the next commit. The future completes once the record is durable, or
   * exceptionally when it cannot be; the writer's thread completes it, so whoever follows it up
   * must not block there. Throws at once when the log is closed or its queue is full.
   */
  public CompletableFuture<Void> submit(AuditEvent event) {
    if (stopping) {
      throw ApiException.failed("audit log closed", null);
    }
    if (queued.incrementAndGet() > MAX_QUEUED) {
      queued.decrementAndGet();
      throw ApiException.failed("audit queue full", null);
    }
    var pending = new Pending(event, new CompletableFuture<>());
    queue.add(pending);
    if (idle.get() && idle.compareAndSet(true, false)) {
      LockSupport.unpark(writer);
    } else if (queued.get() >= LINGER_ENOUGH && lingering.compareAndSet(true, false)) {
      LockSupport.unpark(writer);
    }
    return pending.done();
  }

  /**
   * Waits for a record {@link #submit submitted} before; throws {@link ApiException.Failed} when it
   * could not be made durable.
   */
  public static void await(CompletableFuture<Void> durable) {
    try {
      // Untimed on purpose: a timed park of a virtual thread registers and cancels a timer with
      // the scheduler's delay thread, waking it twice per request. The writer completes every
      // record, at the latest when its disk answers.
      durable.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.failed("interrupted while writing the audit record", e);
    } catch (ExecutionException e) {
      throw ApiException.failed("audit record not written", e.getCause());
    }
  }

  /** The matching records, newest first, including every record acknowledged before this call. */
  public List<AuditEvent> query(AuditQuery query) {
    long mark = sink.requestVisible();
    wake();
    try {
      sink.awaitVisible(mark);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return repository.query(query);
  }

  private void wake() {
    idle.set(false);
    LockSupport.unpark(writer);
  }

  private void run() {
    var batch = new ArrayList<Pending>(MAX_BATCH);
    boolean busy = false;
    while (true) {
      drain(batch);
      if (batch.isEmpty()) {
        if (stopping) {
          break;
        }
        long sleep = sink.maintain(System.nanoTime());
        idle.set(true);
        if (queue.isEmpty() && !stopping) {
          if (sleep == Long.MAX_VALUE) {
            LockSupport.park(this);
          } else {
            LockSupport.parkNanos(this, sleep);
          }
        }
        idle.set(false);
        busy = false;
        continue;
      }
      if (busy && batch.size() < LINGER_ENOUGH) {
        lingering.set(true);
        if (queued.get() < LINGER_ENOUGH) {
          LockSupport.parkNanos(this, LINGER);
        }
        lingering.set(false);
        drain(batch);
      }
      commit(batch);
      // Several records in a batch, or more arriving during its commit, mean concurrent callers:
      // worth lingering for. A lone caller's batches hold one record and find the queue empty.
      busy = batch.size() > 1 || !queue.isEmpty();
      batch.clear();
      sink.maintain(System.nanoTime());
    }
    sink.close();
    // A record queued after the last look cannot be written any more: fail it, do not strand it.
    drain(batch);
    batch.forEach(p -> p.done().completeExceptionally(new IllegalStateException("closed")));
  }

  private void drain(List<Pending> batch) {
    Pending p;
    while (batch.size() < MAX_BATCH && (p = queue.poll()) != null) {
      queued.decrementAndGet();
      batch.add(p);
    }
  }

  private void commit(List<Pending> batch) {
    try {
      sink.commit(batch.stream().map(Pending::event).toList(), System.nanoTime());
      batch.forEach(p -> p.done().complete(null));
    } catch (Exception e) {
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

  /** Commits what is queued, makes it visible in the database, then stops the writer. */
  @Override
  public void close() {
    stopping = true;
    wake();
    try {
      writer.join(TimeUnit.SECONDS.toMillis(CLOSE_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
