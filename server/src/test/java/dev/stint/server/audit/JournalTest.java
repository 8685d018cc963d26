package dev.stint.server.audit;

import static dev.stint.server.audit.JournalCodecTest.full;
import static dev.stint.server.audit.JournalCodecTest.sparse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  @Test
  void aClosedSegmentIsReadBackFromItsFileWithTheCountOfRecordsWritten() throws Exception {
    var leftovers = new ArrayList<Journal.Segment>();
    try (Journal journal = Journal.open(dir, leftovers)) {
      journal.append(List.of(full("a"), sparse("b")), 0);
      journal.append(List.of(full("c")), 1);

      Journal.Segment segment = journal.rotate();

      assertThat(leftovers).isEmpty();
      assertThat(segment.records()).isEqualTo(3);
      assertThat(segment.read()).containsExactly(full("a"), sparse("b"), full("c"));
      assertThat(journal.size()).isZero();
      assertThat(journal.rotate()).isNull();
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
    Files.write(segment.file(), JournalCodec.encode(List.of(full("c"))), StandardOpenOption.APPEND);
    assertThat(segment.read()).containsExactly(full("a"), full("b"));

    // Cut inside the second record: the first is all that can be read.
    Files.write(segment.file(), Arrays.copyOf(both, both.length - 1));
    assertThat(segment.read()).containsExactly(full("a"));
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
      assertThat(leftovers.get(0).read()).containsExactly(full("a"), sparse("b"));
      journal.append(List.of(full("c")), 2);
      assertThat(journal.rotate().file()).isNotEqualTo(leftovers.get(0).file());
    }
  }
}
