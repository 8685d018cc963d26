package dev.stint.core.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.stint.core.sigv4.HttpRequestParts.Header;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests signed by botocore itself (the image's {@code python3}: {@code SigV4Auth}, {@code
 * SigV4QueryAuth} and their S3 variants, at a fixed time) must pass our verifier, and fail it with
 * one byte changed in the body, a signed header, the path or the query. A missing python3 or
 * botocore fails the test: the comparison is the point.
 */
class BotocoreCrossCheckTest {

  private static final String SIGN =
      """
      import datetime, json, sys
      from urllib.parse import urlsplit
      import botocore.auth
      from botocore.auth import SigV4Auth, SigV4QueryAuth, S3SigV4Auth, S3SigV4QueryAuth
      from botocore.awsrequest import AWSRequest
      from botocore.credentials import Credentials

      botocore.auth.get_current_datetime = lambda: datetime.datetime(2026, 1, 1, 0, 10, 0)
      session = Credentials('ASIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'FQoGZXIvYXdzEXAMPLE//token+with/odd=chars')
      longterm = Credentials('AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')
      FORM = {'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'}
      BODY = 'Action=GetCallerIdentity&Version=2011-06-15'

      def emit(name, service, signer, method, url, data=None, headers=None):
          request = AWSRequest(method=method, url=url, data=data, headers=dict(headers or {}))
          signer.add_auth(request)
          prepared = request.prepare()
          parts = urlsplit(prepared.url)
          hdrs = [[k, v if isinstance(v, str) else v.decode()] for k, v in prepared.headers.items()]
          if not any(k.lower() == 'host' for k, _ in hdrs):
              hdrs.insert(0, ['Host', parts.netloc])
          body = prepared.body or b''
          if isinstance(body, str):
              body = body.encode()
          print(json.dumps({'name': name, 'service': service, 'method': prepared.method,
                            'path': parts.path, 'query': parts.query if parts.query else None,
                            'headers': hdrs, 'body': body.decode('utf-8')}))

      emit('sts-post-session-token', 'sts', SigV4Auth(session, 'sts', 'us-east-1'),
           'POST', 'https://sts.amazonaws.com/', BODY, FORM)
      emit('sts-post-long-term', 'sts', SigV4Auth(longterm, 'sts', 'us-east-1'),
           'POST', 'https://sts.amazonaws.com/', BODY, FORM)
      emit('sts-post-date-header', 'sts', SigV4Auth(longterm, 'sts', 'us-east-1'),
           'POST', 'https://sts.amazonaws.com/', BODY, dict(FORM, Date='Thu, 01 Jan 2026 00:00:00 GMT'))
      emit('sts-presigned-get-session-token', 'sts', SigV4QueryAuth(session, 'sts', 'us-east-1', expires=900),
           'GET', 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15')
      emit('sts-presigned-get-long-term', 'sts', SigV4QueryAuth(longterm, 'sts', 'us-east-1', expires=60),
           'GET', 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15')
      emit('execute-api-get-odd-path', 'execute-api', SigV4Auth(longterm, 'execute-api', 'eu-west-1'),
           'GET', 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/a%20b/./c//d?b=2&a=1&a=0&c=x%2By')
      emit('s3-put-odd-path', 's3', S3SigV4Auth(session, 's3', 'us-east-1'),
           'PUT', 'https://bucket.s3.amazonaws.com/a//b/../c%20d', b'hello, world', {})
      emit('s3-presigned-get', 's3', S3SigV4QueryAuth(longterm, 's3', 'us-east-1', expires=3600),
           'GET', 'https://bucket.s3.amazonaws.com/photos/k%2Bey%20one.jpg?versionId=3')
      """;

  private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String TOKEN = "FQoGZXIvYXdzEXAMPLE//token+with/odd=chars";

  private static final Map<String, HttpRequestParts> SIGNED = new LinkedHashMap<>();
  private static final Map<String, String> SERVICE = new LinkedHashMap<>();

  @BeforeAll
  static void signWithBotocore(@TempDir Path workDir) throws Exception {
    String out = runPython(SIGN, workDir);
    for (String line : out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> json = TestJson.object(line);
      List<Header> headers = new ArrayList<>();
      for (Object pair : (List<?>) json.get("headers")) {
        List<?> nameValue = (List<?>) pair;
        headers.add(new Header((String) nameValue.get(0), (String) nameValue.get(1)));
      }
      String name = (String) json.get("name");
      SIGNED.put(
          name,
          new HttpRequestParts(
              (String) json.get("method"),
              (String) json.get("path"),
              (String) json.get("query"),
              headers,
              ((String) json.get("body")).getBytes(StandardCharsets.UTF_8)));
      SERVICE.put(name, (String) json.get("service"));
    }
    assertThat(SIGNED)
        .containsOnlyKeys(
            "sts-post-session-token",
            "sts-post-long-term",
            "sts-post-date-header",
            "sts-presigned-get-session-token",
            "sts-presigned-get-long-term",
            "execute-api-get-odd-path",
            "s3-put-odd-path",
            "s3-presigned-get");
  }

