package dev.stint.core.sigv4;

import static dev.stint.core.sigv4.SigV4Exception.Reason.CONFLICTING_AUTHENTICATION;
import static dev.stint.core.sigv4.SigV4Exception.Reason.HOST_NOT_SIGNED;
import static dev.stint.core.sigv4.SigV4Exception.Reason.INCOMPLETE_SIGNATURE;
import static dev.stint.core.sigv4.SigV4Exception.Reason.LIMIT_EXCEEDED;
import static dev.stint.core.sigv4.SigV4Exception.Reason.MISSING_AUTHENTICATION;
import static dev.stint.core.sigv4.SigV4Exception.Reason.PAYLOAD_HASH_MISMATCH;
import static dev.stint.core.sigv4.SigV4Exception.Reason.REQUEST_EXPIRED;
import static dev.stint.core.sigv4.SigV4Exception.Reason.SCOPE_MISMATCH;
import static dev.stint.core.sigv4.SigV4Exception.Reason.SIGNATURE_EXPIRED;
import static dev.stint.core.sigv4.SigV4Exception.Reason.SIGNATURE_NOT_YET_CURRENT;

import dev.stint.core.sigv4.Canonical.QueryParam;
import dev.stint.core.sigv4.HttpRequestParts.Header;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.crypto.Mac;

/**
 * Verifies AWS Signature Version 4 on incoming requests, signed in the Authorization header or
 * presigned in the query string, for one service. Thread-safe; build one per service and share it.
 *
 * <p>{@link #verify} reads as AWS's own checklist, in AWS's order, and fails closed: find the
 * authentication → parse it (missing parts listed together) → the request time (date format, then
 * the clock-skew window, or for presigned requests the {@code X-Amz-Expires} window) → {@code host}
 * signed → algorithm → credential scope (region, service, terminator, date) → access key id shape →
 * payload hash → the {@link Resolver} finds the secret → recompute → {@link MessageDigest#isEqual}.
 * Everything before the resolver is cheap and bounded; no HMAC runs on a request that fails a check
 * before it. Sizes are bounded first ({@link #MAX_HEADERS} and the other limits).
 *
 * <p>Two tolerances, both as AWS: a session token need not be signed (it may be added after
 * signing, as older STS clients did: in the header form it is simply not among the signed headers;
 * in a presigned query the signature is also tried without the {@code X-Amz-Security-Token}
 * parameter); and the {@code Date} header stands in for a missing {@code X-Amz-Date} header.
 *
 * @param <P> the principal the resolver returns with each secret
 */
public final class SigV4Verifier<P> {

  /** Clock skew allowed unless configured: five minutes, as STS. */
  public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

  /** The most clock skew that may be configured: fifteen minutes. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(15);

  /** The longest {@code X-Amz-Expires} accepted: seven days, in seconds. */
  public static final long MAX_EXPIRES_SECONDS = 604_800;

  /** Requests with more header lines are refused unread. */
  public static final int MAX_HEADERS = 256;

  /** Requests whose header names and values add up to more characters are refused unread. */
  public static final int MAX_HEADER_CHARS = 128 * 1024;

  /** Longest Authorization header read. */
  public static final int MAX_AUTHORIZATION_CHARS = 8 * 1024;

  /** Longest raw path read. */
  public static final int MAX_PATH_CHARS = 16 * 1024;

  /** Longest raw query read. */
  public static final int MAX_QUERY_CHARS = 32 * 1024;

  /** Most query parameters read. */
  public static final int MAX_QUERY_PARAMS = 512;

  /** Most signed headers accepted. */
  public static final int MAX_SIGNED_HEADERS = 128;

  /** Signing keys cached unless configured. */
  public static final int DEFAULT_SIGNING_KEY_CACHE_SIZE = 4096;

  /**
   * Finds the secret for an access key id: looks the key up, or for temporary credentials decodes
   * and checks the session token (which is where it throws {@link SigV4Exception#invalidToken()} or
   * {@link SigV4Exception#expiredToken()}). Called only for requests that passed every check that
   * needs no secret. Must be thread-safe.
   *
   * @param <P> the principal type
   */
  @FunctionalInterface
  public interface Resolver<P> {
    /**
     * @param accessKeyId the access key id from the credential scope, already checked to be 1 to
     *     128 letters and digits
     * @param sessionToken the {@code X-Amz-Security-Token} header (or presigned parameter), if any
     * @return the secret access key and the principal it belongs to; never null
     * @throws SigV4Exception to reject the request with that reason
     */
    Resolved<P> resolve(String accessKeyId, Optional<String> sessionToken) throws SigV4Exception;
  }

