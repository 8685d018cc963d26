package dev.stint.server.sts;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.sigv4.HttpRequestParts;
import dev.stint.core.sigv4.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends query-protocol requests signed at a chosen time, so tests can move the server's clock and
 * the signer's together (a real SDK signs with the wall clock).
 */
final class QueryClient {
  record Response(int status, String body) {
    String field(String name) {
      Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(body);
      if (!m.find()) {
        throw new AssertionError("no <" + name + "> in " + body);
      }
      return m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }

    Credentials credentials() {
      return new Credentials(
          field("AccessKeyId"),
          field("SecretAccessKey"),
          field("SessionToken"),
          Instant.parse(field("Expiration")));
    }

    /** {@code CODE: MESSAGE} of an error response. */
    String error() {
      return field("Code") + ": " + field("Message");
    }
  }

  private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length");
  private final HttpClient http = HttpClient.newHttpClient();
  private final String endpoint;

  QueryClient(String endpoint) {
    this.endpoint = endpoint;
  }

  Response call(Credentials credentials, Instant at, String service, String form)
      throws IOException, InterruptedException {
    URI uri = URI.create(endpoint + "/");
    byte[] body = form.getBytes(StandardCharsets.UTF_8);
    var headers = new ArrayList<HttpRequestParts.Header>();
    headers.add(new HttpRequestParts.Header("Host", uri.getHost() + ":" + uri.getPort()));
    headers.add(
        new HttpRequestParts.Header(
            "Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
    var signed =
        SigV4Signer.sign(
            new HttpRequestParts("POST", "/", null, List.copyOf(headers), body),
            credentials,
            SigV4Signer.Options.of("us-east-1", service, at));
    var request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (var h : signed.request().headers()) {
      if (!HOP_BY_HOP.contains(h.name().toLowerCase(java.util.Locale.ROOT))) {
        request.header(h.name(), h.value());
      }
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }

  Response sts(Credentials credentials, Instant at, String form)
      throws IOException, InterruptedException {
    return call(credentials, at, "sts", form + "&Version=2011-06-15");
  }

  String get(String path) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(URI.create(endpoint + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
