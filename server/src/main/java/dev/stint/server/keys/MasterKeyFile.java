package dev.stint.server.keys;

import dev.stint.core.internal.files.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The master key file ({@code DATA_DIR/master.key}): 32 random bytes in Base64, mode 0600, created
 * atomically on the first start and read on every later one. Every node that shares a database must
 * be given the same file. Stateless; safe to call from one thread at start-up.
 */
public final class MasterKeyFile {
  static final String NAME = "master.key";

  private MasterKeyFile() {}

  /** Reads the key file in {@code dataDir}, creating it first when it does not exist. */
  public static byte[] loadOrCreate(Path dataDir, SecureRandom random) throws IOException {
    Path file = dataDir.resolve(NAME);
    if (!Files.isDirectory(dataDir)) {
      // With PostgreSQL nothing else creates the data directory; it holds secrets: owner only.
      OwnerOnly.createDirectories(dataDir);
    }
    if (!Files.exists(file)) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      Path tmp = Files.createTempFile(dataDir, ".master", ".tmp", OwnerOnly.file());
      try {
        Files.write(
            tmp,
            (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII),
            StandardOpenOption.SYNC);
        try {
          // A hard link fails if another process created the file first: theirs wins.
          Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException raced) {
          // fall through and read the winner's key
        } catch (UnsupportedOperationException | IOException noLinks) {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      // The key's name must survive a crash as the tokens and wrapped keys made with it will.
      OwnerOnly.forceDirectory(dataDir);
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": not a Base64 master key");
    }
    if (key.length != 32) {
      throw new IOException(file + ": master key is " + key.length + " bytes, expected 32");
    }
    return key;
  }
}
