package dev.stint.core.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.sigv4.HttpRequestParts.Header;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official AWS SigV4 test suite (aws-c-auth's, in the shared test data, read in place): every
 * case, in the header form and the query form, every stage (canonical request, string to sign,
 * signature), then our verifier on the suite's own signed request, as it is and with one signature
 * digit changed.
 */
class SigV4VectorTest {

  private static final Path V4 =
      Path.of(System.getProperty("stint.shared"), "testdata", "sigv4", "v4");

  /** One case directory, read. */
  record Vector(String name, Path dir, Map<String, Object> context) {

    static Vector load(Path dir) {
      return new Vector(
          dir.getFileName().toString(), dir, TestJson.object(read(dir.resolve("context.json"))));
    }

    String file(String name) {
      return read(dir.resolve(name));
    }

    @SuppressWarnings("unchecked")
    Credentials credentials() {
      Map<String, Object> c = (Map<String, Object>) context.get("credentials");
      return new Credentials(
          (String) c.get("access_key_id"),
          (String) c.get("secret_access_key"),
          (String) c.get("token"),
          null);
    }

    Instant time() {
      return Instant.parse((String) context.get("timestamp"));
    }

    boolean flag(String name) {
      return Boolean.TRUE.equals(context.get(name));
    }

    SigV4Signer.Options options() {
      return new SigV4Signer.Options(
          (String) context.get("region"),
          (String) context.get("service"),
          time(),
          flag("normalize"),
          true,
          false,
          flag("sign_body"),
          flag("omit_session_token"));
    }

    Duration expires() {
      return Duration.ofSeconds((Long) context.get("expiration_in_seconds"));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (Vector vector : vectors()) {
      cases.add(Arguments.of(vector, "header"));
      cases.add(Arguments.of(vector, "query"));
    }
    return cases.stream();
  }

  static List<Vector> vectors() throws IOException {
    try (Stream<Path> dirs = Files.list(V4)) {
      return dirs.filter(Files::isDirectory).sorted().map(Vector::load).toList();
    }
  }

  @Test
  void theSuiteIsWhereTheBuildSaysAndComplete() throws IOException {
    assertThat(vectors()).hasSize(38);
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("cases")
  void signsEveryStageAsTheSuiteDoes(Vector vector, String form) {
    HttpRequestParts request = RawHttp.parse(vector.file("request.txt"));

    SigV4Signer.Signed signed =
        form.equals("header")
            ? SigV4Signer.sign(request, vector.credentials(), vector.options())
            : SigV4Signer.presign(
                request, vector.credentials(), vector.options(), vector.expires());

    assertThat(signed.canonicalRequest()).isEqualTo(vector.file(form + "-canonical-request.txt"));
    assertThat(signed.stringToSign()).isEqualTo(vector.file(form + "-string-to-sign.txt"));
    assertThat(signed.signature()).isEqualTo(vector.file(form + "-signature.txt"));

    HttpRequestParts expected = RawHttp.parse(vector.file(form + "-signed-request.txt"));
    assertThat(signed.request().method()).isEqualTo(expected.method());
    assertThat(signed.request().rawPath()).isEqualTo(expected.rawPath());
    assertThat(headerLines(signed.request())).isEqualTo(headerLines(expected));
    assertThat(queryParams(signed.request())).isEqualTo(queryParams(expected));
    assertThat(signed.request().body()).isEqualTo(expected.body());
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("cases")
  void verifierAcceptsTheSuitesSignedRequest(Vector vector, String form) throws Exception {
    HttpRequestParts signed = RawHttp.parse(vector.file(form + "-signed-request.txt"));

    SigV4Verifier.Verified<String> verified = verifier(vector).verify(signed);

    String[] canonical = vector.file(form + "-canonical-request.txt").split("\n", -1);
    assertThat(verified.principal()).isEqualTo("principal-of-AKIDEXAMPLE");
    assertThat(verified.accessKeyId()).isEqualTo("AKIDEXAMPLE");
    assertThat(verified.credentialScope()).isEqualTo("20150830/us-east-1/service/aws4_request");
    assertThat(verified.region()).isEqualTo("us-east-1");
    assertThat(verified.signedAt()).isEqualTo(vector.time());
    assertThat(verified.presigned()).isEqualTo(form.equals("query"));
    assertThat(String.join(";", verified.signedHeaders()))
        .isEqualTo(canonical[canonical.length - 2]);
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("cases")
  void verifierRejectsTheSignedRequestWithOneSignatureDigitChanged(Vector vector, String form) {
    String text = vector.file(form + "-signed-request.txt");
    String signature = vector.file(form + "-signature.txt");
    char digit = signature.charAt(17);
    String altered =
        signature.substring(0, 17) + (digit == 'a' ? 'b' : 'a') + signature.substring(18);
    assertThat(text).contains(signature);
    HttpRequestParts tampered = RawHttp.parse(text.replace(signature, altered));

    assertThatExceptionOfType(SigV4Exception.class)
        .isThrownBy(() -> verifier(vector).verify(tampered))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(SigV4Exception.Reason.SIGNATURE_MISMATCH);
              assertThat(e.reason().code()).isEqualTo("SignatureDoesNotMatch");
              assertThat(e.reason().httpStatus()).isEqualTo(403);
              assertThat(e.getMessage()).isEqualTo(SigV4Exception.SIGNATURE_MISMATCH_MESSAGE);
              assertThat(e.accessKeyId()).contains("AKIDEXAMPLE");
            });
  }

  private static SigV4Verifier<String> verifier(Vector vector) {
    Credentials credentials = vector.credentials();
    return SigV4Verifier.<String>builder(
            "service",
            (accessKeyId, token) -> {
              if (!accessKeyId.equals(credentials.accessKeyId())
                  || !token.equals(Optional.ofNullable(credentials.sessionToken()))) {
                throw SigV4Exception.invalidToken();
              }
              return SigV4Verifier.Resolved.of(
                  credentials.secretAccessKey(), "principal-of-" + accessKeyId);
            })
        .clock(Clock.fixed(vector.time(), ZoneOffset.UTC))
        .regions(java.util.Set.of("us-east-1"))
        .normalizePath(vector.flag("normalize"))
        .build();
  }

  /** Header lines as {@code lower-name:value}, sorted: order between names does not matter. */
  private static List<String> headerLines(HttpRequestParts request) {
    List<String> lines = new ArrayList<>();
    for (Header header : request.headers()) {
      lines.add(header.name().toLowerCase(Locale.ROOT) + ":" + header.value());
    }
    lines.sort(null);
    return lines;
  }

  private static List<String> queryParams(HttpRequestParts request) {
    if (request.rawQuery() == null) {
      return List.of();
    }
    List<String> params = new ArrayList<>(Arrays.asList(request.rawQuery().split("&")));
    params.sort(null);
    return params;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
