package dev.stint.core.chain;

import dev.stint.core.internal.http.HttpTransport;
import dev.stint.core.internal.json.Json;
import dev.stint.core.internal.json.JsonParseException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one AWS-style call and turns transport failures and REST-JSON errors into {@link
 * AwsCallException}s. Stateless and thread-safe.
 */
final class Calls {

  private Calls() {}

  static HttpTransport.Response send(
      HttpTransport transport, String operation, HttpTransport.Request request) {
    try {
      return transport.send(request);
    } catch (HttpConnectTimeoutException e) {
      throw AwsCallException.Unreachable.connect(operation, request.uri(), e);
    } catch (HttpTimeoutException e) {
      throw AwsCallException.Unreachable.timeout(operation, request.uri(), e);
    } catch (InterruptedIOException e) {
      throw AwsCallException.Unreachable.timeout(operation, request.uri(), e);
    } catch (IOException e) {
      throw AwsCallException.Unreachable.connect(operation, request.uri(), e);
    }
  }

  /** {@code base} with {@code path} (and an encoded query) appended, keeping any base path. */
  static URI resolve(URI base, String path, String query) {
    String basePath = base.getRawPath() == null ? "" : base.getRawPath();
    while (basePath.endsWith("/")) {
      basePath = basePath.substring(0, basePath.length() - 1);
    }
    String text =
        base.getScheme()
            + "://"
            + base.getRawAuthority()
            + basePath
            + path
            + (query == null ? "" : "?" + query);
    return URI.create(text);
  }

  /** RFC 3986 percent-encoding of everything but unreserved characters, as botocore encodes. */
  static String percentEncode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** {@code name=value&...}, each part percent-encoded. */
  static String form(List<Map.Entry<String, String>> parameters) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> parameter : parameters) {
      parts.add(percentEncode(parameter.getKey()) + "=" + percentEncode(parameter.getValue()));
    }
    return String.join("&", parts);
  }

  /**
   * The error of a REST-JSON answer (the SSO portal and OIDC): the code from {@code
   * x-amzn-ErrorType} (before any {@code :}) or the body's {@code __type}, {@code code} or {@code
   * error}; the message from the body's {@code message}, {@code Message} or {@code
   * error_description}.
   */
  static AwsCallException.ServiceError restJsonError(
      String operation, HttpTransport.Response response) {
    Map<String, Object> body = parsed(response.text());
    Optional<String> code =
        response
            .header("x-amzn-ErrorType")
            .or(() -> text(body, "__type"))
            .or(() -> text(body, "code"))
            .or(() -> text(body, "error"))
            .map(
                value -> {
                  int colon = value.indexOf(':');
                  String head = colon >= 0 ? value.substring(0, colon) : value;
                  int hash = head.lastIndexOf('#');
                  return hash >= 0 ? head.substring(hash + 1) : head;
                });
    String message =
        text(body, "message")
            .or(() -> text(body, "Message"))
            .or(() -> text(body, "error_description"))
            .orElse("");
    return new AwsCallException.ServiceError(
        operation,
        code.orElse(String.valueOf(response.status())),
        message,
        response.status(),
        response.header("x-amzn-RequestId").orElse(null));
  }

  private static Map<String, Object> parsed(String text) {
    try {
      return Json.readObject(text);
    } catch (JsonParseException e) {
      return Map.of(); // not JSON (a proxy's page): the status stands in for the code
    }
  }

  private static Optional<String> text(Map<String, Object> body, String key) {
    return body.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
  }
}
