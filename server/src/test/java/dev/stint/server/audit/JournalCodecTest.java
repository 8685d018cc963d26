package dev.stint.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.server.store.AuditEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalCodecTest {
  static final Instant T = Instant.parse("2026-11-29T12:00:00.123Z");

  static AuditEvent full(String id) {
    return new AuditEvent(
        id,
        T,
        "req-" + id,
        "arn:aws:iam::123456789012:user/zoë",
        "sts:AssumeRole",
        "arn:aws:iam::123456789012:role/ops",
        "203.0.113.9",
        "session-" + id,
        T.plusSeconds(3600),
        AuditEvent.Outcome.DENIED,
        "accessKeyId=ASIAEXAMPLE \uD83D\uDD11 line\nbreak \0 nul");
  }

  static AuditEvent sparse(String id) {
    return new AuditEvent(
        id,
        T,
        "req",
        "anon",
        "portal:SignIn",
        null,
        null,
        null,
        null,
        AuditEvent.Outcome.ERROR,
        null);
  }

  @Test
  void everyFieldRoundTripsIncludingAbsentOnesAndAnyCharacter() {
    List<AuditEvent> events = List.of(full("a"), sparse("b"), full("c"));

    JournalCodec.Decoded decoded = JournalCodec.decode(JournalCodec.encode(events));

    assertThat(decoded.events()).containsExactlyElementsOf(events);
    assertThat(decoded.validBytes()).isEqualTo(JournalCodec.encode(events).length);
  }

  @Test
  void aTornTailEndsTheRecordsAtTheLastWholeFrame() {
    byte[] two = JournalCodec.encode(List.of(full("a"), sparse("b")));
    int first = JournalCodec.encode(List.of(full("a"))).length;

    for (int cut = first; cut < two.length; cut++) {
      JournalCodec.Decoded decoded = JournalCodec.decode(Arrays.copyOf(two, cut));
      assertThat(decoded.events()).containsExactly(full("a"));
      assertThat(decoded.validBytes()).isEqualTo(first);
    }
    assertThat(JournalCodec.decode(Arrays.copyOf(two, first - 1)).events()).isEmpty();
  }

  @Test
  void aDamagedByteFailsItsFrameChecksumAndEndsTheRecords() {
    byte[] bytes = JournalCodec.encode(List.of(full("a"), full("b"), full("c")));
    int frame = JournalCodec.encode(List.of(full("a"))).length;
    bytes[frame + JournalCodec.HEADER_BYTES + 20] ^= 0x01;

    assertThat(JournalCodec.decode(bytes).events()).containsExactly(full("a"));
  }

  @Test
  void aLengthBeyondTheBoundIsNotFollowed() {
    byte[] bytes = JournalCodec.encode(List.of(full("a")));
    bytes[0] = 0x7f;

    assertThat(JournalCodec.decode(bytes).events()).isEmpty();
    assertThat(JournalCodec.decode(bytes).validBytes()).isZero();
  }
}
