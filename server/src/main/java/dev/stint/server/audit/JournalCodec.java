package dev.stint.server.audit;

import dev.stint.server.store.AuditEvent;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The audit journal's record format: a frame per record, {@code length (4 bytes) | checksum (4
 * bytes) | payload}, big-endian. The checksum is the CRC-32C of the segment's sequence number (8
 * bytes) followed by the payload: segment files are written over again once copied ({@link
 * Journal}), and a frame left from a file's earlier use carries another sequence, so it fails the
 * check and cannot pass for a record of this one. The payload is a format byte then the event's
 * fields in declaration order, strings as modified UTF-8 and optional fields behind a presence
 * byte. A frame that is short or fails its checksum ends what can be read: it is the torn tail of a
 * write that a crash interrupted, or what an earlier use of the file left, and was never
 * acknowledged as part of this segment. Stateless.
 *
 * <p>Segments written before the sequence entered the checksum (format 1, CRC-32C of the payload
 * alone) are still read: a file whose first frame passes only the old check is read by it.
 */
final class JournalCodec {
  static final int HEADER_BYTES = 8;
  // An event is bounded by AuditEvent's checks (details <= 8192 chars); this bounds a frame read
  // from disk so that a damaged length cannot ask for gigabytes.
  static final int MAX_PAYLOAD = 64 * 1024;
  private static final byte FORMAT = 2;
  private static final byte UNSEEDED_FORMAT = 1;
  private static final byte[] NO_SEED = new byte[0];

  private JournalCodec() {}

  /** The frames of every event, one after another, for the segment numbered {@code sequence}. */
  static byte[] encode(List<AuditEvent> events, long sequence) {
    ByteBuffer frames = new Encoder().encode(events, sequence);
    byte[] bytes = new byte[frames.remaining()];
    frames.get(bytes);
    return bytes;
  }

  /**
   * Writes frames into one buffer that it keeps and grows, so that the audit writer does not
   * allocate per record: a stream per batch and {@code writeUTF}'s copies were a fifth of its CPU.
   * Strings are written as {@link java.io.DataOutputStream#writeUTF} writes them (modified UTF-8
   * behind a two-byte length). Not thread-safe.
   */
  static final class Encoder {
    private ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    private final CRC32C crc = new CRC32C();

    /**
     * The frames of every event for the segment numbered {@code sequence}, from position 0 to the
     * limit of the returned buffer, which is valid until the next call.
     */
    ByteBuffer encode(List<AuditEvent> events, long sequence) {
      buffer.clear();
      for (AuditEvent e : events) {
        int frame = buffer.position();
        int payload = frame + HEADER_BYTES;
        reserve(HEADER_BYTES);
        buffer.position(payload);
        writePayload(e);
        int length = buffer.position() - payload;
        crc.reset();
        updateSeed(sequence);
        crc.update(buffer.slice(payload, length));
        buffer.putInt(frame, length).putInt(frame + Integer.BYTES, (int) crc.getValue());
      }
      return buffer.flip();
    }

