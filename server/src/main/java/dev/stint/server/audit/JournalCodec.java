package dev.stint.server.audit;

import dev.stint.server.store.AuditEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
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

  /**
   * Writes frames into one array that it keeps and grows, so that the audit writer does not
   * allocate per record: a stream per batch and {@code writeUTF}'s copies were over a quarter of
   * its CPU. An array grown beyond {@link #KEPT_BYTES} by a batch of long records is dropped at the
   * next batch rather than kept for good. Strings are written as {@link
   * java.io.DataOutputStream#writeUTF} writes them (modified UTF-8 behind a two-byte length). Not
   * thread-safe.
   */
  static final class Encoder {
    private static final int INITIAL_BYTES = 64 * 1024;
    static final int KEPT_BYTES = 1024 * 1024;
    private byte[] bytes = new byte[INITIAL_BYTES];
    private int at;
    private final CRC32C crc = new CRC32C();

    /**
     * The frames of every event for the segment numbered {@code sequence}, from position 0 to the
     * limit of the returned buffer, which is valid until the next call.
     */
    ByteBuffer encode(List<AuditEvent> events, long sequence) {
      byte[] seed = seed(sequence);
      if (bytes.length > KEPT_BYTES) {
        bytes = new byte[INITIAL_BYTES];
      }
      at = 0;
      for (AuditEvent e : events) {
        int frame = at;
        reserve(HEADER_BYTES);
        at += HEADER_BYTES;
        writePayload(e);
        int length = at - frame - HEADER_BYTES;
        crc.reset();
        crc.update(seed);
        crc.update(bytes, frame + HEADER_BYTES, length);
        ByteBuffer.wrap(bytes, frame, HEADER_BYTES).putInt(length).putInt((int) crc.getValue());
      }
      return ByteBuffer.wrap(bytes, 0, at);
    }

    private void writePayload(AuditEvent e) {
      reserve(1);
      bytes[at++] = FORMAT;
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
      bytes[at++] = (byte) (value ? 1 : 0);
    }

    private void number(long value) {
      reserve(Long.BYTES);
      for (int shift = 56; shift >= 0; shift -= 8) {
        bytes[at++] = (byte) (value >>> shift);
      }
    }

    /** Modified UTF-8: U+0000 and U+0080..U+07FF in two bytes, the rest of the BMP in three. */
    private void utf(String s) {
      int length = s.length();
      reserve(2 + 3 * length);
      int start = at;
      int i = start + 2;
      for (int k = 0; k < length; k++) {
        char c = s.charAt(k);
        if (c != 0 && c < 0x80) {
          bytes[i++] = (byte) c;
        } else if (c < 0x800) {
          bytes[i++] = (byte) (0xC0 | c >> 6);
          bytes[i++] = (byte) (0x80 | c & 0x3F);
        } else {
          bytes[i++] = (byte) (0xE0 | c >> 12);
          bytes[i++] = (byte) (0x80 | c >> 6 & 0x3F);
          bytes[i++] = (byte) (0x80 | c & 0x3F);
        }
      }
      int written = i - start - 2;
      if (written > 0xFFFF) {
        throw new IllegalArgumentException("audit field longer than 65535 bytes");
      }
      bytes[start] = (byte) (written >>> 8);
      bytes[start + 1] = (byte) written;
      at = i;
    }

    private void reserve(int more) {
      if (bytes.length - at < more) {
        bytes = Arrays.copyOf(bytes, Math.max(at + more, bytes.length * 2));
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
        event = new Decoder(bytes, payload, length).event();
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

  /**
   * Reads one payload from an array, the counterpart of {@link Encoder}: a stream per record and
   * {@code readUTF}'s copies were a tenth of what the copier spent outside the database.
   */
  private static final class Decoder {
    private final byte[] bytes;
    private final int end;
    private int at;

    Decoder(byte[] bytes, int at, int length) {
      this.bytes = bytes;
      this.at = at;
      this.end = at + length;
    }

    AuditEvent event() throws IOException {
      take(1);
      byte format = bytes[at++];
      if (format != FORMAT && format != UNSEEDED_FORMAT) {
        throw new IOException("unknown audit journal record format");
      }
      String id = utf();
      Instant time = Instant.ofEpochMilli(number());
      String requestId = utf();
      String actor = utf();
      String action = utf();
      String target = optional();
      String sourceIp = optional();
      String sessionId = optional();
      Instant expiry = flag() ? Instant.ofEpochMilli(number()) : null;
      var outcome = AuditEvent.Outcome.valueOf(utf());
      String details = optional();
      return new AuditEvent(
          id, time, requestId, actor, action, target, sourceIp, sessionId, expiry, outcome,
          details);
    }

    private void take(int count) throws IOException {
      if (end - at < count) {
        throw new IOException("audit journal record ends early");
      }
    }

    private boolean flag() throws IOException {
      take(1);
      return bytes[at++] != 0;
    }

    private long number() throws IOException {
      take(Long.BYTES);
      long value = 0;
      for (int i = 0; i < Long.BYTES; i++) {
        value = value << 8 | bytes[at++] & 0xFF;
      }
      return value;
    }

    private String optional() throws IOException {
      return flag() ? utf() : null;
    }

    /** What {@link java.io.DataInputStream#readUTF} reads, refusing malformed input as it does. */
    private String utf() throws IOException {
      take(2);
      int length = (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
      at += 2;
      take(length);
      int stop = at + length;
      var chars = new char[length];
      int n = 0;
      while (at < stop) {
        int b = bytes[at] & 0xFF;
        if (b < 0x80) {
          chars[n++] = (char) b;
          at++;
        } else if ((b & 0xE0) == 0xC0 && stop - at >= 2 && (bytes[at + 1] & 0xC0) == 0x80) {
          chars[n++] = (char) ((b & 0x1F) << 6 | bytes[at + 1] & 0x3F);
          at += 2;
        } else if ((b & 0xF0) == 0xE0
            && stop - at >= 3
            && (bytes[at + 1] & 0xC0) == 0x80
            && (bytes[at + 2] & 0xC0) == 0x80) {
          chars[n++] =
              (char) ((b & 0x0F) << 12 | (bytes[at + 1] & 0x3F) << 6 | bytes[at + 2] & 0x3F);
          at += 3;
        } else {
          throw new IOException("malformed modified UTF-8 in the audit journal");
        }
      }
      return new String(chars, 0, n);
    }
  }
}
