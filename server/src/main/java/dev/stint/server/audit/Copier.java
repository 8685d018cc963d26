package dev.stint.server.audit;

import dev.stint.server.store.AuditEvent;
import dev.stint.server.store.AuditRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies closed journal segments into the database, oldest first, one transaction each, then
 * deletes them. A copy that fails (the database is away) is retried until it succeeds: the records
 * stay safe in the journal meanwhile. Copies skip records already present, so a segment copied
 * before a crash but not yet deleted is copied again harmlessly. Thread-safe.
 */
final class Copier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Copier.class);
  private static final Journal.Segment STOP = new Journal.Segment(null, 0);
  private static final long RETRY_MILLIS = 1_000;

  private final AuditRepository repository;
  private final LinkedBlockingQueue<Journal.Segment> segments = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Object progress = new Object();
  private long copied; // records copied so far; guarded by progress

  Copier(AuditRepository repository) {
    this.repository = repository;
    this.thread = Thread.ofPlatform().name("stint-audit-copy").daemon().start(this::run);
  }

  /**
   * Copies one segment's records into the database, then deletes its file: for the copier's thread
   * and, at start, for what a previous run left behind.
   */
  static int copy(AuditRepository repository, Journal.Segment segment) {
    List<AuditEvent> events;
    try {
      events = segment.read();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read audit journal " + segment.file(), e);
    }
    repository.copy(events);
    Journal.delete(segment.file());
    return events.size();
  }

  void submit(Journal.Segment segment) {
    segments.add(segment);
  }

  /** Waits until {@code count} records in all have been copied, or the wait is over. */
  boolean awaitCopied(long count, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (progress) {
      while (copied < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(progress, left);
      }
      return true;
    }
  }

  private void run() {
    while (true) {
      Journal.Segment segment;
      try {
        segment = segments.take();
      } catch (InterruptedException e) {
        return;
      }
      if (segment == STOP) {
        return;
      }
      if (!copyUntilDone(segment)) {
        return;
      }
    }
  }

  private boolean copyUntilDone(Journal.Segment segment) {
    for (int attempt = 1; ; attempt++) {
      try {
        copy(repository, segment);
        synchronized (progress) {
          copied += segment.records();
          progress.notifyAll();
        }
        return true;
      } catch (RuntimeException e) {
        if (attempt == 1) {
          log.warn(
              "copying audit journal {} into the database failed; retrying every {} ms (the"
                  + " records are safe in the journal)",
              segment.file().getFileName(),
              RETRY_MILLIS,
              e);
        }
        try {
          Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException interrupted) {
          return false; // left in the journal: copied at the next start
        }
      }
    }
  }

  /** Copies what was submitted (one attempt each once stopping), then stops. */
  @Override
  public void close() {
    segments.add(STOP);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
      if (thread.isAlive()) {
        thread.interrupt(); // the database is away: the journal keeps the rest for the next start
        thread.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
