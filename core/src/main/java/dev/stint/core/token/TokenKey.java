package dev.stint.core.token;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key that seals session tokens, named by an id that travels in each token's header.
 * Immutable and thread-safe: the key bytes are copied in and out, and {@link #toString()} prints
 * everything but them.
 *
 * @param id 1 to 32 characters of {@code [A-Za-z0-9_-]}, unique within a ring
 * @param key 32 bytes
 * @param createdAt when the key was made; the newest key in a ring seals new tokens
 * @param retireAfter after this instant the key verifies nothing and may be dropped, or {@code
 *     null} while it is still the current key
 */
public record TokenKey(String id, byte[] key, Instant createdAt, Instant retireAfter) {

  public static final int KEY_BYTES = 32;
  public static final int MAX_ID_LENGTH = 32;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  public TokenKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(createdAt, "createdAt");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "token key id '" + id + "' must be 1 to 32 characters of [A-Za-z0-9_-]");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "token key " + id + " has " + key.length + " bytes, not " + KEY_BYTES);
    }
    if (retireAfter != null && retireAfter.isBefore(createdAt)) {
      throw new IllegalArgumentException(
          "token key "
              + id
              + " retires at "
              + retireAfter
              + ", before it was created at "
              + createdAt);
    }
    key = key.clone();
  }

  /** A new key of fresh random bytes, not yet retiring. */
  public static TokenKey generate(String id, Instant createdAt, SecureRandom random) {
    byte[] bytes = new byte[KEY_BYTES];
    random.nextBytes(bytes);
    try {
      return new TokenKey(id, bytes, createdAt, null);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** A copy of the key bytes. */
  @Override
  public byte[] key() {
    return key.clone();
  }

  /** This key, set to retire after {@code instant}. */
  public TokenKey retiringAfter(Instant instant) {
    return new TokenKey(id, key, createdAt, Objects.requireNonNull(instant, "instant"));
  }

  /** True once {@code now} is past {@link #retireAfter()}. */
  public boolean isRetiredAt(Instant now) {
    return retireAfter != null && now.isAfter(retireAfter);
  }

  SecretKeySpec secretKey() {
    return new SecretKeySpec(key, "AES");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TokenKey that
        && id.equals(that.id)
        && MessageDigest.isEqual(key, that.key)
        && createdAt.equals(that.createdAt)
        && Objects.equals(retireAfter, that.retireAfter);
  }

  @Override
  public int hashCode() {
    // The key bytes stay out of the hash, so it says nothing about them.
    return Objects.hash(id, createdAt, retireAfter);
  }

  @Override
  public String toString() {
    return "TokenKey[id="
        + id
        + ", key=<redacted>, createdAt="
        + createdAt
        + ", retireAfter="
        + retireAfter
        + "]";
  }
}
