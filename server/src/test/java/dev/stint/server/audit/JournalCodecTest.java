package dev.stint.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.server.store.AuditEvent;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class JournalCodecTest {
  static final Instant T = Instant.parse("2026-11-29T12:00:00.123Z");

  /** What a {@link JournalCodec.Reader} read to its end: the events, and where their frames end. */
  private record Decoded(List<AuditEvent> events, int validBytes) {}

  private static Decoded decode(byte[] bytes, long sequence) {
    var reader = new JournalCodec.Reader(bytes, sequence);
    var events = new ArrayList<AuditEvent>();
    for (AuditEvent e; (e = reader.next()) != null; ) {
      events.add(e);
    }
    return new Decoded(events, reader.validBytes());
  }

  /** The frames of every event, one after another, for the segment numbered {@code sequence}. */
  static byte[] encode(List<AuditEvent> events, long sequence) {
    ByteBuffer frames = new JournalCodec.Encoder().encode(events, sequence);
    return Arrays.copyOf(frames.array(), frames.limit());
  }

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
  void stringsAreWrittenAsDataOutputStreamWritesThem() throws Exception {
    // Journals written by earlier versions (DataOutputStream) and by this one must read alike.
    AuditEvent e = full("\0é中\uD83D\uDD11");
    var expected = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.DataOutputStream(expected)) {
      out.writeByte(2);
      out.writeUTF(e.id());
      out.writeLong(e.time().toEpochMilli());
      out.writeUTF(e.requestId());
      out.writeUTF(e.actor());
      out.writeUTF(e.action());
      for (String s : new String[] {e.target(), e.sourceIp(), e.sessionId()}) {
        out.writeBoolean(true);
        out.writeUTF(s);
      }
      out.writeBoolean(true);
      out.writeLong(e.expiry().toEpochMilli());
      out.writeUTF(e.outcome().name());
      out.writeBoolean(true);
      out.writeUTF(e.details());
    }
    byte[] frame = encode(List.of(e), 4);
    assertThat(Arrays.copyOfRange(frame, JournalCodec.HEADER_BYTES, frame.length))
        .isEqualTo(expected.toByteArray());
    assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(expected.size());
  }

  @Test
  void anEncoderReusedForLargerBatchesGrowsAndKeepsEveryFrame() {
    var encoder = new JournalCodec.Encoder();
    var events = new ArrayList<AuditEvent>();
    for (int i = 0; i < 1000; i++) {
      events.add(i % 2 == 0 ? full("e" + i) : sparse("e" + i));
    }
    encoder.encode(List.of(full("small")), 9);
    ByteBuffer frames = encoder.encode(events, 9);
    byte[] bytes = new byte[frames.remaining()];
    frames.get(bytes);
    assertThat(bytes.length).isGreaterThan(64 * 1024);
    assertThat(decode(bytes, 9).events()).isEqualTo(events);
    assertThat(bytes).isEqualTo(encode(events, 9));

    // A batch past what the encoder keeps, then a small one: both still whole.
    var many = new ArrayList<AuditEvent>();
    // Records of 100 bytes or more: twice what the encoder keeps.
    while (many.size() * 100 < 2 * JournalCodec.Encoder.KEPT_BYTES) {
      many.addAll(events);
    }
    ByteBuffer large = encoder.encode(many, 9);
    assertThat(large.limit()).isGreaterThan(JournalCodec.Encoder.KEPT_BYTES);
    ByteBuffer small = encoder.encode(List.of(sparse("after")), 9);
    byte[] after = new byte[small.remaining()];
    small.get(after);
    assertThat(decode(after, 9).events()).containsExactly(sparse("after"));
  }

  @Test
  void everyFieldRoundTripsIncludingAbsentOnesAndAnyCharacter() {
    List<AuditEvent> events = List.of(full("a"), sparse("b"), full("c"));

    Decoded decoded = decode(encode(events, 1), 1);

    assertThat(decoded.events()).containsExactlyElementsOf(events);
    assertThat(decoded.validBytes()).isEqualTo(encode(events, 1).length);
  }

  @Test
  void aTornTailEndsTheRecordsAtTheLastWholeFrame() {
    byte[] two = encode(List.of(full("a"), sparse("b")), 1);
    int first = encode(List.of(full("a")), 1).length;

    for (int cut = first; cut < two.length; cut++) {
      Decoded decoded = decode(Arrays.copyOf(two, cut), 1);
      assertThat(decoded.events()).containsExactly(full("a"));
      assertThat(decoded.validBytes()).isEqualTo(first);
    }
    assertThat(decode(Arrays.copyOf(two, first - 1), 1).events()).isEmpty();
  }

  @Test
  void aDamagedByteFailsItsFrameChecksumAndEndsTheRecords() {
    byte[] bytes = encode(List.of(full("a"), full("b"), full("c")), 1);
    int frame = encode(List.of(full("a")), 1).length;
    bytes[frame + JournalCodec.HEADER_BYTES + 20] ^= 0x01;

    assertThat(decode(bytes, 1).events()).containsExactly(full("a"));
  }

  @Test
  void aLengthBeyondTheBoundIsNotFollowed() {
    byte[] bytes = encode(List.of(full("a")), 1);
    bytes[0] = 0x7f;

    assertThat(decode(bytes, 1).events()).isEmpty();
    assertThat(decode(bytes, 1).validBytes()).isZero();
  }

  @Test
  void aFrameOfAnotherSegmentFailsItsChecksum() {
    // A spare written over by segment 8 still holds what segment 3 wrote after the new frames.
    byte[] mine = encode(List.of(full("new")), 8);
    byte[] stale = encode(List.of(full("new"), full("old")), 3);
    byte[] file = Arrays.copyOf(mine, stale.length);
    System.arraycopy(stale, mine.length, file, mine.length, stale.length - mine.length);

    assertThat(decode(file, 8).events()).containsExactly(full("new"));
    assertThat(decode(file, 8).validBytes()).isEqualTo(mine.length);
    assertThat(decode(stale, 8).events()).isEmpty();
  }

  @Test
  void aSegmentWrittenBeforeTheSequenceEnteredTheChecksumIsStillRead() {
    byte[] seeded = encode(List.of(full("a"), sparse("b")), 5);
    var unseeded = ByteBuffer.wrap(seeded.clone());
    var crc = new CRC32C();
    for (int at = 0; at < seeded.length; ) {
      int length = unseeded.getInt(at);
      unseeded.put(at + JournalCodec.HEADER_BYTES, (byte) 1); // format 1
      crc.reset();
      crc.update(unseeded.array(), at + JournalCodec.HEADER_BYTES, length);
      unseeded.putInt(at + 4, (int) crc.getValue());
      at += JournalCodec.HEADER_BYTES + length;
    }

    assertThat(decode(unseeded.array(), 5).events()).containsExactly(full("a"), sparse("b"));
  }

  @Test
  void aChecksummedFrameThatIsNotModifiedUtf8EndsTheRecords() {
    // 0xFF starts no UTF-8 sequence; 0xC3 0x28 is a lead byte without its continuation.
    for (int bad : new int[] {0xFF, 0xC3}) {
      byte[] bytes = encode(List.of(full("a"), full("bb"), full("c")), 2);
      int frame = encode(List.of(full("a")), 2).length;
      int id = frame + JournalCodec.HEADER_BYTES + 1 + 2; // format byte, then the id's length
      bytes[id] = (byte) bad;
      bytes[id + 1] = 0x28;
      var payload = ByteBuffer.wrap(bytes);
      int length = payload.getInt(frame);
      var crc = new CRC32C();
      crc.update(ByteBuffer.allocate(Long.BYTES).putLong(2).array());
      crc.update(bytes, frame + JournalCodec.HEADER_BYTES, length);
      payload.putInt(frame + 4, (int) crc.getValue());

      Decoded decoded = decode(bytes, 2);
      assertThat(decoded.events()).containsExactly(full("a"));
      assertThat(decoded.validBytes()).isEqualTo(frame);
    }
  }
}
