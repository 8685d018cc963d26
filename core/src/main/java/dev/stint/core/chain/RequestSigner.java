package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Signs an outgoing request with SigV4: given the request and the signing scope, returns the
 * headers to add ({@code X-Amz-Date}, {@code X-Amz-Security-Token}, {@code Authorization}).
 * Implementations are stateless and thread-safe.
 */
@FunctionalInterface
interface RequestSigner {

  /**
   * @param headers the headers that will be sent, {@code Host} included (the JDK sends the same
   *     value from the URI)
   */
  List<Map.Entry<String, String>> sign(
      String method,
      URI uri,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      Credentials credentials,
      String region,
      String service,
      Instant time);
}
