package dev.stint.core.internal.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Replaces a small file all at once and serialises read-modify-write cycles on it, so a reader
 * never sees half a file and two writers (threads or processes) never lose each other's change.
 * Thread-safe.
 *
 * <p>A write goes to a temporary file in the same directory, is forced to disk, gets mode 0600, and
 * is renamed over the target; then the directory is forced, so the rename survives a crash. The
 * lock is an OS lock on a sibling {@code NAME.lock} file (other processes) plus an in-process lock
 * (an OS file lock is held by the whole JVM and refuses a second thread with an exception).
 */
public final class AtomicFile {

  /** Writes the new content to the open temporary file; a seam for failure tests. */
  @FunctionalInterface
  public interface ContentWriter {
    void write(FileChannel channel, byte[] content) throws IOException;
  }

  /** A step run while the lock is held. */
  @FunctionalInterface
  public interface LockedAction<T> {
    T run() throws IOException;
  }

  // One lock per file for the life of the JVM: a handful of paths, never removed, so that two
  // threads can never hold different lock objects for the same file.
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS =
      new ConcurrentHashMap<>();

  private AtomicFile() {}

  /** Runs {@code action} holding the exclusive lock for {@code target}. */
  public static <T> T withLock(Path target, LockedAction<T> action) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    createParent(absolute);
    ReentrantLock lock = IN_PROCESS.computeIfAbsent(absolute, p -> new ReentrantLock());
    lock.lock();
    try (FileChannel channel =
        FileChannel.open(lockFile(absolute), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock fileLock = channel.lock();
      try {
        return action.run();
      } finally {
        fileLock.release();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Replaces {@code target} with {@code content} atomically, leaving it mode 0600. */
  public static void write(Path target, byte[] content) throws IOException {
    write(target, content, AtomicFile::writeAll);
  }

  /** As {@link #write(Path, byte[])}, with the content written by {@code writer}. */
  public static void write(Path target, byte[] content, ContentWriter writer) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Path dir = createParent(absolute);
    Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp", OwnerOnly.file());
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        writer.write(channel, content.clone());
        channel.force(true);
      }
      Files.move(
          temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    OwnerOnly.forceDirectory(dir);
  }

  private static void writeAll(FileChannel channel, byte[] content) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(content);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static Path lockFile(Path absolute) {
    return absolute.resolveSibling(absolute.getFileName() + ".lock");
  }

  private static Path createParent(Path absolute) throws IOException {
    Path dir = absolute.getParent();
    if (!Files.isDirectory(dir)) {
      OwnerOnly.createDirectories(dir);
    }
    return dir;
  }
}