  @Test
  void stsPostWithSessionTokenVerifies() throws Exception {
    SigV4Verifier.Verified<String> verified = verify("sts-post-session-token");

    assertThat(verified.principal()).isEqualTo("session ASIAIOSFODNN7EXAMPLE");
    assertThat(verified.accessKeyId()).isEqualTo("ASIAIOSFODNN7EXAMPLE");
    assertThat(verified.credentialScope()).isEqualTo("20260101/us-east-1/sts/aws4_request");
    assertThat(verified.signedAt()).isEqualTo(NOW);
    assertThat(verified.presigned()).isFalse();
    assertThat(verified.signedHeaders())
        .containsExactly("content-type", "host", "x-amz-date", "x-amz-security-token");
  }

  @Test
  void stsPostWithLongTermKeyVerifies() throws Exception {
    SigV4Verifier.Verified<String> verified = verify("sts-post-long-term");

    assertThat(verified.principal()).isEqualTo("user AKIAIOSFODNN7EXAMPLE");
    assertThat(verified.signedHeaders()).containsExactly("content-type", "host", "x-amz-date");
  }

  @Test
  void stsPostSignedWithTheDateHeaderInsteadOfXAmzDateVerifies() throws Exception {
    SigV4Verifier.Verified<String> verified = verify("sts-post-date-header");

    assertThat(verified.signedAt()).isEqualTo(NOW);
    assertThat(verified.signedHeaders()).containsExactly("content-type", "date", "host");
  }

  @Test
  void presignedStsGetVerifies() throws Exception {
    SigV4Verifier.Verified<String> session = verify("sts-presigned-get-session-token");
    SigV4Verifier.Verified<String> longTerm = verify("sts-presigned-get-long-term");

    assertThat(session.presigned()).isTrue();
    assertThat(session.principal()).isEqualTo("session ASIAIOSFODNN7EXAMPLE");
    assertThat(session.signedHeaders()).containsExactly("host");
    assertThat(longTerm.presigned()).isTrue();
    assertThat(longTerm.principal()).isEqualTo("user AKIAIOSFODNN7EXAMPLE");
  }

  @Test
  void pathIsNormalisedAndDoubleEncodedForOtherServices() throws Exception {
    SigV4Verifier.Verified<String> verified = verify("execute-api-get-odd-path");

    assertThat(verified.region()).isEqualTo("eu-west-1");
    assertThat(verified.credentialScope()).isEqualTo("20260101/eu-west-1/execute-api/aws4_request");
  }

  @Test
  void s3KeepsThePathAsSentAndSignsThePayloadHashHeader() throws Exception {
    assertThat(verify("s3-put-odd-path").signedHeaders())
        .containsExactly("host", "x-amz-content-sha256", "x-amz-date", "x-amz-security-token");
    assertThat(verify("s3-presigned-get").presigned()).isTrue();
  }

  @Test
  void oneByteChangedInTheBodyIsRejected() {
    for (String name :
        List.of("sts-post-session-token", "sts-post-long-term", "sts-post-date-header")) {
      HttpRequestParts signed = SIGNED.get(name);
      byte[] body = signed.body();
      body[7] = (byte) (body[7] ^ 0x01);
      assertMismatch(name, signed.withBody(body));
    }
  }

