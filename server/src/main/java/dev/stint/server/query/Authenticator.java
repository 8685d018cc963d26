package dev.stint.server.query;

import dev.stint.core.sigv4.HttpRequestParts;
import dev.stint.server.auth.Caller;

/**
 * Decides who signed a request for a service. Throws {@link ApiException} with AWS's code and
 * message when the signature, the key or the token is not good. Thread-safe.
 */
@FunctionalInterface
public interface Authenticator {
  Caller authenticate(HttpRequestParts request, String signingName);
}
