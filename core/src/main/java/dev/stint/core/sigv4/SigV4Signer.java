package dev.stint.core.sigv4;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.sigv4.HttpRequestParts.Header;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;

/**
 * Signs requests with AWS Signature Version 4, in the Authorization header ({@link #sign}) or in
 * the query string ({@link #presign}). Stateless and thread-safe.
 *
 * <p>Every header of the request is signed except those a proxy may change or drop on the way (the
 * hop-by-hop headers, {@code user-agent}, {@code expect}, {@code x-amzn-trace-id}), as botocore
 * does. A {@code host} header is required.
 */
public final class SigV4Signer {

  /** Headers never signed: hop-by-hop, or rewritten by proxies and HTTP clients. */
  private static final Set<String> UNSIGNED_HEADERS =
      Set.of(
          "authorization",
          "connection",
          "expect",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "user-agent",
          "x-amzn-trace-id");

  private static final Set<String> PRESIGN_PARAMS =
      Set.of(
          "X-Amz-Algorithm",
          "X-Amz-Credential",
          "X-Amz-Date",
          "X-Amz-Expires",
          "X-Amz-SignedHeaders",
          "X-Amz-Signature",
          "X-Amz-Security-Token");

  /** The longest a presigned request may live: seven days. */
  public static final Duration MAX_PRESIGN_EXPIRY = Duration.ofDays(7);

  private SigV4Signer() {}

  /**
   * How to sign.
   *
   * @param region the region in the credential scope, for example {@code us-east-1}
   * @param service the signing name in the credential scope, for example {@code sts}
   * @param time the signing time (whole seconds are used)
   * @param normalizePath remove dot segments and empty segments from the path before signing (every
   *     service but S3)
   * @param doubleUriEncode URI-encode the already encoded path again (every service but S3)
   * @param unsignedPayload sign the constant {@code UNSIGNED-PAYLOAD} instead of the body's hash
   * @param contentSha256Header add an {@code x-amz-content-sha256} header with the payload hash
   *     (header form only)
   * @param omitSessionToken leave the session token out of the signature and add it afterwards, as
   *     some STS clients once did (the test vectors' {@code omit_session_token})
   */
  public record Options(
      String region,
      String service,
      Instant time,
      boolean normalizePath,
      boolean doubleUriEncode,
      boolean unsignedPayload,
      boolean contentSha256Header,
      boolean omitSessionToken) {

    public Options {
      checkScopePart("region", region);
      checkScopePart("service", service);
      Objects.requireNonNull(time, "time");
      time = Instant.ofEpochSecond(time.getEpochSecond());
    }

    /**
     * The options the AWS SDKs use for this service: S3 keeps its path as sent, signs {@code
     * UNSIGNED-PAYLOAD} and sends {@code x-amz-content-sha256}; every other service normalises and
     * double-encodes the path and signs the body's hash.
     */
    public static Options of(String region, String service, Instant time) {
      boolean s3 = "s3".equals(service);
      return new Options(region, service, time, !s3, !s3, s3, s3, false);
    }

    public Options withTime(Instant newTime) {
      return new Options(
          region,
          service,
          newTime,
          normalizePath,
          doubleUriEncode,
          unsignedPayload,
          contentSha256Header,
          omitSessionToken);
    }

    public Options withNormalizePath(boolean value) {
      return new Options(
          region,
          service,
          time,
          value,
          doubleUriEncode,
          unsignedPayload,
          contentSha256Header,
          omitSessionToken);
    }

    public Options withDoubleUriEncode(boolean value) {
      return new Options(
          region,
          service,
          time,
          normalizePath,
          value,
          unsignedPayload,
          contentSha256Header,
          omitSessionToken);
    }

    public Options withUnsignedPayload(boolean value) {
      return new Options(
          region,
          service,
          time,
          normalizePath,
          doubleUriEncode,
          value,
          contentSha256Header,
          omitSessionToken);
    }

    public Options withContentSha256Header(boolean value) {
      return new Options(
          region,
          service,
          time,
          normalizePath,
          doubleUriEncode,
          unsignedPayload,
          value,
          omitSessionToken);
    }

    public Options withOmitSessionToken(boolean value) {
      return new Options(
          region,
          service,
          time,
          normalizePath,
          doubleUriEncode,
          unsignedPayload,
          contentSha256Header,
          value);
    }

    String amzDate() {
      return Canonical.amzDate(time);
    }

    String scope() {
      return amzDate().substring(0, 8) + "/" + region + "/" + service + "/" + Canonical.TERMINATOR;
    }
  }

