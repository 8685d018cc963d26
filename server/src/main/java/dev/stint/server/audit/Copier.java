package dev.stint.server.audit;

import dev.stint.server.store.AuditRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies closed journal segments into the database, oldest first, one transaction each, then hands
 * them back to the journal ({@link Journal#recycle}). A copy that fails (the database is away) is
 * retried until it succeeds: the records stay safe in the journal meanwhile. Copies skip records
 * already present, so a segment copied before a crash but not yet deleted is copied again
 * harmlessly. Thread-safe.
 */
final class Copier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Copier.class);
  private static final Journal.Segment STOP = new Journal.Segment(null, 0, 0);
  private static final long RETRY_MILLIS = 1_000;
  // Records decoded and inserted at a time, within the segment's one transaction.
  static final int BATCH = 256;

  private final AuditRepository repository;
  private final Journal journal;
  private final LinkedBlockingQueue<Journal.Segment> segments = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Object progress = new Object();
  private long copied; // records copied so far; guarded by progress

  Copier(AuditRepository repository, Journal journal) {
    this.repository = repository;
    this.journal = journal;
    this.thread = Thread.ofPlatform().name("stint-audit-copy").daemon().start(this::run);
  }

  /**
   * Copies one segment's records into the database, then hands its file back to the journal: for
   * the copier's thread and, at start, for what a previous run left behind.
   */
  static int copy(AuditRepository repository, Journal journal, Journal.Segment segment) {
    Journal.Batches batches;
    try {
      batches = segment.batches(BATCH);
    } catch (NoSuchFileException e) {
      // Only another process on the same journal (a run started over a live one) takes files away;
      // retrying cannot bring it back.
      log.error(
          "audit journal {} vanished before it was copied; its records are in the database only"
              + " if the process that took it copied them",
          segment.file());
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read audit journal " + segment.file(), e);
    }
    repository.copy(batches);
    journal.recycle(segment.file());
    return batches.count();
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
        copy(repository, journal, segment);
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