  /**
   * What a resolver found: the secret access key (its UTF-8 bytes) and whom it belongs to. The
   * secret is copied in and out and never printed.
   *
   * @param secret the secret access key's UTF-8 bytes
   * @param principal whom the key belongs to, handed back in {@link Verified}
   * @param <P> the principal type
   */
  public record Resolved<P>(byte[] secret, P principal) {
    public Resolved {
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(principal, "principal");
      if (secret.length == 0) {
        throw new IllegalArgumentException("secret is empty");
      }
      secret = secret.clone();
    }

    /** From the secret access key as text. */
    public static <P> Resolved<P> of(String secretAccessKey, P principal) {
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      return new Resolved<>(secretAccessKey.getBytes(StandardCharsets.UTF_8), principal);
    }

    /** A copy of the secret. */
    @Override
    public byte[] secret() {
      return secret.clone();
    }

    byte[] secretBytes() {
      return secret;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Resolved<?> that
          && MessageDigest.isEqual(secret, that.secret)
          && principal.equals(that.principal);
    }

    @Override
    public int hashCode() {
      return principal.hashCode();
    }

    @Override
    public String toString() {
      return "Resolved[secret=<redacted>, principal=" + principal + "]";
    }
  }

  /**
   * A request whose signature checked out.
   *
   * @param principal what the resolver returned for the key
   * @param accessKeyId the access key id that signed
   * @param credentialScope {@code yyyyMMdd/region/service/aws4_request}
   * @param region the region the request was signed for
   * @param signedAt the request time ({@code X-Amz-Date}, or the {@code Date} header)
   * @param presigned whether the signature came in the query string
   * @param signedHeaders the signed header names, lower case, as the client listed them
   * @param <P> the principal type
   */
  public record Verified<P>(
      P principal,
      String accessKeyId,
      String credentialScope,
      String region,
      Instant signedAt,
      boolean presigned,
      List<String> signedHeaders) {
    public Verified {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(credentialScope, "credentialScope");
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(signedAt, "signedAt");
      signedHeaders = List.copyOf(signedHeaders);
    }
  }

  /** Starts a verifier for requests signed for {@code service}, for example {@code sts}. */
  public static <P> Builder<P> builder(String service, Resolver<P> resolver) {
    return new Builder<>(service, resolver);
  }

  /** Configures a {@link SigV4Verifier}. Not thread-safe; the verifier it builds is. */
  public static final class Builder<P> {
    private final String service;
    private final Resolver<P> resolver;
    private Clock clock = Clock.systemUTC();
    private Duration skew = DEFAULT_SKEW;
    private Predicate<String> regions = region -> true;
    private boolean normalizePath;
    private boolean doubleUriEncode;
    private boolean allowUnsignedPayload;
    private int signingKeyCacheSize = DEFAULT_SIGNING_KEY_CACHE_SIZE;

    private Builder(String service, Resolver<P> resolver) {
      this.service = Objects.requireNonNull(service, "service");
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      if (service.isEmpty() || !isScopeToken(service)) {
        throw new IllegalArgumentException("not a service signing name: " + service);
      }
      boolean s3 = service.equals("s3");
      this.normalizePath = !s3;
      this.doubleUriEncode = !s3;
      this.allowUnsignedPayload = s3;
    }

    /** The clock requests are checked against. Default: {@link Clock#systemUTC()}. */
    public Builder<P> clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Allowed clock skew, in whole seconds, up to {@link #MAX_SKEW}. Default 5 minutes. */
    public Builder<P> skew(Duration value) {
      Objects.requireNonNull(value, "skew");
      if (value.isNegative() || value.compareTo(MAX_SKEW) > 0 || value.getNano() != 0) {
        throw new IllegalArgumentException(
            "skew must be 0 to 15 minutes in whole seconds, not " + value);
      }
      this.skew = value;
      return this;
    }

    /** Which regions a credential may be scoped to. Default: any region-shaped name. */
    public Builder<P> regions(Predicate<String> value) {
      this.regions = Objects.requireNonNull(value, "regions");
      return this;
    }

    /** Which regions a credential may be scoped to. */
    public Builder<P> regions(Set<String> value) {
      Set<String> copy = Set.copyOf(value);
      this.regions = copy::contains;
      return this;
    }

    /**
     * Normalise the path (dot and empty segments) before signing. Default: true for every service
     * but {@code s3}.
     */
    public Builder<P> normalizePath(boolean value) {
      this.normalizePath = value;
      return this;
    }

    /** Encode the already encoded path again. Default: true for every service but {@code s3}. */
    public Builder<P> doubleUriEncode(boolean value) {
      this.doubleUriEncode = value;
      return this;
    }

    /**
     * Accept {@code x-amz-content-sha256: UNSIGNED-PAYLOAD}, leaving the body unauthenticated.
     * Default: only for {@code s3}. Refuse it wherever the body carries the operation, as in STS.
     */
    public Builder<P> allowUnsignedPayload(boolean value) {
      this.allowUnsignedPayload = value;
      return this;
    }

    /** How many signing keys to keep (least recently used go first); 0 turns caching off. */
    public Builder<P> signingKeyCacheSize(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("cache size is negative: " + value);
      }
      this.signingKeyCacheSize = value;
      return this;
    }

