package dev.stint.server.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A session-token key as stored: its id, the key wrapped (encrypted) by the application, when it
 * was made and, once a newer key took over, the time after which it no longer verifies. Immutable
 * and thread-safe: the wrapped key is copied in and out and never printed.
 *
 * @param retireAfter when the key stops verifying, or {@code null} while it is the newest
 */
public record TokenKey(String keyId, byte[] wrappedKey, Instant created, Instant retireAfter) {

  public TokenKey {
    Checks.text(keyId, "token key id", 128);
    wrappedKey = Checks.secret(wrappedKey, "wrapped key");
    created = Checks.millis(created, "created");
    retireAfter = Checks.optionalMillis(retireAfter);
  }

  @Override
  public byte[] wrappedKey() {
    return wrappedKey.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TokenKey that
        && keyId.equals(that.keyId)
        && Arrays.equals(wrappedKey, that.wrappedKey)
        && created.equals(that.created)
        && Objects.equals(retireAfter, that.retireAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyId, Arrays.hashCode(wrappedKey), created, retireAfter);
  }

  @Override
  public String toString() {
    return "TokenKey[keyId="
        + keyId
        + ", wrappedKey=<redacted>, created="
        + created
        + ", retireAfter="
        + retireAfter
        + "]";
  }
}
