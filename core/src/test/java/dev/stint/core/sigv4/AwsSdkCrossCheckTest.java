package dev.stint.core.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.stint.core.sigv4.HttpRequestParts.Header;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Requests signed by the AWS SDK for Java v2's own signer ({@code AwsV4HttpSigner}, fixed clock)
 * must pass our verifier, and fail it once tampered with.
 */
class AwsSdkCrossCheckTest {

  private static final Instant NOW = Instant.parse("2026-03-14T15:09:26Z");
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE/+=token";
  private static final String BODY = "Action=GetCallerIdentity&Version=2011-06-15";

  private static final AwsCredentialsIdentity SESSION =
      AwsSessionCredentialsIdentity.create("ASIAQEXAMPLE0000TEMP", SECRET, TOKEN);
  private static final AwsCredentialsIdentity LONG_TERM =
      AwsCredentialsIdentity.create("AKIAQEXAMPLE0000USER", SECRET);

  @Test
  void stsPostWithSessionTokenVerifies() throws Exception {
    HttpRequestParts signed = signedStsPost(SESSION);

    SigV4Verifier.Verified<String> verified = verifier("sts").verify(signed);

    assertThat(verified.principal()).isEqualTo("session ASIAQEXAMPLE0000TEMP");
    assertThat(verified.credentialScope()).isEqualTo("20260314/us-east-1/sts/aws4_request");
    assertThat(verified.signedAt()).isEqualTo(NOW);
    assertThat(verified.presigned()).isFalse();
    assertThat(verified.signedHeaders()).contains("host", "x-amz-date", "x-amz-security-token");
  }

  @Test
  void stsPostWithLongTermKeyVerifies() throws Exception {
    SigV4Verifier.Verified<String> verified = verifier("sts").verify(signedStsPost(LONG_TERM));

    assertThat(verified.principal()).isEqualTo("user AKIAQEXAMPLE0000USER");
  }

  @Test
  void presignedStsGetVerifies() throws Exception {
    HttpRequestParts signed = signedPresignedGet(SESSION);

    SigV4Verifier.Verified<String> verified = verifier("sts").verify(signed);

    assertThat(verified.presigned()).isTrue();
    assertThat(verified.principal()).isEqualTo("session ASIAQEXAMPLE0000TEMP");
  }

  @Test
  void s3PutWithPathKeptAsSentVerifies() throws Exception {
    HttpRequestParts signed =
        sign(
            SdkHttpMethod.PUT,
            "https://bucket.s3.us-west-2.amazonaws.com/a//b/../c%20d",
            "hello, world",
            "s3",
            "us-west-2",
            LONG_TERM,
            false);

    SigV4Verifier.Verified<String> verified = verifier("s3").verify(signed);

    assertThat(verified.region()).isEqualTo("us-west-2");
    assertThat(signed.rawPath()).isEqualTo("/a//b/../c%20d");
  }

  @Test
  void tamperedBodyHeaderOrQueryIsRejected() {
    HttpRequestParts post = signedStsPost(SESSION);
    byte[] body = post.body();
    body[0] = 'a';
    assertMismatch(post.withBody(body));

    List<Header> headers = new ArrayList<>();
    for (Header header : post.headers()) {
      headers.add(
          header.name().equalsIgnoreCase("host")
              ? new Header(header.name(), "sts.us-east-1.amazonaws.com")
              : header);
    }
    assertMismatch(post.withHeaders(headers));

    HttpRequestParts get = signedPresignedGet(SESSION);
    assertMismatch(get.withRawQuery(get.rawQuery().replace("Version=2011", "Version=2012")));
  }

  private static void assertMismatch(HttpRequestParts tampered) {
    assertThatExceptionOfType(SigV4Exception.class)
        .isThrownBy(() -> verifier("sts").verify(tampered))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(SigV4Exception.Reason.SIGNATURE_MISMATCH);
              assertThat(e.getMessage()).isEqualTo(SigV4Exception.SIGNATURE_MISMATCH_MESSAGE);
            });
  }

  private static HttpRequestParts signedStsPost(AwsCredentialsIdentity identity) {
    return sign(
        SdkHttpMethod.POST,
        "https://sts.amazonaws.com/",
        BODY,
        "sts",
        "us-east-1",
        identity,
        false);
  }

  private static HttpRequestParts signedPresignedGet(AwsCredentialsIdentity identity) {
    return sign(
        SdkHttpMethod.GET,
        "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
        null,
        "sts",
        "us-east-1",
        identity,
        true);
  }

  private static HttpRequestParts sign(
      SdkHttpMethod method,
      String url,
      String body,
      String service,
      String region,
      AwsCredentialsIdentity identity,
      boolean presign) {
    SdkHttpRequest.Builder http = SdkHttpRequest.builder().method(method).uri(URI.create(url));
    if (body != null) {
      http.putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    }
    boolean s3 = service.equals("s3");
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r -> {
                  r.identity(identity)
                      .request(http.build())
                      .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                      .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                      .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, !s3)
                      .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, !s3)
                      .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
                  if (body != null) {
                    r.payload(ContentStreamProvider.fromUtf8String(body));
                  }
                  if (presign) {
                    r.putProperty(
                            AwsV4FamilyHttpSigner.AUTH_LOCATION,
                            AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(
                            AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(15));
                  }
                });
    SdkHttpRequest request = signed.request();
    URI uri = request.getUri();
    List<Header> headers = new ArrayList<>();
    boolean hasHost = false;
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      hasHost |= header.getKey().equalsIgnoreCase("host");
      for (String value : header.getValue()) {
        headers.add(new Header(header.getKey(), value));
      }
    }
    if (!hasHost) {
      headers.add(0, new Header("Host", uri.getHost()));
    }
    return new HttpRequestParts(
        request.method().name(),
        uri.getRawPath(),
        uri.getRawQuery(),
        headers,
        signed.payload().map(AwsSdkCrossCheckTest::readAll).orElse(null));
  }

  private static byte[] readAll(ContentStreamProvider provider) {
    try (InputStream in = provider.newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static SigV4Verifier<String> verifier(String service) {
    return SigV4Verifier.<String>builder(
            service,
            (accessKeyId, token) -> {
              if (accessKeyId.equals(LONG_TERM.accessKeyId()) && token.isEmpty()) {
                return SigV4Verifier.Resolved.of(SECRET, "user " + accessKeyId);
              }
              if (accessKeyId.equals(SESSION.accessKeyId()) && token.equals(Optional.of(TOKEN))) {
                return SigV4Verifier.Resolved.of(SECRET, "session " + accessKeyId);
              }
              throw SigV4Exception.invalidToken();
            })
        .clock(Clock.fixed(NOW.plusSeconds(42), ZoneOffset.UTC))
        .build();
  }
}
