package dev.stint.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A loopback STS for the commands that call one: answers each form POST with what the test's
 * function returns for its parameters, and remembers the parameters and the Authorization header.
 * It checks no signature (core's tests do that against the AWS SDK).
 */
final class FakeSts implements AutoCloseable {

  record Call(Map<String, String> form, String authorization) {}

  record Answer(int status, String xml) {}

  private final HttpServer server;
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

  FakeSts(Function<Map<String, String>, Answer> answers) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
              int eq = pair.indexOf('=');
              if (eq > 0) {
                form.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
              }
            }
            calls.add(new Call(form, exchange.getRequestHeaders().getFirst("Authorization")));
            Answer answer = answers.apply(form);
            byte[] bytes = answer.xml().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  static Answer callerIdentity(String userId, String account, String arn) {
    return new Answer(
        200,
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<GetCallerIdentityResult><Arn>"
            + arn
            + "</Arn><UserId>"
            + userId
            + "</UserId><Account>"
            + account
            + "</Account></GetCallerIdentityResult>"
            + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
            + "</GetCallerIdentityResponse>");
  }

  static Answer assumedRole(String accessKeyId, String expiration, String arn, String id) {
    return new Answer(
        200,
        "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<AssumeRoleResult><Credentials><AccessKeyId>"
            + accessKeyId
            + "</AccessKeyId><SecretAccessKey>secret-of-"
            + accessKeyId
            + "</SecretAccessKey><SessionToken>token-of-"
            + accessKeyId
            + "</SessionToken><Expiration>"
            + expiration
            + "</Expiration></Credentials><AssumedRoleUser><Arn>"
            + arn
            + "</Arn><AssumedRoleId>"
            + id
            + "</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>"
            + "<ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata>"
            + "</AssumeRoleResponse>");
  }

  static Answer error(int status, String code, String message) {
    return new Answer(
        status,
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
            + "<Type>Sender</Type><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error><RequestId>r-3</RequestId></ErrorResponse>");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
