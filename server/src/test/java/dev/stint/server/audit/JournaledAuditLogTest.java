package dev.stint.server.audit;

import static dev.stint.server.audit.JournalCodecTest.encode;
import static dev.stint.server.audit.JournalCodecTest.full;
import static dev.stint.server.audit.JournalCodecTest.sparse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.server.store.AuditEvent;
import dev.stint.server.store.AuditQuery;
import dev.stint.server.store.AuditRepository;
import dev.stint.server.store.Database;
import dev.stint.server.store.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournaledAuditLogTest {
  private static final Instant T = JournalCodecTest.T;

  @TempDir Path dir;

  private Path journal() {
    return dir.resolve("audit-journal");
  }

  private static AuditQuery around(Instant t) {
    return new AuditQuery(t.minusSeconds(1), t.plusSeconds(1), null, null, 10_000);
  }

  private List<String> segments() throws Exception {
    try (Stream<Path> files = Files.list(journal())) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void concurrentRecordsAreInQueriesAtOnceAndInTheDatabaseAfterClose() throws Exception {
    try (Database db = Database.open(DatabaseConfig.dataDirectory(dir))) {
      var ids = new ArrayList<String>();
      try (AuditLog log = AuditLog.journaled(db.audit(), journal());
          var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        var futures = new ArrayList<Future<?>>();
        for (int i = 0; i < 500; i++) {
          String id = UUID.randomUUID().toString();
          ids.add(id);
          futures.add(pool.submit(() -> log.record(full(id))));
        }
        for (Future<?> f : futures) {
          f.get();
        }
        assertThat(log.query(around(T)))
            .extracting(AuditEvent::id)
            .containsExactlyInAnyOrderElementsOf(ids);
        log.record(sparse("after-query"));
      }
      assertThat(db.audit().query(around(T)))
          .hasSize(501)
          .extracting(AuditEvent::id)
          .contains("after-query");
      assertThat(segments()).noneMatch(name -> name.endsWith(".journal"));
    }
  }

  @Test
  void whatAnEarlierRunLeftInTheJournalIsCopiedBeforeTheLogOpens() throws Exception {
    Files.createDirectories(journal());
    byte[] torn = encode(List.of(full("torn")), 7);
    byte[] first = encode(List.of(full("a"), sparse("b")), 7);
    byte[] withTornTail = new byte[first.length + torn.length - 3];
    System.arraycopy(first, 0, withTornTail, 0, first.length);
    System.arraycopy(torn, 0, withTornTail, first.length, torn.length - 3);
    Files.write(
        journal().resolve("00000000000000000006.journal"), encode(List.of(full("copied")), 6));
    Files.write(journal().resolve("00000000000000000007.journal"), withTornTail);
    Files.writeString(journal().resolve("notes.txt"), "not a segment");

    try (Database db = Database.open(DatabaseConfig.dataDirectory(dir))) {
      db.audit().append(full("copied")); // copied before the crash, segment not yet deleted
      try (AuditLog log = AuditLog.journaled(db.audit(), journal())) {
        assertThat(db.audit().query(around(T)))
            .extracting(AuditEvent::id)
            .containsExactlyInAnyOrder("copied", "a", "b");
        assertThat(db.audit().query(around(T))).contains(full("a"), sparse("b"));
        // Copied segments stay as spares for the next ones to be written over.
        assertThat(segments())
            .containsExactly(
                "00000000000000000006.spare", "00000000000000000007.spare", "notes.txt");

        log.record(sparse("next"));
        assertThat(segments())
            .containsExactly(
                "00000000000000000007.spare", "00000000000000000008.journal", "notes.txt");
        assertThat(log.query(around(T))).extracting(AuditEvent::id).contains("next");
      }
    }
  }

  /** A database that refuses copies while {@code away} is set, as one that is down would. */
  private record Flaky(AuditRepository real, AtomicBoolean away, AtomicInteger refused)
      implements AuditRepository {
    @Override
    public void append(AuditEvent event) {
      real.append(event);
    }

    @Override
    public void appendAll(List<AuditEvent> events) {
      real.appendAll(events);
    }

    @Override
    public void copy(Iterator<List<AuditEvent>> batches) {
      if (away.get()) {
        refused.incrementAndGet();
        throw new IllegalStateException("database away");
      }
      real.copy(batches);
    }

    @Override
    public List<AuditEvent> query(AuditQuery query) {
      return real.query(query);
    }
  }

  @Test
  void aStartThatCannotCopyLeftoversFailsAndKeepsThem() throws Exception {
    Files.createDirectories(journal());
    Path leftover = journal().resolve("00000000000000000003.journal");
    Files.write(leftover, encode(List.of(full("a")), 3));
    try (Database db = Database.open(DatabaseConfig.dataDirectory(dir))) {
      var away = new Flaky(db.audit(), new AtomicBoolean(true), new AtomicInteger());

      assertThatThrownBy(() -> AuditLog.journaled(away, journal()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "cannot copy the audit journal "
                  + leftover
                  + " into the database; it is kept for the next start")
          .hasRootCauseMessage("database away");
      assertThat(segments()).containsExactly("00000000000000000003.journal");
    }
  }

  @Test
  void recordsWaitInTheJournalWhileTheDatabaseIsAwayAndSurviveACrashMeanwhile() throws Exception {
    try (Database db = Database.open(DatabaseConfig.dataDirectory(dir))) {
      var flaky = new Flaky(db.audit(), new AtomicBoolean(true), new AtomicInteger());
      AuditLog crashed = AuditLog.journaled(flaky, journal());
      crashed.record(full("a"));
      crashed.record(sparse("b"));
      // Acknowledged, the database refuses them: they are in the journal only.
      while (flaky.refused().get() == 0) {
        Thread.sleep(10);
      }
      assertThat(db.audit().query(around(T))).isEmpty();
      assertThat(segments()).hasSize(1);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal())))
          .isEqualTo("rwx------");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(journal().resolve(segments().get(0)))))
          .isEqualTo("rw-------");

      // The process "dies" here; a new one opens the same journal and copies them first.
      try (AuditLog again = AuditLog.journaled(db.audit(), journal())) {
        assertThat(again.query(around(T))).hasSize(2);
        assertThat(db.audit().query(around(T)))
            .extracting(AuditEvent::id)
            .containsExactlyInAnyOrder("a", "b");
      }
      flaky.away().set(false);
      crashed.close(); // its retry finds the segment taken by the second run, and gives it up
      assertThat(db.audit().query(around(T))).hasSize(2);
      assertThat(segments()).noneMatch(name -> name.endsWith(".journal"));
    }
  }
}
