package dev.stint.core.chain;

import dev.stint.core.internal.files.AtomicFile;
import dev.stint.core.internal.json.Json;
import dev.stint.core.internal.json.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A directory of JSON files shared with the AWS CLI, as botocore's {@code JSONFileCache} keeps it:
 * one {@code KEY.json} per entry, written whole (temporary file, rename) and mode 0600. Used for
 * {@code ~/.aws/cli/cache} (role credentials) and {@code ~/.aws/sso/cache} (sign-in tokens).
 * Thread-safe; {@link #locked} also excludes other processes.
 */
final class CliCache {

  private final Path directory;
  private final Json.Style style;

  CliCache(Path directory, Json.Style style) {
    this.directory = directory;
    this.style = style;
  }

  /** {@code ~/.aws/cli/cache}, written as {@code json.dumps} writes by default. */
  static CliCache roleCredentials(Path home) {
    return new CliCache(home.resolve(".aws").resolve("cli").resolve("cache"), Json.Style.SPACED);
  }

  /** {@code ~/.aws/sso/cache}. */
  static CliCache ssoTokens(Path home) {
    return new CliCache(home.resolve(".aws").resolve("sso").resolve("cache"), Json.Style.SPACED);
  }

  Path directory() {
    return directory;
  }

  Path file(String key) {
    return directory.resolve(key + ".json");
  }

  /** The entry, or empty when there is none or it is not a JSON object (as a cache miss). */
  Optional<Map<String, Object>> read(String key) {
    Path file = file(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.readObject(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException | JsonParseException e) {
      return Optional.empty();
    }
  }

  void write(String key, Map<String, Object> value) throws IOException {
    AtomicFile.write(file(key), Json.write(value, style).getBytes(StandardCharsets.UTF_8));
  }

  /** Runs {@code action} holding the entry's lock, shared with every thread and process. */
  <T> T locked(String key, AtomicFile.LockedAction<T> action) throws IOException {
    return AtomicFile.withLock(file(key), action);
  }

  /**
   * botocore's role cache key: the SHA-1 of {@code json.dumps(args, sort_keys=True)} (default
   * separators) made file-safe.
   */
  static String roleKey(Map<String, Object> arguments) {
    return fileSafe(sha1(Json.write(new TreeMap<>(arguments), Json.Style.SPACED)));
  }

  /** The SSO role-credentials key: the same over compact JSON. */
  static String ssoRoleKey(Map<String, Object> arguments) {
    return fileSafe(sha1(Json.write(new TreeMap<>(arguments), Json.Style.COMPACT)));
  }

  static String sha1(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }

  private static String fileSafe(String name) {
    return name.replace(':', '_').replace('/', '_').replace('\\', '_');
  }

  @Override
  public String toString() {
    return "CliCache[" + directory + "]";
  }
}