  /**
   * A signed request and how its signature came about, stage by stage.
   *
   * @param request the request to send: the input plus the authentication headers or parameters
   * @param canonicalRequest the canonical request that was hashed
   * @param stringToSign the string that was signed
   * @param signature the signature, 64 lower-case hex digits
   */
  public record Signed(
      HttpRequestParts request, String canonicalRequest, String stringToSign, String signature) {
    public Signed {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(canonicalRequest, "canonicalRequest");
      Objects.requireNonNull(stringToSign, "stringToSign");
      Objects.requireNonNull(signature, "signature");
    }

    /** Leaves out the canonical request and string to sign: they hold the session token. */
    @Override
    public String toString() {
      return "Signed[request=" + request + ", signature=" + signature + "]";
    }
  }

  /**
   * Signs in the Authorization header. Adds {@code X-Amz-Date}, {@code X-Amz-Security-Token} for
   * temporary credentials, {@code x-amz-content-sha256} when the options ask, then {@code
   * Authorization}; any earlier values of these headers are replaced.
   */
  public static Signed sign(HttpRequestParts request, Credentials credentials, Options options) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(options, "options");
    String token = credentials.sessionToken();
    String payloadHash = payloadHash(request, options);

    List<Header> headers = new ArrayList<>(request.headers().size() + 4);
    for (Header header : request.headers()) {
      String lower = header.name().toLowerCase(Locale.ROOT);
      boolean replaced =
          lower.equals("authorization")
              || lower.equals("x-amz-date")
              || lower.equals("x-amz-security-token") && token != null
              || lower.equals("x-amz-content-sha256") && options.contentSha256Header();
      if (!replaced) {
        headers.add(header);
      }
    }
    String amzDate = options.amzDate();
    headers.add(new Header("X-Amz-Date", amzDate));
    if (token != null && !options.omitSessionToken()) {
      headers.add(new Header("X-Amz-Security-Token", token));
    }
    if (options.contentSha256Header()) {
      headers.add(new Header("x-amz-content-sha256", payloadHash));
    } else {
      payloadHash = existingPayloadHash(headers, payloadHash);
    }

    List<String> signedHeaders = signedHeaderNames(headers);
    String canonicalRequest =
        canonicalRequest(
            request.method(),
            Canonical.path(request.rawPath(), options.normalizePath(), options.doubleUriEncode()),
            Canonical.query(Canonical.parseQuery(request.rawQuery())),
            headers,
            signedHeaders,
            payloadHash);
    String stringToSign = stringToSign(amzDate, options.scope(), canonicalRequest);
    String signature = signature(credentials, options, stringToSign);

