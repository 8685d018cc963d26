package dev.stint.core.chain;

import java.util.Objects;
import java.util.Optional;

/**
 * One link of the chain. {@link #load()} either finds credentials, or says why this provider is not
 * configured; a provider that is configured but broken throws a {@link CredentialException}, which
 * stops the chain. Implementations are immutable; their suppliers are thread-safe.
 */
interface Provider {

  CredentialSource source();

  Outcome load();

  /** What a provider's {@link #load()} came to. */
  sealed interface Outcome {}

  /**
   * Credentials were found.
   *
   * @param supplier yields current credentials, refreshing them when they near expiry
   * @param profile the profile that configured them, if one did
   */
  record Found(CredentialSupplier supplier, Optional<String> profile) implements Outcome {
    public Found {
      Objects.requireNonNull(supplier, "supplier");
      Objects.requireNonNull(profile, "profile");
    }
  }

  /**
   * Not configured.
   *
   * @param reason what was looked for, for the chain's "nothing found" message
   */
  record Skipped(String reason) implements Outcome {
    public Skipped {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
