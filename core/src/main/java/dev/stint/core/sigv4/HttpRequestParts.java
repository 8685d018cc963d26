package dev.stint.core.sigv4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of an HTTP request that SigV4 signs, exactly as they travel: the method, the path and
 * query as they appear on the request line (undecoded), every header in arrival order (duplicates
 * kept), and the body bytes. Immutable and thread-safe; the body is copied in and out.
 *
 * <p>{@link #toString()} names the headers but prints no header value and no query, since those
 * carry signatures and session tokens.
 *
 * @param method the request method, for example {@code POST}
 * @param rawPath the path as sent, percent-encoding untouched, starting with {@code /}
 * @param rawQuery the query as sent without the {@code ?}, or {@code null} when there was none
 * @param headers every header, in order; names compare case-insensitively
 * @param body the body bytes ({@code null} means empty)
 */
public record HttpRequestParts(
    String method, String rawPath, String rawQuery, List<Header> headers, byte[] body) {

  /**
   * One header line: a name and its value with surrounding whitespace already removed, as an HTTP
   * server hands it over. A value holds no line break: folded lines are joined by the server.
   */
  public record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("header name is empty");
      }
      for (int i = 0; i < name.length(); i++) {
        if (!isTokenChar(name.charAt(i))) {
          throw new IllegalArgumentException("header name is not an HTTP token: " + name);
        }
      }
      // indexOf, not a loop over the characters: a session token header is 900 of them, and the
      // JDK searches a string for one character with vector instructions.
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf(0) >= 0) {
        throw new IllegalArgumentException("value of header " + name + " has a line break");
      }
    }

    /** Prints the name only: header values may be credentials. */
    @Override
    public String toString() {
      return "Header[" + name + "]";
    }
  }

  public HttpRequestParts {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(headers, "headers");
    if (method.isEmpty()) {
      throw new IllegalArgumentException("method is empty");
    }
    for (int i = 0; i < method.length(); i++) {
      if (!isTokenChar(method.charAt(i))) {
        throw new IllegalArgumentException("method is not an HTTP token: " + method);
      }
    }
    if (!rawPath.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/'");
    }
    checkRequestLinePart("path", rawPath);
    if (rawQuery != null) {
      checkRequestLinePart("query", rawQuery);
    }
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body.clone();
  }

  /** A request with no query and no body. */
  public static HttpRequestParts of(String method, String rawPath, List<Header> headers) {
    return new HttpRequestParts(method, rawPath, null, headers, null);
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body without a copy, for this package's hashing only; never handed out. */
  byte[] bodyBytes() {
    return body;
  }

  /** The body's length in bytes, without copying it. */
  public int bodyLength() {
    return body.length;
  }

  /** Every value of the named header, in order; the name compares case-insensitively. */
  public List<String> headerValues(String name) {
    List<String> values = new ArrayList<>(1);
    for (Header header : headers) {
      if (header.name().equalsIgnoreCase(name)) {
        values.add(header.value());
      }
    }
    return values;
  }

  /** The first value of the named header, if any. */
  public Optional<String> header(String name) {
    for (Header header : headers) {
      if (header.name().equalsIgnoreCase(name)) {
        return Optional.of(header.value());
      }
    }
    return Optional.empty();
  }

  /** The same request with other headers. */
  public HttpRequestParts withHeaders(List<Header> newHeaders) {
    return new HttpRequestParts(method, rawPath, rawQuery, newHeaders, body);
  }

  /** The same request with another query ({@code null} for none). */
  public HttpRequestParts withRawQuery(String newRawQuery) {
    return new HttpRequestParts(method, rawPath, newRawQuery, headers, body);
  }

  /** The same request with another body. */
  public HttpRequestParts withBody(byte[] newBody) {
    return new HttpRequestParts(method, rawPath, rawQuery, headers, newBody);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HttpRequestParts that
        && method.equals(that.method)
        && rawPath.equals(that.rawPath)
        && Objects.equals(rawQuery, that.rawQuery)
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, rawPath, rawQuery, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    List<String> names = new ArrayList<>(headers.size());
    for (Header header : headers) {
      names.add(header.name());
    }
    return "HttpRequestParts["
        + method
        + " "
        + rawPath
        + (rawQuery != null ? "?<query>" : "")
        + ", headers="
        + names
        + ", body="
        + body.length
        + " bytes]";
  }

  private static void checkRequestLinePart(String what, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0 || c == '#') {
        throw new IllegalArgumentException(what + " holds a character not allowed there");
      }
    }
  }

  /** RFC 9110 tchar, as two 64-bit masks over ASCII. */
  private static final long TOKEN_LOW = tokenMask(0);

  private static final long TOKEN_HIGH = tokenMask(64);

  private static long tokenMask(int base) {
    String tchar = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    long mask = 0;
    for (int i = 0; i < tchar.length(); i++) {
      int c = tchar.charAt(i) - base;
      if (c >= 0 && c < 64) {
        mask |= 1L << c;
      }
    }
    return mask;
  }

  static boolean isTokenChar(char c) {
    if (c < 64) {
      return (TOKEN_LOW >>> c & 1) != 0;
    }
    return c < 128 && (TOKEN_HIGH >>> (c - 64) & 1) != 0;
  }
}