    public SigV4Verifier<P> build() {
      return new SigV4Verifier<>(this);
    }
  }

  private final String service;
  private final Resolver<P> resolver;
  private final Clock clock;
  private final Duration skew;
  private final String skewText;
  private final Predicate<String> regions;
  private final boolean normalizePath;
  private final boolean doubleUriEncode;
  private final boolean allowUnsignedPayload;
  private final boolean s3;
  private final SigningKeyCache signingKeys;

  /** The last SignedHeaders value parsed: a client sends the same list request after request. */
  private record ParsedSignedHeaders(String raw, List<String> names) {}

  private volatile ParsedSignedHeaders lastSignedHeaders;

  private SigV4Verifier(Builder<P> builder) {
    this.service = builder.service;
    this.resolver = builder.resolver;
    this.clock = builder.clock;
    this.skew = builder.skew;
    long seconds = skew.getSeconds();
    this.skewText = seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " sec";
    this.regions = builder.regions;
    this.normalizePath = builder.normalizePath;
    this.doubleUriEncode = builder.doubleUriEncode;
    this.allowUnsignedPayload = builder.allowUnsignedPayload;
    this.s3 = service.equals("s3");
    this.signingKeys = new SigningKeyCache(builder.signingKeyCacheSize);
  }

  /** What the client claims, before any of it is checked. */
  private record Claim(
      boolean presigned,
      String algorithm,
      String credential,
      String signedHeaders,
      String signature,
      String amzDate,
      Instant signedAt,
      long expiresSeconds,
      String sessionToken,
      String declaredPayloadHash) {}

  /**
   * Checks the request's signature.
   *
   * @return who signed it
   * @throws SigV4Exception why it was not accepted; {@link SigV4Exception.Reason#INTERNAL_FAILURE}
   *     when the resolver (or this verifier) failed unexpectedly, with that exception as the cause
   */
  public Verified<P> verify(HttpRequestParts request) throws SigV4Exception {
    Objects.requireNonNull(request, "request");
    try {
      return check(request);
    } catch (RuntimeException e) {
      // A bug here must not let a request through, nor surface as anything but one error.
      throw SigV4Exception.internalFailure(e);
    }
  }

