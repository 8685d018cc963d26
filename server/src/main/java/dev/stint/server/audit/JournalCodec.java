package dev.stint.server.audit;

import dev.stint.server.store.AuditEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    byte[] seed = seed(sequence);
    var out = new ByteArrayOutputStream(events.size() * 400);
    var payload = new ByteArrayOutputStream(400);
    var data = new DataOutputStream(payload);
    var crc = new CRC32C();
    try {
      for (AuditEvent e : events) {
        payload.reset();
        writePayload(data, e);
        data.flush();
        byte[] bytes = payload.toByteArray();
        crc.reset();
        crc.update(seed);
        crc.update(bytes);
        out.write(
            ByteBuffer.allocate(HEADER_BYTES)
                .putInt(bytes.length)
                .putInt((int) crc.getValue())
                .array());
        out.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams do not fail
    }
    return out.toByteArray();
  }

  private static void writePayload(DataOutputStream out, AuditEvent e) throws IOException {
    out.writeByte(FORMAT);
    out.writeUTF(e.id());
    out.writeLong(e.time().toEpochMilli());
    out.writeUTF(e.requestId());
    out.writeUTF(e.actor());
    out.writeUTF(e.action());
    optional(out, e.target());
    optional(out, e.sourceIp());
    optional(out, e.sessionId());
    out.writeBoolean(e.expiry() != null);
    if (e.expiry() != null) {
      out.writeLong(e.expiry().toEpochMilli());
    }
    out.writeUTF(e.outcome().name());
    optional(out, e.details());
  }

  private static void optional(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
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
