package dev.stint.server.audit;

import static dev.stint.server.audit.JournalCodecTest.encode;
import static dev.stint.server.audit.JournalCodecTest.full;
import static dev.stint.server.audit.JournalCodecTest.sparse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.server.store.AuditEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  /** A segment's acknowledged records, all its batches together. */
  private static List<AuditEvent> read(Journal.Segment segment) throws IOException {
    var events = new ArrayList<AuditEvent>();
    segment.batches(Integer.MAX_VALUE).forEachRemaining(events::addAll);
    return events;
  }

  @Test
  void aClosedSegmentIsReadBackFromItsFileWithTheCountOfRecordsWritten() throws Exception {
    var leftovers = new ArrayList<Journal.Segment>();
    try (Journal journal = Journal.open(dir, leftovers)) {
      journal.append(List.of(full("a"), sparse("b")), 0);
      journal.append(List.of(full("c")), 1);

      Journal.Segment segment = journal.rotate();

      assertThat(leftovers).isEmpty();
      assertThat(segment.records()).isEqualTo(3);
      assertThat(read(segment)).containsExactly(full("a"), sparse("b"), full("c"));
      assertThat(journal.size()).isZero();
      assertThat(journal.rotate()).isNull();
    }
  }

  @Test
  void aSegmentIsReadInBatchesOfAtMostTheSizeAsked() throws Exception {
    try (Journal journal = Journal.open(dir, new ArrayList<>())) {
      journal.append(List.of(full("a"), sparse("b"), full("c")), 0);
      journal.append(List.of(full("d"), full("e")), 1);
      Journal.Segment segment = journal.rotate();

      Journal.Batches batches = segment.batches(2);
      var taken = new ArrayList<List<?>>();
      batches.forEachRemaining(taken::add);

      assertThat(taken)
          .containsExactly(
              List.of(full("a"), sparse("b")), List.of(full("c"), full("d")), List.of(full("e")));
      assertThat(batches.count()).isEqualTo(5);
      assertThat(batches.hasNext()).isFalse();
      assertThatThrownBy(batches::next).isInstanceOf(NoSuchElementException.class);
    }
  }

  @Test
  void onlyTheRecordsWrittenAreReadAndADamagedFileGivesWhatIsLeft() throws Exception {
    Journal.Segment segment;
    try (Journal journal = Journal.open(dir, new ArrayList<>())) {
      journal.append(List.of(full("a"), full("b")), 0);
      segment = journal.rotate();
    }
    byte[] both = Files.readAllBytes(segment.file());
    // A frame after the acknowledged ones (a batch whose sync failed) is not part of the segment.
    Files.write(segment.file(), encode(List.of(full("c")), 1), StandardOpenOption.APPEND);
    assertThat(read(segment)).containsExactly(full("a"), full("b"));

    // Cut inside the second record: the first is all that can be read.
    Files.write(segment.file(), Arrays.copyOf(both, both.length - 1));
    assertThat(read(segment)).containsExactly(full("a"));
  }

  @Test
  void segmentsLeftByAnEarlierRunAreReadWhole() throws Exception {
    try (Journal journal = Journal.open(dir, new ArrayList<>())) {
      journal.append(List.of(full("a")), 0);
      journal.append(List.of(sparse("b")), 1);
      // no rotate: the run "crashed"
    }
    var leftovers = new ArrayList<Journal.Segment>();
    try (Journal journal = Journal.open(dir, leftovers)) {
      assertThat(leftovers).hasSize(1);
      assertThat(leftovers.get(0).records()).isEqualTo(Journal.Segment.ALL);
      assertThat(read(leftovers.get(0))).containsExactly(full("a"), sparse("b"));
      journal.append(List.of(full("c")), 2);
      assertThat(journal.rotate().file()).isNotEqualTo(leftovers.get(0).file());
    }
  }

  private List<String> files() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aCopiedSegmentIsWrittenOverByTheNextAndWhatItHeldIsNotReadAgain() throws Exception {
    try (Journal journal = Journal.open(dir, new ArrayList<>())) {
      journal.append(List.of(full("a"), full("b"), full("c")), 0);
      Journal.Segment first = journal.rotate();
      long size = Files.size(first.file());
      journal.recycle(first.file());
      assertThat(files()).containsExactly("00000000000000000001.spare");

      journal.append(List.of(sparse("d")), 1);
      Journal.Segment second = journal.rotate();

      assertThat(files()).containsExactly("00000000000000000002.journal");
      assertThat(Files.size(second.file())).isEqualTo(size); // written over, not grown
      assertThat(read(second)).containsExactly(sparse("d"));
      // Read as a leftover (a crash before its copy), the old records behind it stay unread too.
      assertThat(read(Journal.Segment.leftover(second.file()))).containsExactly(sparse("d"));
    }
  }

  @Test
  void aSpareThatBecameTheOpenSegmentBeforeItsFirstRecordHoldsNone() throws Exception {
    try (Journal journal = Journal.open(dir, new ArrayList<>())) {
      journal.append(List.of(full("a")), 0);
      journal.recycle(journal.rotate().file());
    }
    // What start() does before the first write of the next segment, then a crash.
    Files.move(
        dir.resolve("00000000000000000001.spare"), dir.resolve("00000000000000000002.journal"));

    var leftovers = new ArrayList<Journal.Segment>();
    Journal.open(dir, leftovers).close();

    assertThat(leftovers).hasSize(1);
    assertThat(read(leftovers.get(0))).isEmpty();
  }

  @Test
  void sparesAreKeptUpToTheLimitAcrossRunsAndNewSegmentsNumberAboveThem() throws Exception {
    try (Journal journal = Journal.open(dir, new ArrayList<>())) {
      var closed = new ArrayList<Journal.Segment>();
      for (int i = 0; i < Journal.MAX_SPARES + 1; i++) {
        journal.append(List.of(full("r" + i)), i);
        closed.add(journal.rotate());
      }
      closed.forEach(segment -> journal.recycle(segment.file()));
      assertThat(files())
          .containsExactly("00000000000000000001.spare", "00000000000000000002.spare");
    }
    try (Journal journal = Journal.open(dir, new ArrayList<>())) {
      journal.append(List.of(full("x")), 0);
      Journal.Segment segment = journal.rotate();
      assertThat(segment.file().getFileName()).hasToString("00000000000000000003.journal");
      assertThat(files())
          .containsExactly("00000000000000000002.spare", "00000000000000000003.journal");
      assertThat(read(segment)).containsExactly(full("x"));
    }
  }
}