    private void updateSeed(long sequence) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        crc.update((int) (sequence >>> shift));
      }
    }

    private void writePayload(AuditEvent e) {
      reserve(1);
      buffer.put(FORMAT);
      utf(e.id());
      number(e.time().toEpochMilli());
      utf(e.requestId());
      utf(e.actor());
      utf(e.action());
      optional(e.target());
      optional(e.sourceIp());
      optional(e.sessionId());
      flag(e.expiry() != null);
      if (e.expiry() != null) {
        number(e.expiry().toEpochMilli());
      }
      utf(e.outcome().name());
      optional(e.details());
    }

    private void optional(String value) {
      flag(value != null);
      if (value != null) {
        utf(value);
      }
    }

    private void flag(boolean value) {
      reserve(1);
      buffer.put((byte) (value ? 1 : 0));
    }

    private void number(long value) {
      reserve(Long.BYTES);
      buffer.putLong(value);
    }

    /** Modified UTF-8: U+0000 and U+0080..U+07FF in two bytes, the rest of the BMP in three. */
    private void utf(String s) {
      int length = s.length();
      reserve(2 + 3 * length);
      int start = buffer.position();
      buffer.position(start + 2);
      for (int i = 0; i < length; i++) {
        char c = s.charAt(i);
        if (c != 0 && c < 0x80) {
          buffer.put((byte) c);
        } else if (c < 0x800) {
          buffer.put((byte) (0xC0 | c >> 6)).put((byte) (0x80 | c & 0x3F));
        } else {
          buffer
              .put((byte) (0xE0 | c >> 12))
              .put((byte) (0x80 | c >> 6 & 0x3F))
              .put((byte) (0x80 | c & 0x3F));
        }
      }
      int bytes = buffer.position() - start - 2;
      if (bytes > 0xFFFF) {
        throw new IllegalArgumentException("audit field longer than 65535 bytes");
      }
      buffer.putShort(start, (short) bytes);
    }

    private void reserve(int bytes) {
      if (buffer.remaining() < bytes) {
        int needed = buffer.position() + bytes;
        var larger = ByteBuffer.allocateDirect(Math.max(needed, buffer.capacity() * 2));
        larger.put(buffer.flip());
        buffer = larger;
      }
    }
  }

  private static byte[] seed(long sequence) {
    return ByteBuffer.allocate(Long.BYTES).putLong(sequence).array();
  }

  /**
   * Reads the leading whole, intact frames of a segment's bytes one event at a time, so that a
   * large segment is never held decoded all at once. Not thread-safe.
   */
  static final class Reader {
    private final byte[] bytes;
    private final CRC32C crc = new CRC32C();
    private final byte[] seed;
    private int valid;
    private boolean ended;

    Reader(byte[] bytes, long sequence) {
      this.bytes = bytes;
      byte[] seeded = seed(sequence);
      this.seed =
          payloadLength(crc, seeded, bytes, 0) < 0 && payloadLength(crc, NO_SEED, bytes, 0) > 0
              ? NO_SEED // written before the sequence entered the checksum
              : seeded;
    }

    /** The next event, or null once the whole, intact frames are read. */
    AuditEvent next() {
      int length = ended ? -1 : payloadLength(crc, seed, bytes, valid);
      if (length < 0) {
        ended = true;
        return null;
      }
      int payload = valid + HEADER_BYTES;
      AuditEvent event;
      try {
        event = readPayload(new DataInputStream(new ByteArrayInputStream(bytes, payload, length)));
      } catch (IOException | RuntimeException e) {
        ended = true; // checksummed but unreadable: a format this version does not know
        return null;
      }
      valid = payload + length;
      return event;
    }

    /** Where the frames read so far end. */
    int validBytes() {
      return valid;
    }

    /** The length of what was read. */
    int length() {
      return bytes.length;
    }
  }

  /**
   * The payload length of the frame at {@code at} when it is whole and its checksum, seeded so,
   * holds; -1 otherwise.
   */
  private static int payloadLength(CRC32C crc, byte[] seed, byte[] bytes, int at) {
    if (bytes.length - at < HEADER_BYTES) {
      return -1;
    }
    var header = ByteBuffer.wrap(bytes, at, HEADER_BYTES);
    int length = header.getInt();
    int checksum = header.getInt();
    if (length <= 0 || length > MAX_PAYLOAD || length > bytes.length - at - HEADER_BYTES) {
      return -1;
    }
    crc.reset();
    crc.update(seed);
    crc.update(bytes, at + HEADER_BYTES, length);
    return (int) crc.getValue() == checksum ? length : -1;
  }

  private static AuditEvent readPayload(DataInputStream in) throws IOException {
    byte format = in.readByte();
    if (format != FORMAT && format != UNSEEDED_FORMAT) {
      throw new IOException("unknown audit journal record format");
    }
    String id = in.readUTF();
    Instant time = Instant.ofEpochMilli(in.readLong());
    String requestId = in.readUTF();
    String actor = in.readUTF();
    String action = in.readUTF();
    String target = optional(in);
    String sourceIp = optional(in);
    String sessionId = optional(in);
    Instant expiry = in.readBoolean() ? Instant.ofEpochMilli(in.readLong()) : null;
    var outcome = AuditEvent.Outcome.valueOf(in.readUTF());
    String details = optional(in);
    return new AuditEvent(
        id, time, requestId, actor, action, target, sourceIp, sessionId, expiry, outcome, details);
  }

  private static String optional(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
