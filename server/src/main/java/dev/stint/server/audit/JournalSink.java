package dev.stint.server.audit;

import dev.stint.server.store.AuditEvent;
import dev.stint.server.store.AuditRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a batch durable with one append and one data sync of the journal, beside the embedded
 * database on the same disk, and leaves copying into the database to a {@link Copier}: a segment is
 * closed and copied once it is {@link #MAX_AGE} old or holds {@link #MAX_RECORDS}, so the database
 * trails the journal by a fraction of a second. An SQLite commit of a few records wrote and synced
 * a dozen pages of table and indexes; the journal writes the records' bytes once.
 */
final class JournalSink implements Sink {
  private static final Logger log = LoggerFactory.getLogger(JournalSink.class);
  static final Duration MAX_AGE = Duration.ofMillis(250);
  static final int MAX_RECORDS = 8_192;
  private static final Duration VISIBLE_WAIT = Duration.ofSeconds(5);

  private final Journal journal;
  private final Copier copier;
  private final AtomicLong committed = new AtomicLong();
  private final AtomicBoolean rotateSoon = new AtomicBoolean();

  private JournalSink(Journal journal, Copier copier) {
    this.journal = journal;
    this.copier = copier;
  }

  /**
   * Opens the journal in {@code dir}, first copying into the database whatever an earlier run left
   * there, so that the database holds every acknowledged record before anything is served.
   */
  static JournalSink open(AuditRepository repository, Path dir) {
    var leftovers = new ArrayList<Journal.Segment>();
    Journal journal;
    try {
      journal = Journal.open(dir, leftovers);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the audit journal in " + dir, e);
    }
    int replayed = 0;
    for (Journal.Segment segment : leftovers) {
      try {
        replayed += Copier.copy(repository, journal, segment);
      } catch (RuntimeException e) {
        journal.close();
        throw new IllegalStateException(
            "cannot copy the audit journal "
                + segment.file()
                + " into the database; it is kept for the next start",
            e);
      }
    }
    if (replayed > 0) {
      log.info("copied {} audit records from the journal into the database", replayed);
    }
    return new JournalSink(journal, new Copier(repository, journal));
  }

  @Override
  public void commit(List<AuditEvent> events, long nowNanos) throws IOException {
    try {
      journal.append(events, nowNanos);
    } catch (IOException e) {
      handOver();
      throw e;
    }
    committed.addAndGet(events.size());
    if (journal.size() >= MAX_RECORDS) {
      handOver();
    }
  }

  @Override
  public long maintain(long nowNanos) {
    long age = journal.age(nowNanos);
    if (rotateSoon.getAndSet(false) || age >= MAX_AGE.toNanos()) {
      handOver();
      return Long.MAX_VALUE;
    }
    return journal.size() == 0 ? Long.MAX_VALUE : MAX_AGE.toNanos() - age;
  }

  private void handOver() {
    Journal.Segment segment = journal.rotate();
    if (segment != null) {
      copier.submit(segment);
    }
  }

  @Override
  public long requestVisible() {
    long mark = committed.get();
    rotateSoon.set(true);
    return mark;
  }

  @Override
  public void awaitVisible(long mark) throws InterruptedException {
    if (!copier.awaitCopied(mark, VISIBLE_WAIT)) {
      log.warn("audit records are not in the database yet; showing what is");
    }
  }

  /** Hands over the open segment, lets the copier finish, closes the journal. */
  @Override
  public void close() {
    handOver();
    copier.close();
    journal.close();
  }
}
