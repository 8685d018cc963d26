package dev.stint.server.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A user's long-term access key. The secret is held only as ciphertext the application produced;
 * the store never sees it in the clear. Immutable and thread-safe: the ciphertext is copied in and
 * out, and {@code toString} prints the key id only.
 *
 * @param lastUsed when, for which service and in which region the key last signed a request, or
 *     {@code null} if never
 */
public record AccessKey(
    String id,
    String userId,
    Status status,
    byte[] secretCiphertext,
    Instant created,
    LastUsed lastUsed) {

  /** IAM's access key states, with their wire spelling. */
  public enum Status {
    ACTIVE("Active"),
    INACTIVE("Inactive");

    private final String wire;

    Status(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    static Status fromWire(String wire) {
      for (Status status : values()) {
        if (status.wire.equals(wire)) {
          return status;
        }
      }
      throw new IllegalArgumentException("Unknown access key status '" + wire + "'");
    }
  }

  /** The last request an access key signed. */
  public record LastUsed(Instant time, String service, String region) {
    public LastUsed {
      time = Checks.millis(time, "last used time");
      Checks.text(service, "service", 64);
      Checks.text(region, "region", 64);
    }
  }

  public AccessKey {
    Checks.matching(id, Checks.ACCESS_KEY_ID, "access key id");
    Checks.matching(userId, Checks.USER_ID, "user id");
    Objects.requireNonNull(status, "status");
    secretCiphertext = Checks.secret(secretCiphertext, "secret ciphertext");
    created = Checks.millis(created, "created");
  }

  @Override
  public byte[] secretCiphertext() {
    return secretCiphertext.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AccessKey that
        && id.equals(that.id)
        && userId.equals(that.userId)
        && status == that.status
        && Arrays.equals(secretCiphertext, that.secretCiphertext)
        && created.equals(that.created)
        && Objects.equals(lastUsed, that.lastUsed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, userId, status, Arrays.hashCode(secretCiphertext), created, lastUsed);
  }

  @Override
  public String toString() {
    return "AccessKey[id="
        + id
        + ", userId="
        + userId
        + ", status="
        + status.wire()
        + ", secretCiphertext=<redacted>, created="
        + created
        + ", lastUsed="
        + lastUsed
        + "]";
  }
}
