package dev.stint.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.core.credentials.Credentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container credentials and instance metadata, against a loopback fake only: the link-local
 * addresses are never contacted (the relative URI is resolved against the fake's address).
 */
class MetadataEndpointsTest {

  private static final String CREDENTIALS_JSON =
      "{\"AccessKeyId\":\"ASIAMETA\",\"SecretAccessKey\":\"meta-secret\",\"Token\":\"meta-token\","
          + "\"Expiration\":\"2030-01-01T18:00:00Z\"}";
  private static final Credentials EXPECTED =
      new Credentials(
          "ASIAMETA", "meta-secret", "meta-token", Instant.parse("2030-01-01T18:00:00Z"));

  @TempDir Path home;
  private FakeAws fake;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeAws();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private ResolvedCredentials resolve(Map<String, String> env) {
    return Chains.builder(home, env).containerHost(fake.uri()).build().resolve();
  }

  @Test
  void containerFullUriWithAnAuthorizationToken() {
    fake.on(
        "GET /creds",
        request ->
            "secret-auth".equals(request.header("Authorization"))
                ? FakeAws.Answer.json(CREDENTIALS_JSON)
                : FakeAws.Answer.status(401, "no"));
    ResolvedCredentials resolved =
        resolve(
            Map.of(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                fake.uri() + "/creds",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN",
                "secret-auth"));
    assertThat(resolved.credentials()).isEqualTo(EXPECTED);
    assertThat(resolved.source()).isEqualTo(CredentialSource.CONTAINER);
    assertThat(fake.received("GET /creds").get(0).header("Accept")).isEqualTo("application/json");
  }

  @Test
  void theTokenFileWinsOverTheTokenVariable() throws Exception {
    Path file = home.resolve("token");
    Files.writeString(file, "from-file");
    fake.on(
        "GET /creds",
        request ->
            "from-file".equals(request.header("Authorization"))
                ? FakeAws.Answer.json(CREDENTIALS_JSON)
                : FakeAws.Answer.status(401, "no"));
    assertThat(
            resolve(
                    Map.of(
                        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                        fake.uri() + "/creds",
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN",
                        "from-variable",
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                        file.toString()))
                .credentials())
        .isEqualTo(EXPECTED);
  }

  @Test
  void theRelativeUriIsResolvedAgainstTheContainerHost() {
    fake.on("GET /v2/credentials/abc", request -> FakeAws.Answer.json(CREDENTIALS_JSON));
    assertThat(
            resolve(Map.of("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"))
                .credentials())
        .isEqualTo(EXPECTED);
  }

  @Test
  void aFullUriOnAnotherHostIsRefused() {
    assertThatThrownBy(
            () -> resolve(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://10.0.0.1/creds")))
        .isInstanceOf(CredentialException.RetrievalFailed.class)
        .hasMessage(
            "Error when retrieving credentials from container-role: Unsupported host '10.0.0.1'. "
                + " Can only retrieve metadata from a loopback address or one of these hosts:"
                + " 169.254.170.2, 169.254.170.23, fd00:ec2::23, localhost");
  }

  @Test
  void aFailingEndpointIsTriedThreeTimesThenReported() {
    AtomicInteger calls = new AtomicInteger();
    fake.on(
        "GET /creds",
        request -> {
          calls.incrementAndGet();
          return FakeAws.Answer.status(500, "down");
        });
    assertThatThrownBy(
            () -> resolve(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", fake.uri() + "/creds")))
        .hasMessage(
            "Error when retrieving credentials from container-role: Received non 200 response 500"
                + " from container metadata: down");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aTokenWithALineBreakIsRefused() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(
                        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                        fake.uri() + "/creds",
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN",
                        "a\nb")))
        .hasMessage(
            "Error when retrieving credentials from container-role: Auth token value is not a"
                + " legal header value");
  }

  private Map<String, String> imds() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_EC2_METADATA_DISABLED", "false");
    env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", fake.uri() + "/");
    return env;
  }

  @Test
  void instanceMetadataV2TokenThenRoleThenCredentials() {
    fake.on(
        "PUT /latest/api/token",
        request ->
            "21600".equals(request.header("x-aws-ec2-metadata-token-ttl-seconds"))
                ? FakeAws.Answer.status(200, "imds-token")
                : FakeAws.Answer.status(400, ""));
    fake.on(
        "GET /latest/meta-data/iam/security-credentials/",
        request ->
            "imds-token".equals(request.header("x-aws-ec2-metadata-token"))
                ? FakeAws.Answer.status(200, "web-role")
                : FakeAws.Answer.status(401, ""));
    fake.on(
        "GET /latest/meta-data/iam/security-credentials/web-role",
        request ->
            "imds-token".equals(request.header("x-aws-ec2-metadata-token"))
                ? FakeAws.Answer.status(200, CREDENTIALS_JSON)
                : FakeAws.Answer.status(401, ""));
    ResolvedCredentials resolved = resolve(imds());
    assertThat(resolved.credentials()).isEqualTo(EXPECTED);
    assertThat(resolved.source()).isEqualTo(CredentialSource.INSTANCE_METADATA);
  }

  @Test
  void instanceMetadataFallsBackToV1WhenTokensAreNotOffered() {
    fake.on("PUT /latest/api/token", request -> FakeAws.Answer.status(404, ""));
    fake.on(
        "GET /latest/meta-data/iam/security-credentials/",
        request -> FakeAws.Answer.status(200, "web-role"));
    fake.on(
        "GET /latest/meta-data/iam/security-credentials/web-role",
        request -> FakeAws.Answer.status(200, CREDENTIALS_JSON));
    assertThat(resolve(imds()).credentials()).isEqualTo(EXPECTED);
    Map<String, String> v2only = imds();
    v2only.put("AWS_EC2_METADATA_V1_DISABLED", "true");
    assertThatThrownBy(() -> resolve(v2only))
        .isInstanceOfSatisfying(
            CredentialException.NotFound.class,
            e ->
                assertThat(e.attempts().getLast().reason())
                    .isEqualTo(
                        "no credentials from "
                            + fake.uri()
                            + "/: Unable to retrieve token for use in IMDSv2 call and IMDSv1 has"
                            + " been disabled"));
  }

  @Test
  void anUnansweringMetadataServiceMeansNotFound() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_EC2_METADATA_DISABLED", "false");
    env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9/");
    assertThatThrownBy(() -> resolve(env)).isInstanceOf(CredentialException.NotFound.class);
  }
}