    headers.add(
        new Header(
            "Authorization",
            Canonical.ALGORITHM
                + " Credential="
                + credentials.accessKeyId()
                + "/"
                + options.scope()
                + ", SignedHeaders="
                + String.join(";", signedHeaders)
                + ", Signature="
                + signature));
    if (token != null && options.omitSessionToken()) {
      headers.add(new Header("X-Amz-Security-Token", token));
    }
    return new Signed(request.withHeaders(headers), canonicalRequest, stringToSign, signature);
  }

  /**
   * Signs in the query string (a presigned request) valid for {@code expires} after the signing
   * time: 1 second to 7 days. Appends {@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code
   * X-Amz-Date}, {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders} and {@code
   * X-Amz-Security-Token} for temporary credentials to the query, then {@code X-Amz-Signature}.
   */
  public static Signed presign(
      HttpRequestParts request, Credentials credentials, Options options, Duration expires) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(expires, "expires");
    if (expires.getNano() != 0
        || expires.getSeconds() < 1
        || expires.compareTo(MAX_PRESIGN_EXPIRY) > 0) {
      throw new IllegalArgumentException(
          "a presigned request expires after 1 to 604800 whole seconds, not " + expires);
    }
    for (Canonical.QueryParam param : Canonical.parseQuery(request.rawQuery())) {
      if (PRESIGN_PARAMS.contains(param.name())) {
        throw new IllegalArgumentException("the query already holds " + param.name());
      }
    }
    String token = credentials.sessionToken();
    String payloadHash = payloadHash(request, options);

    List<Header> headers = new ArrayList<>(request.headers().size());
    for (Header header : request.headers()) {
      if (!header.name().equalsIgnoreCase("authorization")) {
        headers.add(header);
      }
    }
    payloadHash = existingPayloadHash(headers, payloadHash);
    List<String> signedHeaders = signedHeaderNames(headers);
    String amzDate = options.amzDate();

    StringBuilder query = new StringBuilder();
    if (request.rawQuery() != null && !request.rawQuery().isEmpty()) {
      query.append(request.rawQuery()).append('&');
    }
    query
        .append("X-Amz-Algorithm=")
        .append(Canonical.ALGORITHM)
        .append("&X-Amz-Credential=")
        .append(Canonical.encode(credentials.accessKeyId() + "/" + options.scope(), false))
        .append("&X-Amz-Date=")
        .append(amzDate)
        .append("&X-Amz-Expires=")
        .append(expires.getSeconds())
        .append("&X-Amz-SignedHeaders=")
        .append(Canonical.encode(String.join(";", signedHeaders), false));
    if (token != null && !options.omitSessionToken()) {
      query.append("&X-Amz-Security-Token=").append(Canonical.encode(token, false));
    }

    String canonicalRequest =
        canonicalRequest(
            request.method(),
            Canonical.path(request.rawPath(), options.normalizePath(), options.doubleUriEncode()),
            Canonical.query(Canonical.parseQuery(query.toString())),
            headers,
            signedHeaders,
            payloadHash);
    String stringToSign = stringToSign(amzDate, options.scope(), canonicalRequest);
    String signature = signature(credentials, options, stringToSign);

    query.append("&X-Amz-Signature=").append(signature);
    if (token != null && options.omitSessionToken()) {
      query.append("&X-Amz-Security-Token=").append(Canonical.encode(token, false));
    }
    HttpRequestParts signed =
        new HttpRequestParts(
            request.method(), request.rawPath(), query.toString(), headers, request.bodyBytes());
    return new Signed(signed, canonicalRequest, stringToSign, signature);
  }

  // ---- shared with the verifier ------------------------------------------------------------

  static String canonicalRequest(
      String method,
      String canonicalPath,
      String canonicalQuery,
      List<Header> headers,
      List<String> signedHeaders,
      String payloadHash) {
    int size = 128 + method.length() + canonicalPath.length() + canonicalQuery.length();
    for (Header header : headers) {
      size += header.name().length() + header.value().length() + 2;
    }
    CanonicalOut.Text out = new CanonicalOut.Text(size);
    writeCanonicalRequest(
        method, canonicalPath, canonicalQuery, headers, signedHeaders, payloadHash, out);
    return out.toString();
  }

  /**
   * Grammar: method LF path LF query LF *(name ":" value *("," value) LF) LF signed-names LF
   * payload-hash.
   */
  static void writeCanonicalRequest(
      String method,
      String canonicalPath,
      String canonicalQuery,
      List<Header> headers,
      List<String> signedHeaders,
      String payloadHash,
      CanonicalOut out) {
    out.add(method).add('\n').add(canonicalPath).add('\n').add(canonicalQuery).add('\n');
    for (String name : signedHeaders) {
      if (!Canonical.appendHeader(headers, name, out)) {
        throw new IllegalArgumentException("signed header " + name + " is not in the request");
      }
    }
    out.add('\n');
    for (int i = 0; i < signedHeaders.size(); i++) {
      if (i > 0) {
        out.add(';');
      }
      out.add(signedHeaders.get(i));
    }
    out.add('\n').add(payloadHash);
  }

  static String stringToSign(String amzDate, String scope, String canonicalRequest) {
    return stringToSign(
        amzDate, scope, Crypto.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
  }

  static String stringToSign(String amzDate, String scope, byte[] canonicalRequestHash) {
    return Canonical.ALGORITHM
        + "\n"
        + amzDate
        + "\n"
        + scope
        + "\n"
        + Crypto.hex(canonicalRequestHash);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static String signature(Credentials credentials, Options options, String stringToSign) {
    Mac mac =
        Crypto.signingMac(
            credentials.secretAccessKey().getBytes(StandardCharsets.UTF_8),
            options.amzDate().substring(0, 8),
            options.region(),
            options.service());
    return Crypto.hex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
  }

  private static String payloadHash(HttpRequestParts request, Options options) {
    return options.unsignedPayload()
        ? Canonical.UNSIGNED_PAYLOAD
        : Crypto.sha256Hex(request.bodyBytes());
  }

  /** A caller-supplied {@code x-amz-content-sha256} is what gets signed, as botocore does. */
  private static String existingPayloadHash(List<Header> headers, String computed) {
    for (Header header : headers) {
      if (header.name().equalsIgnoreCase("x-amz-content-sha256")) {
        return header.value().strip();
      }
    }
    return computed;
  }

  private static List<String> signedHeaderNames(List<Header> headers) {
    TreeSet<String> names = new TreeSet<>();
    for (Header header : headers) {
      String lower = header.name().toLowerCase(Locale.ROOT);
      if (!UNSIGNED_HEADERS.contains(lower)) {
        names.add(lower);
      }
    }
    if (!names.contains("host")) {
      throw new IllegalArgumentException("a request to sign needs a Host header");
    }
    return List.copyOf(names);
  }

  private static void checkScopePart(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == '/' || c >= 0x7f) {
        throw new IllegalArgumentException(what + " is not a credential scope part: " + value);
      }
    }
  }
}
