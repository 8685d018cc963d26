package dev.stint.core.credentials;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A set of AWS-style credentials: an access key id and its secret, and for temporary credentials a
 * session token and an expiry. Immutable and thread-safe.
 *
 * <p>{@link #toString()} prints the access key id only; the secret and the token never leave
 * through it.
 *
 * @param accessKeyId the access key id, {@code AKIA...} (long-term) or {@code ASIA...} (temporary)
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token, or {@code null} for long-term credentials
 * @param expiration when temporary credentials stop working, or {@code null} when unknown or
 *     long-term
 */
public record Credentials(
    String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

  public Credentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    if (accessKeyId.isBlank()) {
      throw new IllegalArgumentException("access key id is empty");
    }
    if (secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException("secret access key is empty for " + accessKeyId);
    }
    if (sessionToken != null && sessionToken.isEmpty()) {
      sessionToken = null;
    }
  }

  /** Long-term credentials: no session token, no expiry. */
  public static Credentials of(String accessKeyId, String secretAccessKey) {
    return new Credentials(accessKeyId, secretAccessKey, null, null);
  }

  public Optional<String> token() {
    return Optional.ofNullable(sessionToken);
  }

  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiration);
  }

  /** True when these credentials carry a session token. */
  public boolean isTemporary() {
    return sessionToken != null;
  }

  @Override
  public String toString() {
    return "Credentials[accessKeyId="
        + accessKeyId
        + (sessionToken != null ? ", sessionToken=<redacted>" : "")
        + (expiration != null ? ", expiration=" + expiration : "")
        + "]";
  }
}
