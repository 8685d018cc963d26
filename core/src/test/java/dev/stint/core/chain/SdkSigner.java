package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The AWS SDK for Java v2's SigV4 signer, a signer nobody here wrote: the fake STS checks every
 * signature the chain sends against it.
 */
final class SdkSigner {

  private SdkSigner() {}

  /** The Authorization header the SDK computes for this request. */
  static String authorization(
      String method,
      URI uri,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      Credentials credentials,
      String region,
      String service,
      Instant time) {
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    for (Map.Entry<String, String> header : headers) {
      if (!header.getKey().equalsIgnoreCase("host")) {
        request.appendHeader(header.getKey(), header.getValue());
      }
    }
    AwsCredentialsIdentity identity =
        credentials.sessionToken() == null
            ? AwsCredentialsIdentity.create(
                credentials.accessKeyId(), credentials.secretAccessKey())
            : AwsSessionCredentialsIdentity.create(
                credentials.accessKeyId(),
                credentials.secretAccessKey(),
                credentials.sessionToken());
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(identity)
                        .request(request.build())
                        .payload(() -> new java.io.ByteArrayInputStream(body))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(time, ZoneOffset.UTC)));
    return signed.request().firstMatchingHeader("Authorization").orElseThrow();
  }

  /** A {@link RequestSigner} over the SDK's signer. */
  static RequestSigner requestSigner() {
    return (method, uri, headers, body, credentials, region, service, time) -> {
      List<Map.Entry<String, String>> added = new ArrayList<>();
      added.add(Map.entry("X-Amz-Date", amzDate(time)));
      if (credentials.sessionToken() != null) {
        added.add(Map.entry("X-Amz-Security-Token", credentials.sessionToken()));
      }
      added.add(
          Map.entry(
              "Authorization",
              authorization(method, uri, headers, body, credentials, region, service, time)));
      return added;
    };
  }

  static String amzDate(Instant time) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC)
        .format(time);
  }

  /**
   * Checks a request received by the fake STS: recomputes its signature with the SDK from the
   * headers it says it signed, and returns null when it matches or a reason when not.
   */
  static String verify(FakeAws.Received request, URI base, Credentials credentials) {
    String authorization = request.header("Authorization");
    if (authorization == null) {
      return "unsigned";
    }
    String amzDate = request.header("X-Amz-Date");
    Instant time =
        java.time.LocalDateTime.parse(
                amzDate, java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
            .toInstant(ZoneOffset.UTC);
    String scope =
        authorization.replaceAll(".*Credential=[^/]+/\\d{8}/([^/]+)/([^/]+)/.*", "$1 $2");
    String region = scope.split(" ")[0];
    String service = scope.split(" ")[1];
    String signedHeaders = authorization.replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String name : signedHeaders.split(";")) {
      if (!List.of("host", "x-amz-date", "x-amz-security-token").contains(name)) {
        headers.add(Map.entry(name, request.header(name)));
      }
    }
    String expected =
        authorization(
            request.method(),
            URI.create(
                base + request.path() + (request.query() == null ? "" : "?" + request.query())),
            headers,
            request.body(),
            credentials,
            region,
            service,
            time);
    return expected.equals(authorization) ? null : "expected " + expected + " got " + authorization;
  }
}
