package dev.stint.server.audit;

import dev.stint.core.internal.files.OwnerOnly;
import dev.stint.server.store.AuditEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit journal on disk: numbered segment files {@code DIR/<sequence>.journal} (mode 0600) of
 * {@link JournalCodec} frames. {@link #append} returns once the records are on disk (data synced,
 * and the segment's directory entry synced when it was started). A segment is closed by {@link
 * #rotate} and then belongs to whoever copies it into the database, who hands it back through
 * {@link #recycle}.
 *
 * <p>Copied segments are kept as spares ({@code <sequence>.spare}, at most {@link #MAX_SPARES}) and
 * written over by later segments instead of new files: a sync of data written over a file's
 * existing blocks is the data alone, where a sync of an append also commits the file system's
 * journal for the new size and blocks (on ext4 here: 170 against 320 to 640 us, and half the CPU).
 * The frames' checksums carry the segment's sequence, so what a spare held before is never read as
 * part of the segment written over it. Used by one thread at a time, but for {@link #recycle}.
 */
final class Journal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Journal.class);
  private static final String SUFFIX = ".journal";
  private static final String SPARE_SUFFIX = ".spare";
  static final int MAX_SPARES = 2;
  // A segment grown larger than this (records with long details, a long pause of the copier) is
  // deleted rather than kept: spares should not hold the disk space of the largest burst forever.
  static final long MAX_SPARE_BYTES = 16L << 20;

  /**
   * A closed segment: its file, how many of its leading records were acknowledged and how many
   * bytes they take ({@link #ALL} of both for a segment an earlier run left, whose whole records
   * all may have been). The records stay on disk until they are copied: held in memory for the
   * segment's lifetime, they outlived young collections and made each one copy them again.
   */
  record Segment(Path file, int records, long bytes) {
    static final int ALL = Integer.MAX_VALUE;

    /** A segment an earlier run left behind. */
    static Segment leftover(Path file) {
      return new Segment(file, ALL, Long.MAX_VALUE);
    }

    /**
     * The acknowledged records, read back from the file in batches of at most {@code size}, decoded
     * as they are taken: a segment of thousands of records decoded at once stayed live through the
     * young collections of its copy, overflowed the survivor space and filled the old generation
     * until a full collection (70 ms) stopped every request. Fewer records than were written means
     * the file was damaged after its sync; what is left is given, since reading again cannot help.
     */
    Batches batches(int size) throws IOException {
      return new Batches(this, Journal.reader(file, bytes), size);
    }
  }

  /** A segment's records, a batch at a time; warns at the end about what could not be read. */
  static final class Batches implements Iterator<List<AuditEvent>> {
    private final Segment segment;
    private final JournalCodec.Reader reader;
    private final int size;
    private int count;
    private List<AuditEvent> next;

    private Batches(Segment segment, JournalCodec.Reader reader, int size) {
      this.segment = segment;
      this.reader = reader;
      this.size = size;
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        next = take();
      }
      return !next.isEmpty();
    }

    @Override
    public List<AuditEvent> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      List<AuditEvent> batch = next;
      next = null;
      return batch;
    }

    /** The records taken so far. */
    int count() {
      return count;
    }

    private List<AuditEvent> take() {
      var batch = new ArrayList<AuditEvent>(Math.min(size, Copier.BATCH));
      AuditEvent event;
      while (batch.size() < size && count < segment.records() && (event = reader.next()) != null) {
        batch.add(event);
        count++;
      }
      if (batch.isEmpty()) {
        ended();
      }
      return batch;
    }

    private void ended() {
      if (segment.records() != Segment.ALL && count < segment.records()) {
        log.error(
            "audit journal {} holds {} whole records of the {} written; the rest are lost",
            segment.file().getFileName(),
            count,
            segment.records());
      }
      if (segment.bytes() != Long.MAX_VALUE && reader.validBytes() < reader.length()) {
        // Within the bytes acknowledged, a frame that does not read is damage worth a look. After
        // a crash (length unknown) the tail is expected: a torn write, never acknowledged, or what
        // a spare held before.
        log.warn(
            "audit journal {}: {} trailing bytes are not a whole record and were ignored",
            segment.file().getFileName(),
            reader.length() - reader.validBytes());
      }
    }
  }

  private final Path dir;
  private final ConcurrentLinkedQueue<Path> spares;
  private final JournalCodec.Encoder encoder = new JournalCodec.Encoder();
  private long nextSequence;
  private FileChannel channel;
  private Path file;
  private long sequence;
  private int records;
  private long written;
  private long openedNanos;

  private Journal(Path dir, long nextSequence, ConcurrentLinkedQueue<Path> spares) {
    this.dir = dir;
    this.nextSequence = nextSequence;
    this.spares = spares;
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
              .filter(p -> number(p) > 0)
              .sorted(Comparator.comparingLong(Journal::number))
              .toList();
    }
    var spares = new ConcurrentLinkedQueue<Path>();
    for (Path p : files) {
      if (p.getFileName().toString().endsWith(SUFFIX)) {
        leftovers.add(Segment.leftover(p));
      } else if (spares.size() < MAX_SPARES) {
        spares.add(p);
      } else {
        Files.deleteIfExists(p);
      }
      last = Math.max(last, number(p));
    }
    return new Journal(dir, last + 1, spares);
  }

  /** A reader of the frames in the first {@code length} bytes of a segment file. */
  private static JournalCodec.Reader reader(Path segment, long length) throws IOException {
    byte[] bytes;
    try (FileChannel in = FileChannel.open(segment, StandardOpenOption.READ)) {
      var buffer = ByteBuffer.allocate(Math.toIntExact(Math.min(length, in.size())));
      while (buffer.hasRemaining() && in.read(buffer) >= 0) {
        // until full or at the end
      }
      // Short only when the file shrank while being read.
      bytes =
          buffer.hasRemaining() ? Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array();
    }
    return new JournalCodec.Reader(bytes, number(segment));
  }

  /** The sequence number of a segment or spare file, or -1 for any other name. */
  private static long number(Path p) {
    String name = p.getFileName().toString();
    int dot = name.indexOf('.');
    if (dot <= 0 || !(name.endsWith(SUFFIX) || name.endsWith(SPARE_SUFFIX))) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, dot));
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
    ByteBuffer bytes = encoder.encode(batch, sequence);
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes, written + bytes.position());
      }
      channel.force(false);
    } catch (IOException e) {
      // A partial frame may now end this file: never append after it.
      closeChannel();
      throw e;
    }
    records += batch.size();
    written += bytes.limit();
  }

  private void start(long nowNanos) throws IOException {
    long number = nextSequence++;
    Path next = dir.resolve(String.format("%020d%s", number, SUFFIX));
    Path spare = spares.poll();
    if (spare == null) {
      Files.createFile(next, OwnerOnly.file());
    } else {
      Files.move(spare, next, StandardCopyOption.ATOMIC_MOVE);
    }
    channel = FileChannel.open(next, StandardOpenOption.WRITE);
    // The new name must be durable before a record in it is acknowledged.
    OwnerOnly.forceDirectory(dir);
    file = next;
    sequence = number;
    written = 0;
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
      delete(closed); // started, then its first write failed
      return null;
    }
    return new Segment(closed, held, written);
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

  /**
   * Takes back a segment whose records are in the database: kept as a spare to be written over, or
   * deleted when there are spares enough or it is too large. Thread-safe.
   */
  void recycle(Path segment) {
    try {
      if (spares.size() < MAX_SPARES && Files.size(segment) <= MAX_SPARE_BYTES) {
        String name = segment.getFileName().toString();
        Path spare = segment.resolveSibling(name.replace(SUFFIX, SPARE_SUFFIX));
        // Not synced: if a crash undoes the rename, the segment is copied again, harmlessly.
        Files.move(segment, spare, StandardCopyOption.ATOMIC_MOVE);
        spares.add(spare);
        return;
      }
    } catch (IOException e) {
      log.warn("could not keep copied audit journal segment {} as a spare", segment, e);
    }
    delete(segment);
  }

  /** Deletes a segment whose records are in the database. */
  private static void delete(Path segment) {
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
