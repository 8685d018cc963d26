package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;

/** Yields current credentials. Implementations are thread-safe. */
@FunctionalInterface
interface CredentialSupplier {

  /**
   * @throws CredentialException when credentials that must be refreshed cannot be
   */
  Credentials get();

  /** Credentials that never change. */
  static CredentialSupplier fixed(Credentials credentials) {
    return () -> credentials;
  }
}
