package dev.stint.core.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.sigv4.HttpRequestParts.Header;
import dev.stint.core.sigv4.SigV4Exception.Reason;
import dev.stint.core.sigv4.SigV4Signer.Options;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;

/**
 * Every way {@link SigV4Verifier} refuses a request, with AWS's code, status and exact message, and
 * the edges of what it accepts. Requests here are signed by {@link SigV4Signer}; the answers
 * themselves are checked against outside signers in the vector and cross-check tests.
 */
class SigV4VerifierTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String TOKEN = "session-token-for-ASIA";
  private static final Credentials USER = Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET);
  private static final Credentials SESSION =
      new Credentials("ASIAIOSFODNN7EXAMPLE", SECRET, TOKEN, null);
  private static final String BODY = "Action=GetCallerIdentity&Version=2011-06-15";

  /** Counts resolver calls: a check that fails before it must not have reached it. */
  private final AtomicInteger resolved = new AtomicInteger();

  private final SigV4Verifier.Resolver<String> resolver =
      (accessKeyId, token) -> {
        resolved.incrementAndGet();
        return switch (accessKeyId) {
          case "AKIAIOSFODNN7EXAMPLE" -> SigV4Verifier.Resolved.of(SECRET, "user");
          case "ASIAIOSFODNN7EXAMPLE" -> {
            if (!token.equals(Optional.of(TOKEN))) {
              throw SigV4Exception.invalidToken();
            }
            yield SigV4Verifier.Resolved.of(SECRET, "session");
          }
          case "ASIAEXPIREDEXAMPLE00" -> throw SigV4Exception.expiredToken();
          case "AKIABROKENRESOLVER00" -> throw new IllegalStateException("database down");
          default -> throw SigV4Exception.invalidToken();
        };
      };

  private SigV4Verifier.Builder<String> sts() {
    return SigV4Verifier.builder("sts", resolver)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .regions(Set.of("us-east-1", "eu-west-1"));
  }

  private static HttpRequestParts stsPost() {
    return new HttpRequestParts(
        "POST",
        "/",
        null,
        List.of(
            new Header("Host", "sts.amazonaws.com"),
            new Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")),
        BODY.getBytes(StandardCharsets.UTF_8));
  }

  private static HttpRequestParts stsGet() {
    return new HttpRequestParts(
        "GET",
        "/",
        "Action=GetCallerIdentity&Version=2011-06-15",
        List.of(new Header("Host", "sts.amazonaws.com")),
        null);
  }

  private static HttpRequestParts signed(Credentials credentials, Instant at) {
    return SigV4Signer.sign(stsPost(), credentials, Options.of("us-east-1", "sts", at)).request();
  }

  private static HttpRequestParts presigned(Credentials credentials, Instant at, Duration expires) {
    return SigV4Signer.presign(stsGet(), credentials, Options.of("us-east-1", "sts", at), expires)
        .request();
  }

  private ThrowableAssertAlternative<SigV4Exception> rejects(
      SigV4Verifier<String> verifier, HttpRequestParts request, Reason reason, String message) {
    return assertThatExceptionOfType(SigV4Exception.class)
        .isThrownBy(() -> verifier.verify(request))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  private static HttpRequestParts withHeader(
      HttpRequestParts request, String name, UnaryOperator<String> change) {
    List<Header> headers = new ArrayList<>();
    for (Header header : request.headers()) {
      if (header.name().equalsIgnoreCase(name)) {
        String value = change.apply(header.value());
        if (value != null) {
          headers.add(new Header(header.name(), value));
        }
      } else {
        headers.add(header);
      }
    }
    return request.withHeaders(headers);
  }

  private static HttpRequestParts withAuthorization(HttpRequestParts request, String value) {
    return withHeader(request, "Authorization", v -> value);
  }

  private static String authorizationOf(HttpRequestParts request) {
    return request.header("Authorization").orElseThrow();
  }

  // ---- accepted ------------------------------------------------------------------------------

  @Test
  void acceptsASignedRequestAndSaysWhoSignedIt() throws Exception {
    SigV4Verifier.Verified<String> verified = sts().build().verify(signed(SESSION, NOW));

    assertThat(verified)
        .isEqualTo(
            new SigV4Verifier.Verified<>(
                "session",
                "ASIAIOSFODNN7EXAMPLE",
                "20260101/us-east-1/sts/aws4_request",
                "us-east-1",
                NOW,
                false,
                List.of("content-type", "host", "x-amz-date", "x-amz-security-token")));
    assertThat(resolved).hasValue(1);
  }

  @Test
  void sessionTokenMayBeSignedOrAddedAfterSigning() throws Exception {
    HttpRequestParts after =
        SigV4Signer.sign(
                stsPost(), SESSION, Options.of("us-east-1", "sts", NOW).withOmitSessionToken(true))
            .request();

    SigV4Verifier.Verified<String> verified = sts().build().verify(after);

    assertThat(after.header("X-Amz-Security-Token")).contains(TOKEN);
    assertThat(verified.principal()).isEqualTo("session");
    assertThat(verified.signedHeaders()).containsExactly("content-type", "host", "x-amz-date");
  }

  @Test
  void presignedSessionTokenMayBeSignedOrAddedAfterSigning() throws Exception {
    HttpRequestParts signedToken = presigned(SESSION, NOW, Duration.ofMinutes(15));
    HttpRequestParts tokenAfter =
        SigV4Signer.presign(
                stsGet(),
                SESSION,
                Options.of("us-east-1", "sts", NOW).withOmitSessionToken(true),
                Duration.ofMinutes(15))
            .request();

    assertThat(sts().build().verify(signedToken).principal()).isEqualTo("session");
    assertThat(sts().build().verify(tokenAfter).principal()).isEqualTo("session");
    assertThat(tokenAfter.rawQuery()).endsWith("&X-Amz-Security-Token=" + TOKEN);
  }

  @Test
  void aRemovedSessionTokenIsRefused() {
    HttpRequestParts signedToken =
        withHeader(signed(SESSION, NOW), "X-Amz-Security-Token", v -> null);
    HttpRequestParts tokenAfter =
        withHeader(
            SigV4Signer.sign(
                    stsPost(),
                    SESSION,
                    Options.of("us-east-1", "sts", NOW).withOmitSessionToken(true))
                .request(),
            "X-Amz-Security-Token",
            v -> null);

    rejects(
        sts().build(),
        signedToken,
        Reason.SIGNATURE_MISMATCH,
        SigV4Exception.SIGNATURE_MISMATCH_MESSAGE);
    rejects(
        sts().build(),
        tokenAfter,
        Reason.INVALID_TOKEN,
        "The security token included in the request is invalid.");
  }

  // ---- missing or malformed authentication -----------------------------------------------------

  @Test
  void noAuthenticationAtAll() {
    rejects(
        sts().build(),
        stsPost(),
        Reason.MISSING_AUTHENTICATION,
        "Request is missing Authentication Token");
    assertThat(Reason.MISSING_AUTHENTICATION.code()).isEqualTo("MissingAuthenticationToken");
    assertThat(Reason.MISSING_AUTHENTICATION.httpStatus()).isEqualTo(403);
    assertThat(resolved).hasValue(0);
  }

  @Test
  void anAuthorizationHeaderOfAnotherSchemeIsNoAuthentication() {
    rejects(
        sts().build(),
        withAuthorization(signed(USER, NOW), "Bearer abc"),
        Reason.MISSING_AUTHENTICATION,
        "Request is missing Authentication Token");
  }

  @Test
  void everyMissingAuthorizationPartIsListed() {
    HttpRequestParts request = withAuthorization(signed(USER, NOW), "AWS4-HMAC-SHA256");

    rejects(
        sts().build(),
        request,
        Reason.INCOMPLETE_SIGNATURE,
        "Authorization header requires 'Credential' parameter. Authorization header requires"
            + " 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter."
            + " Authorization=AWS4-HMAC-SHA256");
    assertThat(Reason.INCOMPLETE_SIGNATURE.code()).isEqualTo("IncompleteSignature");
    assertThat(Reason.INCOMPLETE_SIGNATURE.httpStatus()).isEqualTo(400);
  }

  @Test
  void aMissingDateIsListedWithTheMissingParts() {
    HttpRequestParts request =
        withHeader(
            withAuthorization(
                signed(USER, NOW),
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/sts/aws4_request"),
            "X-Amz-Date",
            v -> null);

    rejects(
        sts().build(),
        request,
        Reason.INCOMPLETE_SIGNATURE,
        "Authorization header requires 'Signature' parameter. Authorization header requires"
            + " 'SignedHeaders' parameter. Authorization header requires existence of either a"
            + " 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256"
            + " Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/sts/aws4_request");
  }

  @Test
  void aParameterWithoutEqualSign() {
    String authorization = "AWS4-HMAC-SHA256 Credential, SignedHeaders=host, Signature=abc";

    rejects(
        sts().build(),
        withAuthorization(signed(USER, NOW), authorization),
        Reason.INCOMPLETE_SIGNATURE,
        "'Credential' not a valid key=value pair (missing equal-sign) in Authorization header:"
            + " 'AWS4-HMAC-SHA256 Credential, SignedHeaders=host, Signature=abc'.");
  }

  @Test
  void aParameterGivenTwice() {
    String authorization = authorizationOf(signed(USER, NOW)) + ", Signature=00";

    rejects(
        sts().build(),
        withAuthorization(signed(USER, NOW), authorization),
        Reason.INCOMPLETE_SIGNATURE,
        "Authorization header has more than one 'Signature' parameter. Authorization="
            + authorization);
  }

  @Test
  void twoAuthorizationHeaders() {
    HttpRequestParts request = signed(USER, NOW);
    List<Header> headers = new ArrayList<>(request.headers());
    headers.add(new Header("authorization", authorizationOf(request)));

    rejects(
        sts().build(),
        request.withHeaders(headers),
        Reason.INCOMPLETE_SIGNATURE,
        "The request has more than one 'authorization' header.");
  }

  @Test
  void headerAndQueryAuthenticationTogether() {
    HttpRequestParts request = signed(USER, NOW).withRawQuery("X-Amz-Algorithm=AWS4-HMAC-SHA256");

    rejects(
        sts().build(),
        request,
        Reason.CONFLICTING_AUTHENTICATION,
        "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP"
            + " header.");
    assertThat(Reason.CONFLICTING_AUTHENTICATION.code()).isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void aDateNotInIsoBasicFormat() {
    rejects(
        sts().build(),
        withHeader(signed(USER, NOW), "X-Amz-Date", v -> "2026-01-01T00:10:00Z"),
        Reason.INCOMPLETE_SIGNATURE,
        "Date must be in ISO-8601 'basic format'. Got '2026-01-01T00:10:00Z'. See"
            + " http://en.wikipedia.org/wiki/ISO_8601");
    rejects(
        sts().build(),
        withHeader(signed(USER, NOW), "X-Amz-Date", v -> "20260230T001000Z"),
        Reason.INCOMPLETE_SIGNATURE,
        "Date must be in ISO-8601 'basic format'. Got '20260230T001000Z'. See"
            + " http://en.wikipedia.org/wiki/ISO_8601");
  }

  @Test
  void hostMustBeSigned() {
    String authorization =
        authorizationOf(signed(USER, NOW))
            .replace("SignedHeaders=content-type;host;x-amz-date", "SignedHeaders=x-amz-date");

    rejects(
        sts().build(),
        withAuthorization(signed(USER, NOW), authorization),
        Reason.HOST_NOT_SIGNED,
        "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    assertThat(Reason.HOST_NOT_SIGNED.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(Reason.HOST_NOT_SIGNED.httpStatus()).isEqualTo(403);
  }

  @Test
  void signedHeadersMustBeLowerCaseAndDistinct() {
    String original = authorizationOf(signed(USER, NOW));
    for (String list : List.of("content-type;Host;x-amz-date", "host;host", "host;;x-amz-date")) {
      String authorization =
          original.replace("SignedHeaders=content-type;host;x-amz-date", "SignedHeaders=" + list);
      rejects(
          sts().build(),
          withAuthorization(signed(USER, NOW), authorization),
          Reason.INCOMPLETE_SIGNATURE,
          "SignedHeaders must list distinct lower-case header names separated by ';', got '"
              + list
              + "'.");
    }
  }

  @Test
  void aRememberedSignedHeadersListNeverStandsInForAnotherOne() throws Exception {
    SigV4Verifier<String> verifier = sts().build();
    HttpRequestParts good = signed(USER, NOW);
    String authorization =
        authorizationOf(good)
            .replace("SignedHeaders=content-type;host;x-amz-date", "SignedHeaders=host;host");

    assertThat(verifier.verify(good).signedHeaders())
        .containsExactly("content-type", "host", "x-amz-date");
    rejects(
        verifier,
        withAuthorization(good, authorization),
        Reason.INCOMPLETE_SIGNATURE,
        "SignedHeaders must list distinct lower-case header names separated by ';', got"
            + " 'host;host'.");
    assertThat(verifier.verify(signed(SESSION, NOW)).signedHeaders())
        .containsExactly("content-type", "host", "x-amz-date", "x-amz-security-token");
    assertThat(verifier.verify(good).signedHeaders())
        .containsExactly("content-type", "host", "x-amz-date");
  }

  @Test
  void onlyHmacSha256() {
    String authorization =
        authorizationOf(signed(USER, NOW)).replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512");

    rejects(
        sts().build(),
        withAuthorization(signed(USER, NOW), authorization),
        Reason.INCOMPLETE_SIGNATURE,
        "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ");
  }

  @Test
  void aCredentialOfOtherThanFiveParts() {
    String authorization =
        authorizationOf(signed(USER, NOW)).replace("/us-east-1/sts/", "/us-east-1/");

    rejects(
        sts().build(),
        withAuthorization(signed(USER, NOW), authorization),
        Reason.INCOMPLETE_SIGNATURE,
        "Credential must have exactly 5 slash-delimited elements, e.g."
            + " keyid/date/region/service/term, got"
            + " 'AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/aws4_request'");
  }

  // ---- credential scope --------------------------------------------------------------------

  @Test
  void aRegionNotAllowed() {
    HttpRequestParts request =
        SigV4Signer.sign(stsPost(), USER, Options.of("ap-south-2", "sts", NOW)).request();

    rejects(
        sts().build(),
        request,
        Reason.SCOPE_MISMATCH,
        "Credential should be scoped to a valid region, not 'ap-south-2'. ");
    assertThat(Reason.SCOPE_MISMATCH.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(Reason.SCOPE_MISMATCH.httpStatus()).isEqualTo(403);
  }

  @Test
  void aRegionOfTheWrongShapeEvenWhenAnyRegionIsAllowed() {
    HttpRequestParts request =
        SigV4Signer.sign(stsPost(), USER, Options.of("US_EAST_1", "sts", NOW)).request();

    rejects(
        SigV4Verifier.builder("sts", resolver).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build(),
        request,
        Reason.SCOPE_MISMATCH,
        "Credential should be scoped to a valid region, not 'US_EAST_1'. ");
  }

  @Test
  void anotherService() {
    HttpRequestParts request =
        SigV4Signer.sign(stsPost(), USER, Options.of("us-east-1", "iam", NOW)).request();

    rejects(
        sts().build(),
        request,
        Reason.SCOPE_MISMATCH,
        "Credential should be scoped to correct service: 'sts'. ");
  }

  @Test
  void everyScopeFaultInOneMessage() {
    String authorization =
        authorizationOf(signed(USER, NOW))
            .replace(
                "Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/sts/aws4_request",
                "Credential=AKIAIOSFODNN7EXAMPLE/20251231/mars-1/iam/aws5_request");

    rejects(
            sts().build(),
            withAuthorization(signed(USER, NOW), authorization),
            Reason.SCOPE_MISMATCH,
            "Credential should be scoped to a valid region, not 'mars-1'. Credential should be"
                + " scoped to correct service: 'sts'. Credential should be scoped with a valid"
                + " terminator: 'aws4_request', not 'aws5_request'. Date in Credential scope does"
                + " not match YYYYMMDD from ISO-8601 version of date from HTTP: '20251231' !="
                + " '20260101', from '20260101T001000Z'.")
        .satisfies(e -> assertThat(e.accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE"));
    assertThat(resolved).hasValue(0);
  }

  @Test
  void aScopeDateOtherThanTheRequestDate() {
    String authorization = authorizationOf(signed(USER, NOW)).replace("/20260101/", "/20260102/");

    rejects(
        sts().build(),
        withAuthorization(signed(USER, NOW), authorization),
        Reason.SCOPE_MISMATCH,
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
            + " HTTP: '20260102' != '20260101', from '20260101T001000Z'.");
  }

  // ---- time ---------------------------------------------------------------------------------

  @Test
  void fiveMinutesOfSkewEitherWayIsAccepted() throws Exception {
    SigV4Verifier<String> verifier = sts().build();

    assertThat(verifier.verify(signed(USER, NOW.minusSeconds(300))).signedAt())
        .isEqualTo(NOW.minusSeconds(300));
    assertThat(verifier.verify(signed(USER, NOW.plusSeconds(300))).signedAt())
        .isEqualTo(NOW.plusSeconds(300));
  }

  @Test
  void oneSecondPastFiveMinutesOldHasExpired() {
    rejects(
        sts().build(),
        signed(USER, NOW.minusSeconds(301)),
        Reason.SIGNATURE_EXPIRED,
        "Signature expired: 20260101T000459Z is now earlier than 20260101T000500Z"
            + " (20260101T001000Z - 5 min.)");
    assertThat(Reason.SIGNATURE_EXPIRED.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(Reason.SIGNATURE_EXPIRED.httpStatus()).isEqualTo(403);
    assertThat(resolved).hasValue(0);
  }

  @Test
  void oneSecondPastFiveMinutesAheadIsNotYetCurrent() {
    rejects(
        sts().build(),
        signed(USER, NOW.plusSeconds(301)),
        Reason.SIGNATURE_NOT_YET_CURRENT,
        "Signature not yet current: 20260101T001501Z is still later than 20260101T001500Z"
            + " (20260101T001000Z + 5 min.)");
  }

  @Test
  void aFifteenMinuteSkewWhenConfigured() throws Exception {
    SigV4Verifier<String> verifier = sts().skew(Duration.ofMinutes(15)).build();

    assertThat(verifier.verify(signed(USER, NOW.minusSeconds(900))).principal()).isEqualTo("user");
    assertThat(verifier.verify(signed(USER, NOW.plusSeconds(900))).principal()).isEqualTo("user");
    rejects(
        verifier,
        signed(USER, NOW.minusSeconds(901)),
        Reason.SIGNATURE_EXPIRED,
        "Signature expired: 20251231T235459Z is now earlier than 20251231T235500Z"
            + " (20260101T001000Z - 15 min.)");
  }

  @Test
  void theClockIsReadToTheSecondButComparedExactly() {
    SigV4Verifier<String> verifier =
        sts().clock(Clock.fixed(NOW.plusMillis(500), ZoneOffset.UTC)).build();

    rejects(
        verifier,
        signed(USER, NOW.minusSeconds(300)),
        Reason.SIGNATURE_EXPIRED,
        "Signature expired: 20260101T000500Z is now earlier than 20260101T000500Z"
            + " (20260101T001000Z - 5 min.)");
  }

  @Test
  void skewIsAtMostFifteenMinutesInWholeSeconds() {
    SigV4Verifier.Builder<String> builder = SigV4Verifier.builder("sts", resolver);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.skew(Duration.ofMinutes(15).plusSeconds(1)))
        .withMessage("skew must be 0 to 15 minutes in whole seconds, not PT15M1S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.skew(Duration.ofSeconds(-1)))
        .withMessage("skew must be 0 to 15 minutes in whole seconds, not PT-1S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.skew(Duration.ofMillis(1500)))
        .withMessage("skew must be 0 to 15 minutes in whole seconds, not PT1.5S");
  }

  // ---- presigned ----------------------------------------------------------------------------

  @Test
  void aPresignedRequestLivesExactlyItsExpiry() throws Exception {
    HttpRequestParts request = presigned(USER, NOW.minusSeconds(900), Duration.ofSeconds(900));

    SigV4Verifier.Verified<String> verified = sts().build().verify(request);

    assertThat(verified.presigned()).isTrue();
    assertThat(verified.signedAt()).isEqualTo(NOW.minusSeconds(900));
    assertThat(verified.signedHeaders()).containsExactly("host");
  }

  @Test
  void aPresignedRequestPastItsExpiry() {
    HttpRequestParts request = presigned(USER, NOW.minusSeconds(901), Duration.ofSeconds(900));

    rejects(sts().build(), request, Reason.REQUEST_EXPIRED, "Request has expired.");
    assertThat(Reason.REQUEST_EXPIRED.code()).isEqualTo("RequestExpired");
    assertThat(Reason.REQUEST_EXPIRED.httpStatus()).isEqualTo(400);
    assertThat(resolved).hasValue(0);
  }

  @Test
  void aPresignedRequestOutlivesTheSkewWindowButNotItsExpiry() throws Exception {
    HttpRequestParts request = presigned(USER, NOW.minusSeconds(3600), Duration.ofDays(7));

    assertThat(sts().build().verify(request).principal()).isEqualTo("user");
  }

  @Test
  void aPresignedRequestFromTheFuture() {
    HttpRequestParts request = presigned(USER, NOW.plusSeconds(301), Duration.ofSeconds(900));

    rejects(
        sts().build(),
        request,
        Reason.SIGNATURE_NOT_YET_CURRENT,
        "Signature not yet current: 20260101T001501Z is still later than 20260101T001500Z"
            + " (20260101T001000Z + 5 min.)");
  }

  @Test
  void everyMissingPresignedParameterIsListed() {
    HttpRequestParts request = stsGet().withRawQuery("Action=GetCallerIdentity&X-Amz-Algorithm=");

    rejects(
        sts().build(),
        request,
        Reason.INCOMPLETE_SIGNATURE,
        "AWS query-string parameters must include 'X-Amz-Algorithm'. AWS query-string parameters"
            + " must include 'X-Amz-Credential'. AWS query-string parameters must include"
            + " 'X-Amz-Signature'. AWS query-string parameters must include"
            + " 'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'."
            + " AWS query-string parameters must include 'X-Amz-Expires'. Re-examine the"
            + " query-string parameters.");
  }

  @Test
  void xAmzExpiresMustBeOneSecondToOneWeek() {
    HttpRequestParts request = presigned(USER, NOW, Duration.ofSeconds(900));
    String query = request.rawQuery();

    rejects(
        sts().build(),
        request.withRawQuery(query.replace("X-Amz-Expires=900", "X-Amz-Expires=604801")),
        Reason.INCOMPLETE_SIGNATURE,
        "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires"
            + " must be less than 604800 seconds");
    rejects(
        sts().build(),
        request.withRawQuery(query.replace("X-Amz-Expires=900", "X-Amz-Expires=-5")),
        Reason.INCOMPLETE_SIGNATURE,
        "X-Amz-Expires must be non-negative");
    rejects(
        sts().build(),
        request.withRawQuery(query.replace("X-Amz-Expires=900", "X-Amz-Expires=0")),
        Reason.INCOMPLETE_SIGNATURE,
        "X-Amz-Expires must be greater than 0");
    rejects(
        sts().build(),
        request.withRawQuery(query.replace("X-Amz-Expires=900", "X-Amz-Expires=15m")),
        Reason.INCOMPLETE_SIGNATURE,
        "X-Amz-Expires should be a number");
  }

  @Test
  void aPresignedParameterGivenTwice() {
    HttpRequestParts request = presigned(USER, NOW, Duration.ofSeconds(900));

    rejects(
        sts().build(),
        request.withRawQuery(request.rawQuery() + "&X-Amz-Date=20260101T001000Z"),
        Reason.INCOMPLETE_SIGNATURE,
        "AWS query-string parameter 'X-Amz-Date' appears more than once.");
  }

  // ---- keys and signatures -----------------------------------------------------------------

  @Test
  void anAccessKeyIdThatCannotBeOneIsRefusedWithoutAskingTheResolver() {
    String authorization =
        authorizationOf(signed(USER, NOW)).replace("AKIAIOSFODNN7EXAMPLE/", "AKIA-NOT+AN-ID/");

    rejects(
        sts().build(),
        withAuthorization(signed(USER, NOW), authorization),
        Reason.INVALID_TOKEN,
        "The security token included in the request is invalid.");
    assertThat(resolved).hasValue(0);
  }

  @Test
  void anUnknownAccessKeyId() {
    HttpRequestParts request = signed(Credentials.of("AKIAUNKNOWNEXAMPLE00", SECRET), NOW);

    rejects(
            sts().build(),
            request,
            Reason.INVALID_TOKEN,
            "The security token included in the request is invalid.")
        .satisfies(e -> assertThat(e.accessKeyId()).contains("AKIAUNKNOWNEXAMPLE00"));
    assertThat(Reason.INVALID_TOKEN.code()).isEqualTo("InvalidClientTokenId");
    assertThat(Reason.INVALID_TOKEN.httpStatus()).isEqualTo(403);
  }

  @Test
  void anExpiredTokenAsTheResolverSays() {
    HttpRequestParts request =
        signed(new Credentials("ASIAEXPIREDEXAMPLE00", SECRET, "old", null), NOW);

    rejects(
        sts().build(),
        request,
        Reason.EXPIRED_TOKEN,
        "The security token included in the request is expired");
    assertThat(Reason.EXPIRED_TOKEN.code()).isEqualTo("ExpiredToken");
    assertThat(Reason.EXPIRED_TOKEN.httpStatus()).isEqualTo(403);
  }

  @Test
  void aResolverThatFailsIsOurFaultAndKeepsItsCause() {
    HttpRequestParts request = signed(Credentials.of("AKIABROKENRESOLVER00", SECRET), NOW);

    rejects(
            sts().build(),
            request,
            Reason.INTERNAL_FAILURE,
            "The request processing has failed because of an unknown error, exception or"
                + " failure.")
        .satisfies(
            e -> {
              assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
              assertThat(e.getCause()).hasMessage("database down");
              assertThat(e.getStackTrace()).isNotEmpty();
              assertThat(e.accessKeyId()).contains("AKIABROKENRESOLVER00");
            });
    assertThat(Reason.INTERNAL_FAILURE.code()).isEqualTo("InternalFailure");
    assertThat(Reason.INTERNAL_FAILURE.httpStatus()).isEqualTo(500);
  }

  @Test
  void aResolverReturningNullIsOurFault() {
    SigV4Verifier<String> verifier =
        SigV4Verifier.<String>builder("sts", (id, token) -> null)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    rejects(
            verifier,
            signed(USER, NOW),
            Reason.INTERNAL_FAILURE,
            "The request processing has failed because of an unknown error, exception or"
                + " failure.")
        .satisfies(
            e ->
                assertThat(e.getCause())
                    .hasMessage("the resolver returned null for AKIAIOSFODNN7EXAMPLE"));
  }

  @Test
  void anyOtherFailureInsideTheVerifierIsOneInternalFailure() {
    Clock broken =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            throw new IllegalStateException("clock broken");
          }
        };

    rejects(
            sts().clock(broken).build(),
            signed(USER, NOW),
            Reason.INTERNAL_FAILURE,
            "The request processing has failed because of an unknown error, exception or"
                + " failure.")
        .satisfies(e -> assertThat(e.getCause()).hasMessage("clock broken"));
  }

  @Test
  void theWrongSecret() {
    HttpRequestParts request =
        signed(Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET.replace('w', 'W')), NOW);

    rejects(
        sts().build(),
        request,
        Reason.SIGNATURE_MISMATCH,
        "The request signature we calculated does not match the signature you provided. Check"
            + " your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.");
    assertThat(Reason.SIGNATURE_MISMATCH.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(Reason.SIGNATURE_MISMATCH.httpStatus()).isEqualTo(403);
  }

  @Test
  void aSignatureThatIsNotSixtyFourLowerCaseHexDigitsIsRefusedBeforeTheResolver() {
    String authorization = authorizationOf(signed(USER, NOW));
    String signature = authorization.substring(authorization.indexOf("Signature=") + 10);
    for (String bad :
        List.of(signature.toUpperCase(java.util.Locale.ROOT), signature + "0", "zz")) {
      rejects(
          sts().build(),
          withAuthorization(signed(USER, NOW), authorization.replace(signature, bad)),
          Reason.SIGNATURE_MISMATCH,
          SigV4Exception.SIGNATURE_MISMATCH_MESSAGE);
    }
    assertThat(resolved).hasValue(0);
  }

  @Test
  void aSignedHeaderMissingFromTheRequestIsRefusedBeforeTheResolver() {
    rejects(
        sts().build(),
        withHeader(signed(USER, NOW), "Content-Type", v -> null),
        Reason.SIGNATURE_MISMATCH,
        SigV4Exception.SIGNATURE_MISMATCH_MESSAGE);
    assertThat(resolved).hasValue(0);
  }

  @Test
  void anUnsignedHeaderMayChange() throws Exception {
    HttpRequestParts request = signed(USER, NOW);
    List<Header> headers = new ArrayList<>(request.headers());
    headers.add(new Header("User-Agent", "anything/1.0"));

    assertThat(sts().build().verify(request.withHeaders(headers)).principal()).isEqualTo("user");
  }

  // ---- payload ------------------------------------------------------------------------------

  @Test
  void unsignedPayloadOnlyWhereAllowed() throws Exception {
    HttpRequestParts request =
        SigV4Signer.sign(
                stsPost(),
                USER,
                Options.of("us-east-1", "sts", NOW)
                    .withUnsignedPayload(true)
                    .withContentSha256Header(true))
            .request();
    HttpRequestParts otherBody = request.withBody("Action=DeleteEverything".getBytes());

    assertThat(request.header("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");
    assertThat(sts().allowUnsignedPayload(true).build().verify(otherBody).principal())
        .isEqualTo("user");
    rejects(
        sts().build(),
        request,
        Reason.SIGNATURE_MISMATCH,
        SigV4Exception.SIGNATURE_MISMATCH_MESSAGE);
    assertThat(resolved).hasValue(1);
  }

  @Test
  void aPayloadHashHeaderMustBeTheBodysHash() throws Exception {
    HttpRequestParts request =
        SigV4Signer.sign(
                stsPost(), USER, Options.of("us-east-1", "sts", NOW).withContentSha256Header(true))
            .request();

    assertThat(sts().build().verify(request).signedHeaders())
        .containsExactly("content-type", "host", "x-amz-content-sha256", "x-amz-date");
    rejects(
        sts().build(),
        request.withBody("Action=GetCallerIdentity&Version=2011-06-16".getBytes()),
        Reason.SIGNATURE_MISMATCH,
        SigV4Exception.SIGNATURE_MISMATCH_MESSAGE);
    assertThat(resolved).hasValue(1);
  }

  @Test
  void s3NamesPayloadHashFaultsItsOwnWay() {
    SigV4Verifier<String> s3 =
        SigV4Verifier.builder("s3", resolver).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    HttpRequestParts request =
        SigV4Signer.sign(
                stsPost(), USER, Options.of("us-east-1", "s3", NOW).withUnsignedPayload(false))
            .request();

    rejects(
        s3,
        request.withBody(new byte[] {1}),
        Reason.PAYLOAD_HASH_MISMATCH,
        "The provided 'x-amz-content-sha256' header does not match what was computed.");
    rejects(
        s3,
        withHeader(request, "x-amz-content-sha256", v -> "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
        Reason.PAYLOAD_HASH_MISMATCH,
        "x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a valid sha256 value.");
    assertThat(Reason.PAYLOAD_HASH_MISMATCH.code()).isEqualTo("XAmzContentSHA256Mismatch");
    assertThat(Reason.PAYLOAD_HASH_MISMATCH.httpStatus()).isEqualTo(400);
  }

  // ---- paths --------------------------------------------------------------------------------

  @Test
  void s3PathsAreKeptAsSentAndEncodedOnce() throws Exception {
    HttpRequestParts put =
        new HttpRequestParts(
            "PUT",
            "/a//b/../c%20d+e",
            null,
            List.of(new Header("Host", "bucket.s3.amazonaws.com")),
            "data".getBytes());
    SigV4Signer.Signed signed = SigV4Signer.sign(put, USER, Options.of("us-east-1", "s3", NOW));
    SigV4Verifier<String> s3 =
        SigV4Verifier.builder("s3", resolver).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    assertThat(signed.canonicalRequest().split("\n")[1]).isEqualTo("/a//b/../c%20d%2Be");
    assertThat(s3.verify(signed.request()).region()).isEqualTo("us-east-1");
    rejects(
        s3,
        new HttpRequestParts(
            "PUT", "/a/c%20d+e", null, signed.request().headers(), "data".getBytes()),
        Reason.SIGNATURE_MISMATCH,
        SigV4Exception.SIGNATURE_MISMATCH_MESSAGE);
  }

  @Test
  void otherServicesNormaliseAndEncodeAgain() throws Exception {
    HttpRequestParts get =
        HttpRequestParts.of(
            "GET", "/a//b/../c%20d", List.of(new Header("Host", "sts.amazonaws.com")));
    SigV4Signer.Signed signed = SigV4Signer.sign(get, USER, Options.of("us-east-1", "sts", NOW));

    assertThat(signed.canonicalRequest().split("\n")[1]).isEqualTo("/a/c%2520d");
    assertThat(sts().build().verify(signed.request()).principal()).isEqualTo("user");
    assertThat(
            sts()
                .build()
                .verify(HttpRequestParts.of("GET", "/a/./c%20d", signed.request().headers()))
                .principal())
        .isEqualTo("user");
    rejects(
        sts().normalizePath(false).build(),
        signed.request(),
        Reason.SIGNATURE_MISMATCH,
        SigV4Exception.SIGNATURE_MISMATCH_MESSAGE);
  }

  // ---- signing-key cache --------------------------------------------------------------------

  @Test
  void aCachedSigningKeyGivesTheSameAnswer() throws Exception {
    SigV4Verifier<String> cached = sts().build();
    SigV4Verifier<String> uncached = sts().signingKeyCacheSize(0).build();
    HttpRequestParts request = signed(SESSION, NOW);

    SigV4Verifier.Verified<String> first = cached.verify(request);
    SigV4Verifier.Verified<String> second = cached.verify(request);
    SigV4Verifier.Verified<String> third = uncached.verify(request);

    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
    assertThat(cached.signingKeyCache().misses()).isEqualTo(1);
    assertThat(cached.signingKeyCache().hits()).isEqualTo(1);
    assertThat(cached.cachedSigningKeys()).isEqualTo(1);
    assertThat(uncached.cachedSigningKeys()).isZero();
    rejects(
        cached,
        signed(Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET + "x"), NOW),
        Reason.SIGNATURE_MISMATCH,
        SigV4Exception.SIGNATURE_MISMATCH_MESSAGE);
  }

  @Test
  void theCacheKeepsTheMostRecentlyUsedKeys() throws Exception {
    SigV4Verifier<String> verifier = sts().signingKeyCacheSize(2).build();

    verifier.verify(signed(USER, NOW));
    verifier.verify(
        SigV4Signer.sign(stsPost(), USER, Options.of("eu-west-1", "sts", NOW)).request());
    verifier.verify(signed(USER, NOW));
    verifier.verify(signed(USER, Instant.parse("2026-01-01T00:05:00Z")));

    assertThat(verifier.cachedSigningKeys()).isEqualTo(2);
    assertThat(verifier.signingKeyCache().hits()).isEqualTo(2);
    assertThat(verifier.signingKeyCache().misses()).isEqualTo(2);
  }

  // ---- limits -------------------------------------------------------------------------------

  @Test
  void tooManyHeadersAreRefusedUnread() {
    HttpRequestParts request = signed(USER, NOW);
    List<Header> headers = new ArrayList<>(request.headers());
    while (headers.size() <= SigV4Verifier.MAX_HEADERS) {
      headers.add(new Header("X-Filler", "x"));
    }

    rejects(
        sts().build(),
        request.withHeaders(headers),
        Reason.LIMIT_EXCEEDED,
        "The request has more than 256 headers.");
    assertThat(Reason.LIMIT_EXCEEDED.code()).isEqualTo("IncompleteSignature");
  }

  @Test
  void oversizedPartsAreRefusedUnread() {
    HttpRequestParts request = signed(USER, NOW);

    rejects(
        sts().build(),
        request.withRawQuery("a=" + "x".repeat(SigV4Verifier.MAX_QUERY_CHARS)),
        Reason.LIMIT_EXCEEDED,
        "The query string is longer than 32768 characters.");
    rejects(
        sts().build(),
        request.withRawQuery("a&".repeat(SigV4Verifier.MAX_QUERY_PARAMS)),
        Reason.LIMIT_EXCEEDED,
        "The query string has more than 512 parameters.");
    rejects(
        sts().build(),
        HttpRequestParts.of(
            "GET", "/" + "p".repeat(SigV4Verifier.MAX_PATH_CHARS), request.headers()),
        Reason.LIMIT_EXCEEDED,
        "The request path is longer than 16384 characters.");
    rejects(
        sts().build(),
        withHeader(request, "Content-Type", v -> "x".repeat(SigV4Verifier.MAX_HEADER_CHARS)),
        Reason.LIMIT_EXCEEDED,
        "The request headers are longer than 131072 characters.");
    rejects(
        sts().build(),
        withAuthorization(
            request,
            authorizationOf(request) + ", X=" + "y".repeat(SigV4Verifier.MAX_AUTHORIZATION_CHARS)),
        Reason.LIMIT_EXCEEDED,
        "The Authorization header is longer than 8192 characters.");
    assertThat(resolved).hasValue(0);
  }

  // ---- builder ------------------------------------------------------------------------------

  @Test
  void theBuilderRefusesNonsense() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SigV4Verifier.builder("s t s", resolver))
        .withMessage("not a service signing name: s t s");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SigV4Verifier.builder("sts", resolver).signingKeyCacheSize(-1))
        .withMessage("cache size is negative: -1");
  }

  @Test
  void resolvedHidesAndCopiesItsSecret() {
    byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
    SigV4Verifier.Resolved<String> resolvedKey = new SigV4Verifier.Resolved<>(secret, "user");
    secret[0] = 'X';
    resolvedKey.secret()[1] = 'Y';

    assertThat(resolvedKey.secret()).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
    assertThat(resolvedKey).hasToString("Resolved[secret=<redacted>, principal=user]");
    assertThat(resolvedKey).isEqualTo(SigV4Verifier.Resolved.of(SECRET, "user"));
    assertThat(resolvedKey).isNotEqualTo(SigV4Verifier.Resolved.of(SECRET + "x", "user"));
  }

  @Test
  void presignedUrlsSignedWithUnsignedPayloadVerifyOnlyWithoutABody() throws Exception {
    Options unsigned = Options.of("us-east-1", "sts", NOW).withUnsignedPayload(true);
    for (Credentials credentials : List.of(USER, SESSION)) {
      HttpRequestParts url =
          SigV4Signer.presign(stsGet(), credentials, unsigned, Duration.ofSeconds(60)).request();
      assertThat(url.rawQuery()).doesNotContain("X-Amz-Content-Sha256");
      assertThat(sts().build().verify(url).principal())
          .isEqualTo(credentials == USER ? "user" : "session");

      HttpRequestParts withBody =
          new HttpRequestParts(
              "GET",
              url.rawPath(),
              url.rawQuery(),
              url.headers(),
              "Action=AssumeRole".getBytes(StandardCharsets.UTF_8));
      rejects(
          sts().build(),
          withBody,
          Reason.SIGNATURE_MISMATCH,
          "The request signature we calculated does not match the signature you provided. Check"
              + " your AWS Secret Access Key and signing method. Consult the service documentation"
              + " for details.");
    }
  }
}
