package dev.stint.core.chain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The loopback listener of the authorization code flow (RFC 8252): on {@code 127.0.0.1} and a port
 * the system picks, it waits for the browser to come back to {@code /oauth/callback} with a code
 * and the state, or with an error. Other paths (a browser asks for {@code /favicon.ico}) get 404
 * and change nothing; a callback without code or error gets 400 and the wait goes on. Thread-safe;
 * closes its socket on {@link #close()}.
 */
final class LoopbackCallback implements AutoCloseable {

  static final String PATH = "/oauth/callback";

  /** The redirect URI the client registers: botocore's, without a port. */
  static final String REGISTERED_REDIRECT_URI = "http://127.0.0.1" + PATH;

  private static final byte[] DONE_PAGE =
      ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>stint login</title>"
              + "</head><body><h1>Request received</h1><p>You can close this window and go back"
              + " to the terminal.</p></body></html>")
          .getBytes(StandardCharsets.UTF_8);

  /**
   * What the browser brought back: a code and the state, or an OAuth error.
   *
   * @param error the {@code error} parameter, when the authorization server refused
   */
  record Answer(
      Optional<String> code,
      Optional<String> state,
      Optional<String> error,
      Optional<String> errorDescription) {
    @Override
    public String toString() {
      return "Answer[error=" + error.orElse("none") + "]";
    }
  }

  private final HttpServer server;
  private final CompletableFuture<Answer> answer = new CompletableFuture<>();

  private LoopbackCallback(HttpServer server) {
    this.server = server;
  }

  /** Starts listening on a free port of {@code 127.0.0.1}. */
  static LoopbackCallback open() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
    LoopbackCallback callback = new LoopbackCallback(server);
    server.createContext("/", callback::handle);
    server.start();
    return callback;
  }

  /** Where the browser is sent back: {@code http://127.0.0.1:PORT/oauth/callback}. */
  String redirectUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  /**
   * Waits for the browser's answer.
   *
   * @return the answer, or empty when none came within {@code timeout}
   */
  Optional<Answer> await(Duration timeout) throws InterruptedException {
    try {
      return Optional.of(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the callback cannot fail", e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")
          || !exchange.getRequestURI().getRawPath().equals(PATH)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      boolean complete =
          query.containsKey("error") || (query.containsKey("code") && query.containsKey("state"));
      if (!complete || answer.isDone()) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.getResponseHeaders().add("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, DONE_PAGE.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(DONE_PAGE);
      }
      answer.complete(
          new Answer(
              Optional.ofNullable(query.get("code")),
              Optional.ofNullable(query.get("state")),
              Optional.ofNullable(query.get("error")),
              Optional.ofNullable(query.get("error_description"))));
    }
  }

  /** The first value of each parameter of {@code a=1&b=2}, decoded. */
  private static Map<String, String> query(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw == null) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        values.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed escape: not a parameter we can use
      }
    }
    return values;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