  private Verified<P> check(HttpRequestParts request) throws SigV4Exception {
    Instant now = clock.instant();
    checkLimits(request);
    List<QueryParam> query = Canonical.parseQuery(request.rawQuery());

    AuthHeaders auth = AuthHeaders.of(request);
    String authorization = auth.authorization;
    boolean queryAuth = find(query, "X-Amz-Algorithm") != null;
    if (authorization != null && queryAuth) {
      throw new SigV4Exception(
          CONFLICTING_AUTHENTICATION,
          "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP"
              + " header.");
    }
    if (authorization == null && !queryAuth || authorization != null && !isAws4(authorization)) {
      throw new SigV4Exception(MISSING_AUTHENTICATION, "Request is missing Authentication Token");
    }
    Claim claim = authorization != null ? fromHeader(authorization, auth) : fromQuery(query, auth);

    checkTime(claim, now);
    List<String> signedHeaders = signedHeaders(claim.signedHeaders());
    if (!signedHeaders.contains("host")) {
      throw new SigV4Exception(
          HOST_NOT_SIGNED,
          "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
    if (!claim.algorithm().equals(Canonical.ALGORITHM)) {
      throw new SigV4Exception(
          INCOMPLETE_SIGNATURE,
          "Unsupported AWS 'algorithm': '"
              + claim.algorithm()
              + "' (only AWS4-HMAC-SHA256 for now). ");
    }
    String[] scope = splitCredential(claim.credential());
    if (scope == null) {
      throw new SigV4Exception(
          INCOMPLETE_SIGNATURE,
          "Credential must have exactly 5 slash-delimited elements, e.g."
              + " keyid/date/region/service/term, got '"
              + claim.credential()
              + "'");
    }
    String accessKeyId = scope[0];
    try {
      checkScope(scope, claim.amzDate());
      if (!isAccessKeyId(accessKeyId)) {
        throw SigV4Exception.invalidToken();
      }
      byte[] providedSignature = parseSignature(claim.signature());
      for (String name : signedHeaders) {
        if (!hasHeader(request, name)) {
          throw SigV4Exception.signatureMismatch();
        }
      }
      String payloadHash = payloadHash(claim, request);

      Resolved<P> resolved = resolve(accessKeyId, claim.sessionToken());
      Mac mac = signingKeys.mac(resolved.secretBytes(), scope[1], scope[2], scope[3]);
      String credentialScope = claim.credential().substring(accessKeyId.length() + 1);
      String canonicalPath = Canonical.path(request.rawPath(), normalizePath, doubleUriEncode);

      boolean match =
          matches(
              mac,
              providedSignature,
              request,
              canonicalPath,
              canonicalQuery(query, claim.presigned(), false),
              signedHeaders,
              payloadHash,
              claim.amzDate(),
              credentialScope);
      if (!match && claim.presigned() && claim.sessionToken() != null) {
        match =
            matches(
                mac,
                providedSignature,
                request,
                canonicalPath,
                canonicalQuery(query, true, true),
                signedHeaders,
                payloadHash,
                claim.amzDate(),
                credentialScope);
      }
      if (!match && presignedWithoutPayloadHash(claim, request)) {
        // botocore presigns every query-form URL with UNSIGNED-PAYLOAD; the official vectors hash
        // the empty body. With no body there is nothing left unauthenticated, so accept both.
        for (boolean appended :
            claim.sessionToken() != null ? new boolean[] {false, true} : new boolean[] {false}) {
          match =
              match
                  || matches(
                      mac,
                      providedSignature,
                      request,
                      canonicalPath,
                      canonicalQuery(query, true, appended),
                      signedHeaders,
                      Canonical.UNSIGNED_PAYLOAD,
                      claim.amzDate(),
                      credentialScope);
        }
      }
      if (!match) {
        throw SigV4Exception.signatureMismatch();
      }
      return new Verified<>(
          resolved.principal(),
          accessKeyId,
          credentialScope,
          scope[2],
          claim.signedAt(),
          claim.presigned(),
          signedHeaders);
    } catch (SigV4Exception e) {
      throw e.withAccessKeyId(accessKeyId);
    }
  }

  /** Signing keys derived so far that are still cached; for tests. */
  int cachedSigningKeys() {
    return signingKeys.size();
  }

  SigningKeyCache signingKeyCache() {
    return signingKeys;
  }

  // ---- parse --------------------------------------------------------------------------------

  private static boolean isAws4(String authorization) {
    return authorization.strip().startsWith("AWS4-");
  }

  /**
   * Grammar: Authorization = algorithm SP param *("," param); param = OWS key "=" value OWS.
   * Credential, SignedHeaders and Signature are required; other keys are ignored.
   */
  private static Claim fromHeader(String authorization, AuthHeaders headers) throws SigV4Exception {
    if (authorization.length() > MAX_AUTHORIZATION_CHARS) {
      throw new SigV4Exception(
          LIMIT_EXCEEDED,
          "The Authorization header is longer than " + MAX_AUTHORIZATION_CHARS + " characters.");
    }
    String auth = authorization.strip();
    int space = firstBlank(auth);
    String algorithm = space < 0 ? auth : auth.substring(0, space);
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    int start = space < 0 ? auth.length() : space + 1;
    while (start < auth.length()) {
      int comma = auth.indexOf(',', start);
      int end = comma < 0 ? auth.length() : comma;
      int from = skipBlanks(auth, start, end);
      int to = trimBlanks(auth, from, end);
      start = end + 1;
      if (from == to) {
        continue;
      }
      int eq = auth.indexOf('=', from);
      if (eq < 0 || eq >= to) {
        throw new SigV4Exception(
            INCOMPLETE_SIGNATURE,
            "'"
                + auth.substring(from, to)
                + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                + authorization
                + "'.");
      }
      int keyEnd = trimBlanks(auth, from, eq);
      int valueFrom = skipBlanks(auth, eq + 1, to);
      if (isKey(auth, from, keyEnd, "Credential")) {
        credential = once(credential, auth.substring(valueFrom, to), "Credential", authorization);
      } else if (isKey(auth, from, keyEnd, "SignedHeaders")) {
        signedHeaders =
            once(signedHeaders, auth.substring(valueFrom, to), "SignedHeaders", authorization);
      } else if (isKey(auth, from, keyEnd, "Signature")) {
        signature = once(signature, auth.substring(valueFrom, to), "Signature", authorization);
      }
      // Other parameters are ignored, as AWS does.
    }
    String amzDate = headers.amzDate;
    String date = amzDate == null ? headers.date : null;

    StringBuilder missing = new StringBuilder();
    requireParam(missing, credential, "Credential");
    requireParam(missing, signature, "Signature");
    requireParam(missing, signedHeaders, "SignedHeaders");
    if (amzDate == null && date == null) {
      missing.append(
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
    }
    if (!missing.isEmpty()) {
      throw new SigV4Exception(
          INCOMPLETE_SIGNATURE, missing.append("Authorization=").append(authorization).toString());
    }

    Instant signedAt;
    if (amzDate != null) {
      signedAt = Canonical.parseAmzDate(amzDate);
      if (signedAt == null) {
        throw badDate(amzDate);
      }
    } else {
      try {
        signedAt = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw badDate(date);
      }
      amzDate = Canonical.amzDate(signedAt);
      signedAt = Instant.ofEpochSecond(signedAt.getEpochSecond());
    }
    return new Claim(
        false,
        algorithm,
        credential,
        signedHeaders,
        signature,
        amzDate,
        signedAt,
        -1,
        headers.securityToken,
        headers.contentSha256);
  }

  private static String once(String previous, String value, String key, String authorization)
      throws SigV4Exception {
    if (previous != null) {
      throw new SigV4Exception(
          INCOMPLETE_SIGNATURE,
          "Authorization header has more than one '"
              + key
              + "' parameter. Authorization="
              + authorization);
    }
    return value;
  }

  private static void requireParam(StringBuilder missing, String value, String name) {
    if (value == null || value.isEmpty()) {
      missing.append("Authorization header requires '").append(name).append("' parameter. ");
    }
  }

  /** The presigned form: every {@code X-Amz-*} parameter at most once. */
  private static Claim fromQuery(List<QueryParam> query, AuthHeaders headers)
      throws SigV4Exception {
    String algorithm = queryValue(query, "X-Amz-Algorithm");
    String credential = queryValue(query, "X-Amz-Credential");
    String signature = queryValue(query, "X-Amz-Signature");
    String signedHeaders = queryValue(query, "X-Amz-SignedHeaders");
    String amzDate = queryValue(query, "X-Amz-Date");
    String expires = queryValue(query, "X-Amz-Expires");

    StringBuilder missing = new StringBuilder();
    requireQueryParam(missing, algorithm, "X-Amz-Algorithm");
    requireQueryParam(missing, credential, "X-Amz-Credential");
    requireQueryParam(missing, signature, "X-Amz-Signature");
    requireQueryParam(missing, signedHeaders, "X-Amz-SignedHeaders");
    requireQueryParam(missing, amzDate, "X-Amz-Date");
    requireQueryParam(missing, expires, "X-Amz-Expires");
    if (!missing.isEmpty()) {
      throw new SigV4Exception(
          INCOMPLETE_SIGNATURE,
          missing.append("Re-examine the query-string parameters.").toString());
    }
    Instant signedAt = Canonical.parseAmzDate(amzDate);
    if (signedAt == null) {
      throw badDate(amzDate);
    }
    return new Claim(
        true,
        algorithm,
        credential,
        signedHeaders,
        signature,
        amzDate,
        signedAt,
        parseExpires(expires),
        queryValue(query, "X-Amz-Security-Token"),
        queryValue(query, "X-Amz-Content-Sha256") != null
            ? queryValue(query, "X-Amz-Content-Sha256")
            : headers.contentSha256);
  }

  private static void requireQueryParam(StringBuilder missing, String value, String name) {
    if (value == null || value.isEmpty()) {
      missing.append("AWS query-string parameters must include '").append(name).append("'. ");
    }
  }

  /** Grammar: 1*7DIGIT, 1 to 604800. */
  private static long parseExpires(String value) throws SigV4Exception {
    String digits = value.startsWith("-") ? value.substring(1) : value;
    if (digits.isEmpty() || digits.length() > 7 || !digits.chars().allMatch(Character::isDigit)) {
      throw new SigV4Exception(INCOMPLETE_SIGNATURE, "X-Amz-Expires should be a number");
    }
    long seconds = Long.parseLong(digits);
    if (value.startsWith("-")) {
      throw new SigV4Exception(INCOMPLETE_SIGNATURE, "X-Amz-Expires must be non-negative");
    }
    if (seconds == 0) {
      throw new SigV4Exception(INCOMPLETE_SIGNATURE, "X-Amz-Expires must be greater than 0");
    }
    if (seconds > MAX_EXPIRES_SECONDS) {
      throw new SigV4Exception(
          INCOMPLETE_SIGNATURE,
          "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires"
              + " must be less than 604800 seconds");
    }
    return seconds;
  }

  private static SigV4Exception badDate(String value) {
    return new SigV4Exception(
        INCOMPLETE_SIGNATURE,
        "Date must be in ISO-8601 'basic format'. Got '"
            + value
            + "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }

  private List<String> signedHeaders(String raw) throws SigV4Exception {
    ParsedSignedHeaders last = lastSignedHeaders;
    if (last != null && last.raw().equals(raw)) {
      return last.names();
    }
    List<String> names = parseSignedHeaders(raw);
    lastSignedHeaders = new ParsedSignedHeaders(raw, names);
    return names;
  }

  /** Grammar: SignedHeaders = name *(";" name), names lower case, each once. */
  private static List<String> parseSignedHeaders(String value) throws SigV4Exception {
    List<String> names = new ArrayList<>(8);
    int start = 0;
    while (start <= value.length()) {
      int semi = value.indexOf(';', start);
      int end = semi < 0 ? value.length() : semi;
      String name = value.substring(start, end);
      if (!isLowerCaseHeaderName(name) || names.contains(name)) {
        throw new SigV4Exception(
            INCOMPLETE_SIGNATURE,
            "SignedHeaders must list distinct lower-case header names separated by ';', got '"
                + value
                + "'.");
      }
      names.add(name);
      if (names.size() > MAX_SIGNED_HEADERS) {
        throw new SigV4Exception(
            LIMIT_EXCEEDED, "More than " + MAX_SIGNED_HEADERS + " signed headers.");
      }
      start = end + 1;
    }
    return List.copyOf(names);
  }

  private static boolean isLowerCaseHeaderName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z' || !HttpRequestParts.isTokenChar(c)) {
        return false;
      }
    }
    return true;
  }

  /** 64 lower-case hex digits, or the signature cannot match. */
  private static byte[] parseSignature(String value) throws SigV4Exception {
    if (value.length() != 64) {
      throw SigV4Exception.signatureMismatch();
    }
    byte[] bytes = new byte[32];
    for (int i = 0; i < 32; i++) {
      int high = lowerHex(value.charAt(2 * i));
      int low = lowerHex(value.charAt(2 * i + 1));
      if ((high | low) < 0) {
        throw SigV4Exception.signatureMismatch();
      }
      bytes[i] = (byte) (high << 4 | low);
    }
    return bytes;
  }

  private static int lowerHex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  // ---- checks -------------------------------------------------------------------------------

  private static void checkLimits(HttpRequestParts request) throws SigV4Exception {
    if (request.rawPath().length() > MAX_PATH_CHARS) {
      throw new SigV4Exception(
          LIMIT_EXCEEDED, "The request path is longer than " + MAX_PATH_CHARS + " characters.");
    }
    String rawQuery = request.rawQuery();
    if (rawQuery != null) {
      if (rawQuery.length() > MAX_QUERY_CHARS) {
        throw new SigV4Exception(
            LIMIT_EXCEEDED, "The query string is longer than " + MAX_QUERY_CHARS + " characters.");
      }
      int params = 1;
      for (int i = 0; i < rawQuery.length(); i++) {
        if (rawQuery.charAt(i) == '&') {
          params++;
        }
      }
      if (params > MAX_QUERY_PARAMS) {
        throw new SigV4Exception(
            LIMIT_EXCEEDED, "The query string has more than " + MAX_QUERY_PARAMS + " parameters.");
      }
    }
    List<Header> headers = request.headers();
    if (headers.size() > MAX_HEADERS) {
      throw new SigV4Exception(
          LIMIT_EXCEEDED, "The request has more than " + MAX_HEADERS + " headers.");
    }
    long chars = 0;
    for (Header header : headers) {
      chars += header.name().length() + header.value().length();
    }
    if (chars > MAX_HEADER_CHARS) {
      throw new SigV4Exception(
          LIMIT_EXCEEDED,
          "The request headers are longer than " + MAX_HEADER_CHARS + " characters.");
    }
  }

  private void checkTime(Claim claim, Instant now) throws SigV4Exception {
    Instant signedAt = claim.signedAt();
    Instant latest = now.plus(skew);
    if (signedAt.isAfter(latest)) {
      throw new SigV4Exception(
          SIGNATURE_NOT_YET_CURRENT,
          "Signature not yet current: "
              + claim.amzDate()
              + " is still later than "
              + Canonical.amzDate(latest)
              + " ("
              + Canonical.amzDate(now)
              + " + "
              + skewText
              + ".)");
    }
    if (claim.presigned()) {
      if (now.isAfter(signedAt.plusSeconds(claim.expiresSeconds()))) {
        throw new SigV4Exception(REQUEST_EXPIRED, "Request has expired.");
      }
      return;
    }
    Instant earliest = now.minus(skew);
    if (signedAt.isBefore(earliest)) {
      throw new SigV4Exception(
          SIGNATURE_EXPIRED,
          "Signature expired: "
              + claim.amzDate()
              + " is now earlier than "
              + Canonical.amzDate(earliest)
              + " ("
              + Canonical.amzDate(now)
              + " - "
              + skewText
              + ".)");
    }
  }

  /** All scope faults in one message, in AWS's order: region, service, terminator, date. */
  private void checkScope(String[] scope, String amzDate) throws SigV4Exception {
    String region = scope[2];
    boolean regionOk = isRegion(region) && regions.test(region);
    boolean serviceOk = scope[3].equals(service);
    boolean terminatorOk = scope[4].equals(Canonical.TERMINATOR);
    boolean dateOk = scope[1].length() == 8 && amzDate.startsWith(scope[1]);
    if (regionOk && serviceOk && terminatorOk && dateOk) {
      return;
    }
    StringBuilder faults = new StringBuilder(256);
    if (!regionOk) {
      faults.append("Credential should be scoped to a valid region, not '").append(region);
      faults.append("'. ");
    }
    if (!serviceOk) {
      faults.append("Credential should be scoped to correct service: '").append(service);
      faults.append("'. ");
    }
    if (!terminatorOk) {
      faults.append("Credential should be scoped with a valid terminator: 'aws4_request', not '");
      faults.append(scope[4]).append("'. ");
    }
    if (!dateOk) {
      faults
          .append(
              "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
                  + " HTTP: '")
          .append(scope[1])
          .append("' != '")
          .append(amzDate, 0, 8)
          .append("', from '")
          .append(amzDate)
          .append("'.");
    }
    throw new SigV4Exception(SCOPE_MISMATCH, faults.toString());
  }

  /**
   * The payload hash to sign: {@code x-amz-content-sha256} (or the presigned {@code
   * X-Amz-Content-Sha256}) when given, checked against the body; otherwise the body's SHA-256, or
   * {@code UNSIGNED-PAYLOAD} for presigned S3 requests. A declared hash that is not the body's (or
   * an {@code UNSIGNED-PAYLOAD} this verifier refuses) is S3's {@code XAmzContentSHA256Mismatch}
   * for S3, and for every other service simply a signature that does not match: those services hash
   * the body themselves.
   */
  private String payloadHash(Claim claim, HttpRequestParts request) throws SigV4Exception {
    String declared = claim.declaredPayloadHash();
    if (declared == null) {
      if (claim.presigned() && s3) {
        declared = Canonical.UNSIGNED_PAYLOAD;
      } else {
        return Crypto.sha256Hex(request.bodyBytes());
      }
    }
    if (declared.equals(Canonical.UNSIGNED_PAYLOAD)) {
      if (!allowUnsignedPayload) {
        throw payloadHashRefused("x-amz-content-sha256 must be a valid sha256 value.");
      }
      return declared;
    }
    if (declared.length() != 64 || !declared.chars().allMatch(c -> Canonical.isHex((byte) c))) {
      throw payloadHashRefused(
          allowUnsignedPayload
              ? "x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a valid sha256 value."
              : "x-amz-content-sha256 must be a valid sha256 value.");
    }
    if (!declared.equalsIgnoreCase(Crypto.sha256Hex(request.bodyBytes()))) {
      throw payloadHashRefused(
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    return declared;
  }

  private static boolean presignedWithoutPayloadHash(Claim claim, HttpRequestParts request) {
    return claim.presigned()
        && claim.declaredPayloadHash() == null
        && request.header("x-amz-content-sha256").isEmpty()
        && request.bodyBytes().length == 0;
  }

  private SigV4Exception payloadHashRefused(String s3Message) {
    return s3
        ? new SigV4Exception(PAYLOAD_HASH_MISMATCH, s3Message)
        : SigV4Exception.signatureMismatch();
  }

  private Resolved<P> resolve(String accessKeyId, String sessionToken) throws SigV4Exception {
    Resolved<P> resolved;
    try {
      resolved = resolver.resolve(accessKeyId, Optional.ofNullable(sessionToken));
    } catch (SigV4Exception e) {
      throw e;
    } catch (RuntimeException e) {
      throw SigV4Exception.internalFailure(e);
    }
    if (resolved == null) {
      throw SigV4Exception.internalFailure(
          new IllegalStateException("the resolver returned null for " + accessKeyId));
    }
    return resolved;
  }

  private static String canonicalQuery(
      List<QueryParam> query, boolean presigned, boolean withoutToken) {
    if (!presigned) {
      return Canonical.query(query);
    }
    List<QueryParam> signed = new ArrayList<>(query.size());
    for (QueryParam param : query) {
      if (!param.name().equals("X-Amz-Signature")
          && !(withoutToken && param.name().equals("X-Amz-Security-Token"))) {
        signed.add(param);
      }
    }
    return Canonical.query(signed);
  }

  private static boolean matches(
      Mac mac,
      byte[] provided,
      HttpRequestParts request,
      String canonicalPath,
      String canonicalQuery,
      List<String> signedHeaders,
      String payloadHash,
      String amzDate,
      String credentialScope) {
    CanonicalOut.Hashed canonicalRequest = new CanonicalOut.Hashed();
    SigV4Signer.writeCanonicalRequest(
        request.method(),
        canonicalPath,
        canonicalQuery,
        request.headers(),
        signedHeaders,
        payloadHash,
        canonicalRequest);
    String stringToSign =
        SigV4Signer.stringToSign(amzDate, credentialScope, canonicalRequest.sha256());
    byte[] expected = mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(expected, provided);
  }

  // ---- small helpers ------------------------------------------------------------------------

  /** The headers SigV4 reads, found in one pass over the request; each may appear at most once. */
  private static final class AuthHeaders {
    String authorization;
    String amzDate;
    String date;
    String securityToken;
    String contentSha256;

    static AuthHeaders of(HttpRequestParts request) throws SigV4Exception {
      AuthHeaders found = new AuthHeaders();
      for (Header header : request.headers()) {
        String name = header.name();
        String value = header.value();
        switch (name.length()) {
          case 4 -> {
            if (name.equalsIgnoreCase("date")) {
              found.date = once(found.date, value, "date");
            }
          }
          case 10 -> {
            if (name.equalsIgnoreCase("x-amz-date")) {
              found.amzDate = once(found.amzDate, value, "x-amz-date");
            }
          }
          case 13 -> {
            if (name.equalsIgnoreCase("authorization")) {
              found.authorization = once(found.authorization, value, "authorization");
            }
          }
          case 20 -> {
            if (name.equalsIgnoreCase("x-amz-security-token")) {
              found.securityToken = once(found.securityToken, value, "x-amz-security-token");
            } else if (name.equalsIgnoreCase("x-amz-content-sha256")) {
              found.contentSha256 = once(found.contentSha256, value, "x-amz-content-sha256");
            }
          }
          default -> {
            // Not one SigV4 reads.
          }
        }
      }
      return found;
    }

    private static String once(String previous, String value, String name) throws SigV4Exception {
      if (previous != null) {
        throw new SigV4Exception(
            INCOMPLETE_SIGNATURE, "The request has more than one '" + name + "' header.");
      }
      return value;
    }
  }

  private static boolean hasHeader(HttpRequestParts request, String lowerName) {
    for (Header header : request.headers()) {
      if (header.name().length() == lowerName.length()
          && header.name().equalsIgnoreCase(lowerName)) {
        return true;
      }
    }
    return false;
  }

  private static QueryParam find(List<QueryParam> query, String name) {
    for (QueryParam param : query) {
      if (param.name().equals(name)) {
        return param;
      }
    }
    return null;
  }

  /** The parameter's only value, null when absent; more than one is malformed. */
  private static String queryValue(List<QueryParam> query, String name) throws SigV4Exception {
    String found = null;
    for (QueryParam param : query) {
      if (param.name().equals(name)) {
        if (found != null) {
          throw new SigV4Exception(
              INCOMPLETE_SIGNATURE,
              "AWS query-string parameter '" + name + "' appears more than once.");
        }
        found = param.value();
      }
    }
    return found;
  }

  /** keyid/date/region/service/term, or null when not exactly five parts. */
  private static String[] splitCredential(String credential) {
    String[] parts = new String[5];
    int start = 0;
    for (int i = 0; i < 4; i++) {
      int slash = credential.indexOf('/', start);
      if (slash < 0) {
        return null;
      }
      parts[i] = credential.substring(start, slash);
      start = slash + 1;
    }
    if (credential.indexOf('/', start) >= 0) {
      return null;
    }
    parts[4] = credential.substring(start);
    return parts;
  }

  private static boolean isKey(String s, int from, int to, String key) {
    return to - from == key.length() && s.startsWith(key, from);
  }

  private static int skipBlanks(String s, int from, int to) {
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    return from;
  }

  private static int trimBlanks(String s, int from, int to) {
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return to;
  }

  private static int firstBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
        return i;
      }
    }
    return -1;
  }

  /** Region shape: a lower-case letter, then up to 31 lower-case letters, digits and dashes. */
  private static boolean isRegion(String region) {
    if (region.isEmpty() || region.length() > 32) {
      return false;
    }
    if (region.charAt(0) < 'a' || region.charAt(0) > 'z' || region.endsWith("-")) {
      return false;
    }
    for (int i = 0; i < region.length(); i++) {
      char c = region.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAccessKeyId(String id) {
    if (id.isEmpty() || id.length() > 128) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isScopeToken(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == '/' || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
