package dev.stint.core.chain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server standing in for STS, the SSO portal and OIDC, a container credentials
 * endpoint and instance metadata, in tests. Each route answers with a handler the test sets and
 * every request is recorded. Never listens beyond 127.0.0.1.
 */
final class FakeAws implements AutoCloseable {

  /** A request as received. */
  record Received(
      String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

    String header(String name) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The form body (or query) as name → value. */
    Map<String, String> form() {
      String text = method.equals("GET") ? query : bodyText();
      Map<String, String> values = new LinkedHashMap<>();
      if (text == null || text.isEmpty()) {
        return values;
      }
      for (String pair : text.split("&")) {
        int eq = pair.indexOf('=');
        values.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
      return values;
    }
  }

  /** An answer. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer xml(String body) {
      return new Answer(200, Map.of("Content-Type", "text/xml"), body);
    }

    static Answer json(String body) {
      return new Answer(200, Map.of("Content-Type", "application/json"), body);
    }

    static Answer status(int status, String body) {
      return new Answer(status, Map.of(), body);
    }
  }

  @FunctionalInterface
  interface Handler {
    Answer handle(Received request) throws Exception;
  }

  private final HttpServer server;
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  FakeAws() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::serve);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Routes {@code METHOD /path} to a handler. */
  FakeAws on(String methodAndPath, Handler handler) {
    routes.put(methodAndPath, handler);
    return this;
  }

  List<Received> received() {
    return Collections.unmodifiableList(new ArrayList<>(received));
  }

  List<Received> received(String methodAndPath) {
    return received.stream()
        .filter(r -> (r.method() + " " + r.path()).equals(methodAndPath))
        .toList();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name, List.copyOf(values)));
      Received request =
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              exchange.getRequestURI().getRawQuery(),
              headers,
              exchange.getRequestBody().readAllBytes());
      received.add(request);
      Handler handler = routes.get(request.method() + " " + request.path());
      Answer answer;
      try {
        answer =
            handler == null
                ? Answer.status(404, "no route " + request.path())
                : handler.handle(request);
      } catch (Exception e) {
        e.printStackTrace();
        answer = Answer.status(500, "handler failed: " + e);
      }
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.getResponseHeaders().add("x-amzn-RequestId", "req-" + received.size());
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** An STS AssumeRole answer. */
  static String assumeRoleXml(
      String action, String accessKeyId, String expiration, String roleArn, String session) {
    String account = roleArn.split(":")[4];
    String role = roleArn.substring(roleArn.indexOf('/') + 1);
    return "<"
        + action
        + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
        + "  <"
        + action
        + "Result>\n"
        + "    <AssumedRoleUser>\n"
        + "      <Arn>arn:aws:sts::"
        + account
        + ":assumed-role/"
        + role
        + "/"
        + session
        + "</Arn>\n"
        + "      <AssumedRoleId>AROAEXAMPLE:"
        + session
        + "</AssumedRoleId>\n"
        + "    </AssumedRoleUser>\n"
        + "    <Credentials>\n"
        + "      <AccessKeyId>"
        + accessKeyId
        + "</AccessKeyId>\n"
        + "      <SecretAccessKey>secret-of-"
        + accessKeyId
        + "</SecretAccessKey>\n"
        + "      <SessionToken>token-of-"
        + accessKeyId
        + "</SessionToken>\n"
        + "      <Expiration>"
        + expiration
        + "</Expiration>\n"
        + "    </Credentials>\n"
        + "  </"
        + action
        + "Result>\n"
        + "  <ResponseMetadata><RequestId>rid-1</RequestId></ResponseMetadata>\n"
        + "</"
        + action
        + "Response>\n";
  }

  static String errorXml(String code, String message) {
    return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
        + "<Error><Type>Sender</Type><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message></Error><RequestId>rid-err</RequestId></ErrorResponse>";
  }
}
