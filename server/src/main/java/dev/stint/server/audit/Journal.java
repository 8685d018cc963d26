package dev.stint.server.audit;

import dev.stint.core.internal.files.OwnerOnly;
import dev.stint.server.store.AuditEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit journal on disk: numbered segment files {@code DIR/<sequence>.journal} (mode 0600) of
 * {@link JournalCodec} frames. {@link #append} returns once the records are on disk (data synced,
 * and the segment's directory entry synced when it was created). A segment is closed by {@link
 * #rotate} and then belongs to whoever copies it into the database, who deletes it. Used by one
 * thread at a time.
 */
final class Journal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Journal.class);
  private static final String SUFFIX = ".journal";

  /**
   * A closed segment: its file and how many of its leading records were acknowledged ({@link #ALL}
   * for a segment an earlier run left, whose whole records all may have been). The records stay on
   * disk until they are copied: held in memory for the segment's lifetime, they outlived young
   * collections and made each one copy them again.
   */
  record Segment(Path file, int records) {
    static final int ALL = Integer.MAX_VALUE;

    /**
     * The acknowledged records, read back from the file. Fewer than were written means the file was
     * damaged after its sync; what is left is returned, since reading again cannot help.
     */
    List<AuditEvent> read() throws IOException {
      List<AuditEvent> events = Journal.read(file);
      if (records != ALL && events.size() < records) {
        log.error(
            "audit journal {} holds {} whole records of the {} written; the rest are lost",
            file.getFileName(),
            events.size(),
            records);
      }
      return records < events.size() ? events.subList(0, records) : events;
    }
  }

  private final Path dir;
  private long nextSequence;
  private FileChannel channel;
  private Path file;
  private int records;
  private long openedNanos;

  private Journal(Path dir, long nextSequence) {
    this.dir = dir;
    this.nextSequence = nextSequence;
  }

  /**
   * Opens the journal in {@code dir} (created if absent) and reads the segments a previous run left
   * behind, oldest first: records that were acknowledged but maybe not yet copied into the
   * database.
   */
  static Journal open(Path dir, List<Segment> leftovers) throws IOException {
    OwnerOnly.createDirectories(dir);
    long last = 0;
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(p -> sequence(p) > 0)
              .sorted((a, b) -> Long.compare(sequence(a), sequence(b)))
              .toList();
    }
    for (Path p : files) {
      leftovers.add(new Segment(p, Segment.ALL));
      last = Math.max(last, sequence(p));
    }
    return new Journal(dir, last + 1);
  }

  /** The whole records of a segment file, oldest first. */
  static List<AuditEvent> read(Path segment) throws IOException {
    byte[] bytes = Files.readAllBytes(segment);
    JournalCodec.Decoded decoded = JournalCodec.decode(bytes);
    if (decoded.validBytes() < bytes.length) {
      // Only a write that a crash interrupted leaves a partial frame, and its records were never
      // acknowledged; anything else here is damage worth a look.
      log.warn(
          "audit journal {}: {} trailing bytes are not a whole record and were ignored",
          segment.getFileName(),
          bytes.length - decoded.validBytes());
    }
    return decoded.events();
  }

  private static long sequence(Path p) {
    String name = p.getFileName().toString();
    if (!name.endsWith(SUFFIX)) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Writes the records and syncs them. On failure the open segment is closed as it stands: {@link
   * #rotate} hands over the records acknowledged before, and the next append starts a new segment.
   */
  void append(List<AuditEvent> batch, long nowNanos) throws IOException {
    if (file == null) {
      start(nowNanos);
    } else if (channel == null) {
      throw new IOException("audit journal segment closed after a failed write; rotate it first");
    }
    ByteBuffer bytes = ByteBuffer.wrap(JournalCodec.encode(batch));
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
    } catch (IOException e) {
      // A partial frame may now end this file: never append after it.
      closeChannel();
      throw e;
    }
    records += batch.size();
  }

  private void start(long nowNanos) throws IOException {
    Path next = dir.resolve(String.format("%020d%s", nextSequence++, SUFFIX));
    Files.createFile(next, OwnerOnly.file());
    channel = FileChannel.open(next, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    // The new name must be durable before a record in it is acknowledged.
    OwnerOnly.forceDirectory(dir);
    file = next;
    openedNanos = nowNanos;
  }

  /** Records appended to the open segment. */
  int size() {
    return records;
  }

  /** Nanoseconds since the open segment got its first record. */
  long age(long nowNanos) {
    return file == null ? 0 : nowNanos - openedNanos;
  }

  /** Closes the open segment and hands it over, or returns null when it holds no record. */
  Segment rotate() {
    closeChannel();
    if (file == null) {
      return null;
    }
    Path closed = file;
    int held = records;
    file = null;
    records = 0;
    if (held == 0) {
      delete(closed); // created, then its first write failed
      return null;
    }
    return new Segment(closed, held);
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        log.warn("closing audit journal segment {} failed", file, e);
      }
      channel = null;
    }
  }

  /** Deletes a segment whose records are in the database. */
  static void delete(Path segment) {
    try {
      Files.deleteIfExists(segment);
    } catch (IOException e) {
      // Left behind, it is read again at the next start, and its records are skipped as copied.
      log.warn("could not delete copied audit journal segment {}", segment, e);
    }
  }

  @Override
  public void close() {
    closeChannel();
  }
}
