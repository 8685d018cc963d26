package dev.stint.core.chain;

import dev.stint.core.sigv4.HttpRequestParts;
import dev.stint.core.sigv4.SigV4Signer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The request signer the chain uses by default: core's SigV4 signer. Stateless and thread-safe. */
final class Signing {

  /** The headers the signer adds; everything else in its output was given to it. */
  private static final Set<String> ADDED =
      Set.of("x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "authorization");

  private Signing() {}

  /** SigV4 in the Authorization header, with the options the AWS SDKs use for the service. */
  static RequestSigner sigV4() {
    return (method, uri, headers, body, credentials, region, service, time) -> {
      List<HttpRequestParts.Header> parts = new ArrayList<>();
      for (Map.Entry<String, String> header : headers) {
        parts.add(new HttpRequestParts.Header(header.getKey(), header.getValue()));
      }
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      HttpRequestParts request = new HttpRequestParts(method, path, uri.getRawQuery(), parts, body);
      SigV4Signer.Signed signed =
          SigV4Signer.sign(request, credentials, SigV4Signer.Options.of(region, service, time));
      List<Map.Entry<String, String>> added = new ArrayList<>();
      for (HttpRequestParts.Header header : signed.request().headers()) {
        if (ADDED.contains(header.name().toLowerCase(Locale.ROOT))) {
          added.add(Map.entry(header.name(), header.value()));
        }
      }
      return added;
    };
  }
}
