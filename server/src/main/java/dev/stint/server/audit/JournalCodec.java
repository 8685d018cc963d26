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
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The audit journal's record format: a frame per record, {@code length (4 bytes) | CRC-32C of the
 * payload (4 bytes) | payload}, big-endian. The payload is a format byte then the event's fields in
 * declaration order, strings as modified UTF-8 and optional fields behind a presence byte. A frame
 * that is short or fails its checksum ends what can be read: it is the torn tail of a write that a
 * crash interrupted, and its record was never acknowledged. Stateless.
 */
final class JournalCodec {
  static final int HEADER_BYTES = 8;
  // An event is bounded by AuditEvent's checks (details <= 8192 chars); this bounds a frame read
  // from disk so that a damaged length cannot ask for gigabytes.
  static final int MAX_PAYLOAD = 64 * 1024;
  private static final byte FORMAT = 1;

  private JournalCodec() {}

  /** The frames of every event, one after another. */
  static byte[] encode(List<AuditEvent> events) {
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

  /** What {@link #decode} read: the events of the whole frames, and where they end. */
  record Decoded(List<AuditEvent> events, int validBytes) {}

  /** The events of the leading whole, intact frames of {@code bytes}. */
  static Decoded decode(byte[] bytes) {
    var events = new ArrayList<AuditEvent>();
    var buffer = ByteBuffer.wrap(bytes);
    var crc = new CRC32C();
    int valid = 0;
    while (buffer.remaining() >= HEADER_BYTES) {
      int length = buffer.getInt();
      int checksum = buffer.getInt();
      if (length <= 0 || length > MAX_PAYLOAD || length > buffer.remaining()) {
        break;
      }
      crc.reset();
      crc.update(bytes, buffer.position(), length);
      if ((int) crc.getValue() != checksum) {
        break;
      }
      AuditEvent event;
      try {
        event =
            readPayload(
                new DataInputStream(new ByteArrayInputStream(bytes, buffer.position(), length)));
      } catch (IOException | RuntimeException e) {
        break; // checksummed but unreadable: a format this version does not know
      }
      events.add(event);
      buffer.position(buffer.position() + length);
      valid = buffer.position();
    }
    return new Decoded(events, valid);
  }

  private static AuditEvent readPayload(DataInputStream in) throws IOException {
    if (in.readByte() != FORMAT) {
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
