package dev.stint.core.internal.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files and directories that only their owner may open (mode 0600 and 0700 where the file system
 * has POSIX modes; the platform's defaults elsewhere), and the directory sync that makes a name
 * created or renamed in a directory survive a crash. Stateless.
 */
public final class OwnerOnly {
  static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private OwnerOnly() {}

  /** Attributes for a new file: mode 0600 (none where modes do not exist). */
  public static FileAttribute<?>[] file() {
    return mode("rw-------");
  }

  /** Attributes for a new directory: mode 0700 (none where modes do not exist). */
  public static FileAttribute<?>[] directory() {
    return mode("rwx------");
  }

  private static FileAttribute<?>[] mode(String permissions) {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
        }
        : new FileAttribute<?>[0];
  }

  /** Creates {@code dir} and its missing parents, each mode 0700. */
  public static void createDirectories(Path dir) throws IOException {
    Files.createDirectories(dir, directory());
  }

  /**
   * Syncs a directory, so that names created or renamed in it are durable. Nothing to do on
   * Windows, which cannot open a directory as a channel and whose renames are durable already.
   */
  public static void forceDirectory(Path dir) throws IOException {
    if (!POSIX) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (AccessDeniedException e) {
      // A directory we may write into but not read: the name stands, durability is best effort.
    }
  }
}