  @Test
  void aChangedBodyUnderAPayloadHashHeaderIsRejectedBeforeAnyHmac() {
    HttpRequestParts signed = SIGNED.get("s3-put-odd-path");
    byte[] body = signed.body();
    body[0] = 'j';

    assertThatExceptionOfType(SigV4Exception.class)
        .isThrownBy(() -> verifier("s3").verify(signed.withBody(body)))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(SigV4Exception.Reason.PAYLOAD_HASH_MISMATCH);
              assertThat(e.reason().code()).isEqualTo("XAmzContentSHA256Mismatch");
              assertThat(e.reason().httpStatus()).isEqualTo(400);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "The provided 'x-amz-content-sha256' header does not match what was"
                          + " computed.");
            });
  }

  @Test
  void oneByteChangedInASignedHeaderIsRejected() {
    assertMismatch(
        "sts-post-session-token",
        changeHeader(
            SIGNED.get("sts-post-session-token"), "Content-Type", v -> v.replace("8", "9")));
    assertMismatch(
        "sts-post-long-term",
        changeHeader(
            SIGNED.get("sts-post-long-term"), "X-Amz-Date", v -> v.replace("1000Z", "1001Z")));
    assertMismatch(
        "execute-api-get-odd-path",
        changeHeader(
            SIGNED.get("execute-api-get-odd-path"), "Host", v -> v.replace("abc123", "abc124")));
  }

  @Test
  void aChangedSessionTokenIsTheResolversToReject() {
    HttpRequestParts tampered =
        changeHeader(SIGNED.get("sts-post-session-token"), "X-Amz-Security-Token", v -> v + "A");

    assertThatExceptionOfType(SigV4Exception.class)
        .isThrownBy(() -> verifier("sts").verify(tampered))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(SigV4Exception.Reason.INVALID_TOKEN);
              assertThat(e.reason().code()).isEqualTo("InvalidClientTokenId");
              assertThat(e.getMessage())
                  .isEqualTo("The security token included in the request is invalid.");
              assertThat(e.accessKeyId()).contains("ASIAIOSFODNN7EXAMPLE");
            });
  }

  @Test
  void oneByteChangedInTheQueryIsRejected() {
    for (String name :
        List.of(
            "sts-presigned-get-session-token",
            "sts-presigned-get-long-term",
            "execute-api-get-odd-path",
            "s3-presigned-get")) {
      HttpRequestParts signed = SIGNED.get(name);
      String query = signed.rawQuery();
      int at = query.indexOf('=') + 1;
      char c = query.charAt(at);
      String changed = query.substring(0, at) + (char) (c + 1) + query.substring(at + 1);
      assertMismatch(name, signed.withRawQuery(changed));
    }
  }

  @Test
  void oneByteChangedInThePathIsRejected() {
    HttpRequestParts signed = SIGNED.get("s3-put-odd-path");
    assertMismatch(
        "s3-put-odd-path",
        new HttpRequestParts(
            signed.method(), "/a//b/../c%20e", null, signed.headers(), signed.body()));
    HttpRequestParts api = SIGNED.get("execute-api-get-odd-path");
    assertMismatch(
        "execute-api-get-odd-path",
        new HttpRequestParts(
            api.method(), "/prod/a%20b/./c/d/", api.rawQuery(), api.headers(), api.body()));
  }

  private static SigV4Verifier.Verified<String> verify(String name) throws SigV4Exception {
    return verifier(SERVICE.get(name)).verify(SIGNED.get(name));
  }

  private static void assertMismatch(String name, HttpRequestParts tampered) {
    assertThatExceptionOfType(SigV4Exception.class)
        .as(name)
        .isThrownBy(() -> verifier(SERVICE.get(name)).verify(tampered))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(SigV4Exception.Reason.SIGNATURE_MISMATCH);
              assertThat(e.reason().code()).isEqualTo("SignatureDoesNotMatch");
              assertThat(e.getMessage()).isEqualTo(SigV4Exception.SIGNATURE_MISMATCH_MESSAGE);
            });
  }

  private static HttpRequestParts changeHeader(
      HttpRequestParts request, String name, UnaryOperator<String> change) {
    List<Header> headers = new ArrayList<>();
    boolean changed = false;
    for (Header header : request.headers()) {
      if (header.name().equals(name)) {
        String value = change.apply(header.value());
        assertThat(value).isNotEqualTo(header.value());
        headers.add(new Header(name, value));
        changed = true;
      } else {
        headers.add(header);
      }
    }
    assertThat(changed).as("header %s present", name).isTrue();
    return request.withHeaders(headers);
  }

  private static SigV4Verifier<String> verifier(String service) {
    return SigV4Verifier.<String>builder(
            service,
            (accessKeyId, token) ->
                switch (accessKeyId) {
                  case "AKIAIOSFODNN7EXAMPLE" -> {
                    if (token.isPresent()) {
                      throw SigV4Exception.invalidToken();
                    }
                    yield SigV4Verifier.Resolved.of(SECRET, "user " + accessKeyId);
                  }
                  case "ASIAIOSFODNN7EXAMPLE" -> {
                    if (!token.equals(Optional.of(TOKEN))) {
                      throw SigV4Exception.invalidToken();
                    }
                    yield SigV4Verifier.Resolved.of(SECRET, "session " + accessKeyId);
                  }
                  default -> throw SigV4Exception.invalidToken();
                })
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  private static String runPython(String program, Path workDir)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("python3", "-c", program).directory(workDir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().put("HOME", workDir.toString());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError("python3 with botocore is needed for this test", e);
    }
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor())
        .as("python3 with botocore must run; stderr: %s", new String(err, StandardCharsets.UTF_8))
        .isZero();
    return new String(out, StandardCharsets.UTF_8);
  }
}
