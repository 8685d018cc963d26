package dev.stint.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback IAM Identity Center (OIDC and portal APIs) for the sign-in commands: each {@code
 * METHOD /path} answers with what the test's handler returns; every request is recorded. Checks
 * nothing itself (core's tests check the wire; the interop tests run the real server).
 */
final class FakeSso implements AutoCloseable {

  record Request(String method, String path, String query, String bearer, String body) {}

  record Reply(int status, String errorType, String body) {
    static Reply ok(String json) {
      return new Reply(200, null, json);
    }

    static Reply error(int status, String type, String json) {
      return new Reply(status, type, json);
    }
  }

  @FunctionalInterface
  interface Handler {
    Reply handle(Request request);
  }

  private final HttpServer server;
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeSso() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::serve);
    server.start();
  }

  FakeSso on(String methodAndPath, Handler handler) {
    routes.put(methodAndPath, handler);
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> requests(String methodAndPath) {
    return requests.stream()
        .filter(r -> (r.method() + " " + r.path()).equals(methodAndPath))
        .toList();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token"),
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      requests.add(request);
      Handler handler = routes.get(request.method() + " " + request.path());
      Reply reply = handler == null ? Reply.error(404, "NotFound", "{}") : handler.handle(request);
      if (reply.errorType() != null) {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", reply.errorType());
      }
      if (reply.status() / 100 == 3) {
        exchange.getResponseHeaders().add("Location", reply.body());
        exchange.sendResponseHeaders(reply.status(), -1);
        return;
      }
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The OIDC answers of a sign-in that works: a client, a device code, tokens. */
  FakeSso signInWorks() {
    on(
        "POST /client/register",
        r ->
            Reply.ok(
                "{\"clientId\":\"cid\",\"clientSecret\":\"csecret\",\"clientIdIssuedAt\":1,"
                    + "\"clientSecretExpiresAt\":1901275200}"));
    on(
        "POST /device_authorization",
        r ->
            Reply.ok(
                "{\"deviceCode\":\"dc\",\"userCode\":\"BCDF-GHJK\",\"verificationUri\":\""
                    + url()
                    + "/device\",\"verificationUriComplete\":\""
                    + url()
                    + "/device?user_code=BCDF-GHJK\",\"expiresIn\":600,\"interval\":1}"));
    on(
        "POST /token",
        r ->
            Reply.ok(
                "{\"accessToken\":\"sat_a\",\"tokenType\":\"Bearer\",\"expiresIn\":28800,"
                    + "\"refreshToken\":\"srt_r\"}"));
    return this;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
