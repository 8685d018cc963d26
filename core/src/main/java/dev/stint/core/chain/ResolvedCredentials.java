package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials the chain found, and where. Immutable and thread-safe; {@link #toString()} shows the
 * access key id only.
 *
 * @param credentials the credentials, current when returned
 * @param source the provider that supplied them
 * @param profile the profile they were resolved for, when a profile took part (empty for explicit,
 *     environment, container and instance-metadata credentials)
 */
public record ResolvedCredentials(
    Credentials credentials, CredentialSource source, Optional<String> profile) {

  public ResolvedCredentials {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(profile, "profile");
  }

  /** When the credentials stop working, if they are temporary and say so. */
  public Optional<Instant> expiry() {
    return credentials.expiry();
  }
}
