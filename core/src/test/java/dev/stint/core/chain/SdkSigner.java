package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS SDK for Java v2's SigV4 signer, a signer nobody here wrote: the fake STS checks every
 * signature the chain sends against it.
 */
final class SdkSigner {

  private SdkSigner() {}

  /**
   * The Authorization header the SDK's classic {@code Aws4Signer} computes for this request (the
   * newer signer always signs an {@code x-amz-content-sha256} header, which STS clients do not
   * send).
   */
  @SuppressWarnings("deprecation")
  static String authorization(
      String method,
      URI uri,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      Credentials credentials,
      String region,
      String service,
      Instant time) {
    SdkHttpFullRequest.Builder request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.fromValue(method))
            .uri(uri)
            .contentStreamProvider(() -> new java.io.ByteArrayInputStream(body));
    for (Map.Entry<String, String> header : headers) {
      if (!header.getKey().equalsIgnoreCase("host")) {
        request.appendHeader(header.getKey(), header.getValue());
      }
    }
    software.amazon.awssdk.auth.credentials.AwsCredentials identity =
        credentials.sessionToken() == null
            ? AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())
            : AwsSessionCredentials.create(
                credentials.accessKeyId(),
                credentials.secretAccessKey(),
                credentials.sessionToken());
    Aws4SignerParams params =
        Aws4SignerParams.builder()
            .awsCredentials(identity)
            .signingName(service)
            .signingRegion(Region.of(region))
            .signingClockOverride(Clock.fixed(time, ZoneOffset.UTC))
            .build();
    SdkHttpFullRequest signed = Aws4Signer.create().sign(request.build(), params);
    return signed.firstMatchingHeader("Authorization").orElseThrow();
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
        if (request.header(name) == null) {
          return "signed header " + name + " was not sent: " + authorization;
        }
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
