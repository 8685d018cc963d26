package dev.stint.core.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The few HTTP calls the credential chain makes (STS, the SSO portal and OIDC, container and
 * instance metadata), on the JDK's client, since {@code core} may not depend on an HTTP library.
 * Every call is bounded by a connect timeout and a whole-request timeout; redirects are not
 * followed and no proxy is used. Thread-safe.
 */
public final class HttpTransport {

  /** The most response body read; metadata and STS answers are a few kilobytes. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /**
   * One request.
   *
   * @param method {@code GET}, {@code PUT} or {@code POST}
   * @param uri the absolute URI
   * @param headers header names and values in order; {@code Host} and {@code Content-Length} are
   *     set by the JDK from the URI and body and must not be given
   * @param body the body, empty for none
   * @param timeout how long the whole exchange may take
   */
  public record Request(
      String method,
      URI uri,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      Duration timeout) {
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(timeout, "timeout");
      headers = List.copyOf(headers);
      body = body == null ? new byte[0] : body.clone();
      if (!uri.isAbsolute()) {
        throw new IllegalArgumentException("not an absolute URI: " + uri);
      }
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    @Override
    public String toString() {
      return "Request[" + method + " " + uri.getScheme() + "://" + uri.getAuthority() + "]";
    }
  }

  /**
   * A response.
   *
   * @param status the HTTP status code
   * @param headers header values by lower-case name, in the order received
   * @param body the body bytes
   */
  public record Response(int status, Map<String, List<String>> headers, byte[] body) {
    public Response {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      headers.forEach(
          (name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      headers = Collections.unmodifiableMap(copy);
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public String toString() {
      return "Response[status=" + status + ", bytes=" + body.length + "]";
    }
  }

  private final Duration connectTimeout;
  private volatile HttpClient client;

  private HttpTransport(Duration connectTimeout) {
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
  }

  /**
   * A transport whose connections must open within {@code connectTimeout}. The JDK client (and its
   * selector thread) is made on the first call: most runs of a command line never call out, and
   * starting it costs them tens of milliseconds.
   */
  public static HttpTransport create(Duration connectTimeout) {
    return new HttpTransport(connectTimeout);
  }

  private HttpClient client() {
    HttpClient made = client;
    if (made == null) {
      synchronized (this) {
        made = client;
        if (made == null) {
          made =
              HttpClient.newBuilder()
                  .connectTimeout(connectTimeout)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .version(HttpClient.Version.HTTP_1_1)
                  .proxy(HttpClient.Builder.NO_PROXY)
                  .build();
          client = made;
        }
      }
    }
    return made;
  }

  /**
   * Sends the request and reads the response.
   *
   * @throws java.net.http.HttpTimeoutException when the exchange took longer than its timeout
   * @throws InterruptedIOException when the thread was interrupted (its flag is set again)
   * @throws IOException when the connection failed or the body is larger than {@link
   *     #MAX_BODY_BYTES}
   */
  public Response send(Request request) throws IOException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(request.timeout())
            .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body));
    for (Map.Entry<String, String> header : request.headers()) {
      builder.header(header.getKey(), header.getValue());
    }
    HttpResponse<InputStream> response;
    try {
      response = client().send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted =
          new InterruptedIOException("interrupted while calling " + request);
      interrupted.initCause(e);
      throw interrupted;
    }
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new IOException(
          "response from " + request + " is larger than " + MAX_BODY_BYTES + " bytes");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response.headers().map().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
    return new Response(response.statusCode(), headers, body);
  }
}
