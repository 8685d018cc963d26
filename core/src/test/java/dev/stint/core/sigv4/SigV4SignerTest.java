package dev.stint.core.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.sigv4.HttpRequestParts.Header;
import dev.stint.core.sigv4.SigV4Signer.Options;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link SigV4Signer} adds to a request, and what it refuses to sign. */
class SigV4SignerTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final Credentials USER = Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET);
  private static final Credentials SESSION =
      new Credentials("ASIAIOSFODNN7EXAMPLE", SECRET, "the-token", null);

  private static HttpRequestParts get() {
    return HttpRequestParts.of(
        "GET",
        "/",
        List.of(new Header("Host", "sts.amazonaws.com"), new Header("User-Agent", "test/1")));
  }

  @Test
  void theHeaderFormAddsDateTokenAndAuthorization() {
    SigV4Signer.Signed signed =
        SigV4Signer.sign(get(), SESSION, Options.of("us-east-1", "sts", NOW));

    assertThat(signed.request().headers())
        .extracting(Header::name)
        .containsExactly(
            "Host", "User-Agent", "X-Amz-Date", "X-Amz-Security-Token", "Authorization");
    assertThat(signed.request().header("X-Amz-Date")).contains("20260101T001000Z");
    assertThat(signed.request().header("X-Amz-Security-Token")).contains("the-token");
    assertThat(signed.request().header("Authorization"))
        .contains(
            "AWS4-HMAC-SHA256 Credential=ASIAIOSFODNN7EXAMPLE/20260101/us-east-1/sts/aws4_request,"
                + " SignedHeaders=host;x-amz-date;x-amz-security-token, Signature="
                + signed.signature());
    assertThat(signed.canonicalRequest())
        .isEqualTo(
            """
            GET
            /

            host:sts.amazonaws.com
            x-amz-date:20260101T001000Z
            x-amz-security-token:the-token

            host;x-amz-date;x-amz-security-token
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
    assertThat(signed.signature()).matches("[0-9a-f]{64}");
  }

  @Test
  void aTokenAddedAfterSigningIsNotSigned() {
    SigV4Signer.Signed signed =
        SigV4Signer.sign(
            get(), SESSION, Options.of("us-east-1", "sts", NOW).withOmitSessionToken(true));

    assertThat(signed.request().headers())
        .extracting(Header::name)
        .containsExactly(
            "Host", "User-Agent", "X-Amz-Date", "Authorization", "X-Amz-Security-Token");
    assertThat(signed.request().header("Authorization").orElseThrow())
        .contains("SignedHeaders=host;x-amz-date,");
    assertThat(signed.canonicalRequest()).doesNotContain("the-token");
  }

  @Test
  void signingAgainReplacesTheEarlierSignature() {
    SigV4Signer.Signed first =
        SigV4Signer.sign(get(), SESSION, Options.of("us-east-1", "sts", NOW));
    SigV4Signer.Signed again =
        SigV4Signer.sign(
            first.request(), SESSION, Options.of("us-east-1", "sts", NOW.plusSeconds(1)));

    assertThat(again.request().headerValues("Authorization")).hasSize(1);
    assertThat(again.request().headerValues("X-Amz-Date")).containsExactly("20260101T001001Z");
    assertThat(again.request().headerValues("X-Amz-Security-Token")).containsExactly("the-token");
  }

  @Test
  void unsignedPayloadAndThePayloadHashHeader() {
    SigV4Signer.Signed signed =
        SigV4Signer.sign(
            get().withBody("body".getBytes()),
            USER,
            Options.of("us-east-1", "execute-api", NOW)
                .withUnsignedPayload(true)
                .withContentSha256Header(true));

    assertThat(signed.request().header("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");
    assertThat(signed.canonicalRequest()).endsWith("\nUNSIGNED-PAYLOAD");
  }

  @Test
  void optionsFollowTheServicesRules() {
    assertThat(Options.of("us-east-1", "s3", NOW))
        .isEqualTo(new Options("us-east-1", "s3", NOW, false, false, true, true, false));
    assertThat(Options.of("us-east-1", "sts", NOW))
        .isEqualTo(new Options("us-east-1", "sts", NOW, true, true, false, false, false));
    assertThat(Options.of("us-east-1", "sts", NOW.plusMillis(999)).time()).isEqualTo(NOW);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Options.of("us east", "sts", NOW))
        .withMessage("region is not a credential scope part: us east");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Options.of("us-east-1", "", NOW))
        .withMessage("service is empty");
  }

  @Test
  void presigningAppendsTheParametersAndTheSignatureLast() {
    SigV4Signer.Signed signed =
        SigV4Signer.presign(
            get().withRawQuery("Action=GetCallerIdentity&Version=2011-06-15"),
            SESSION,
            Options.of("us-east-1", "sts", NOW),
            Duration.ofMinutes(15));

    assertThat(signed.request().rawQuery())
        .isEqualTo(
            "Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=ASIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fsts%2Faws4_request"
                + "&X-Amz-Date=20260101T001000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host"
                + "&X-Amz-Security-Token=the-token&X-Amz-Signature="
                + signed.signature());
    assertThat(signed.request().header("Authorization")).isEmpty();
  }

  @Test
  void presignRefusesAnExpiryOutsideOneSecondToSevenDays() {
    for (Duration expires :
        List.of(Duration.ZERO, Duration.ofDays(7).plusSeconds(1), Duration.ofMillis(1500))) {
      assertThatIllegalArgumentException()
          .isThrownBy(
              () -> SigV4Signer.presign(get(), USER, Options.of("us-east-1", "sts", NOW), expires))
          .withMessage(
              "a presigned request expires after 1 to 604800 whole seconds, not " + expires);
    }
  }

  @Test
  void presignRefusesAQueryThatIsAlreadyPresigned() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                SigV4Signer.presign(
                    get().withRawQuery("X-Amz-Signature=00"),
                    USER,
                    Options.of("us-east-1", "sts", NOW),
                    Duration.ofMinutes(1)))
        .withMessage("the query already holds X-Amz-Signature");
  }

  @Test
  void aRequestWithoutHostCannotBeSigned() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                SigV4Signer.sign(
                    HttpRequestParts.of("GET", "/", List.of()),
                    USER,
                    Options.of("us-east-1", "sts", NOW)))
        .withMessage("a request to sign needs a Host header");
  }

  @Test
  void signedPrintsNoToken() {
    SigV4Signer.Signed signed =
        SigV4Signer.sign(get(), SESSION, Options.of("us-east-1", "sts", NOW));

    assertThat(signed.toString()).doesNotContain("the-token").doesNotContain(SECRET);
    assertThat(signed.toString()).contains(signed.signature());
  }
}
