package dev.stint.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Web identity ("Assume role with web identity") and IAM Identity Center profiles ("Configure IAM
 * Identity Center authentication"), against a loopback fake of STS, the portal and OIDC.
 */
class WebIdentityAndSsoTest {

  @TempDir Path home;
  private FakeAws aws;
  private final MutableClock clock = new MutableClock(Chains.NOW);
  private final AtomicInteger issued = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    aws = new FakeAws();
    aws.on(
        "POST /",
        request -> {
          Map<String, String> form = request.form();
          if (request.header("Authorization") != null) {
            return FakeAws.Answer.status(
                400, FakeAws.errorXml("InvalidAction", "must be unsigned"));
          }
          if (!form.get("WebIdentityToken").equals("jwt-from-file")) {
            return FakeAws.Answer.status(
                400, FakeAws.errorXml("InvalidIdentityToken", "bad token"));
          }
          return FakeAws.Answer.xml(
              FakeAws.assumeRoleXml(
                  "AssumeRoleWithWebIdentity",
                  "ASIAWEB" + issued.incrementAndGet(),
                  clock.instant().plus(Duration.ofHours(1)).toString(),
                  form.get("RoleArn"),
                  form.get("RoleSessionName")));
        });
    aws.on(
        "GET /federation/credentials",
        request -> {
          if (!"good-token".equals(request.header("x-amz-sso_bearer_token"))
              && !"fresh-token".equals(request.header("x-amz-sso_bearer_token"))) {
            return new FakeAws.Answer(
                401,
                Map.of("x-amzn-ErrorType", "UnauthorizedException"),
                "{\"message\":\"Session token not found or invalid\"}");
          }
          Map<String, String> query = request.form();
          return FakeAws.Answer.json(
              "{\"roleCredentials\":{\"accessKeyId\":\"ASIASSO"
                  + issued.incrementAndGet()
                  + "\",\"secretAccessKey\":\"sso-secret\",\"sessionToken\":\"sso-token-for-"
                  + query.get("account_id")
                  + "-"
                  + query.get("role_name")
                  + "\",\"expiration\":"
                  + clock.instant().plus(Duration.ofHours(1)).toEpochMilli()
                  + "}}");
        });
    aws.on(
        "POST /token",
        request -> {
          Map<String, Object> body = Json.readObject(request.bodyText());
          if (!"refresh_token".equals(body.get("grantType"))
              || !"refresh-1".equals(body.get("refreshToken"))) {
            return new FakeAws.Answer(
                400,
                Map.of("x-amzn-ErrorType", "InvalidGrantException"),
                "{\"error\":\"invalid_grant\"}");
          }
          return FakeAws.Answer.json(
              "{\"accessToken\":\"fresh-token\",\"tokenType\":\"Bearer\",\"expiresIn\":28800,"
                  + "\"refreshToken\":\"refresh-2\"}");
        });
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  private CredentialChain.Builder chain(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("AWS_ENDPOINT_URL", aws.uri().toString());
    return Chains.builder(home, all, clock);
  }

  @Test
  void webIdentityFromTheEnvironmentIsUnsignedAndCached() throws Exception {
    Path token = home.resolve("token.jwt");
    Files.writeString(token, "jwt-from-file");
    ResolvedCredentials resolved =
        chain(
                Map.of(
                    "AWS_WEB_IDENTITY_TOKEN_FILE", token.toString(),
                    "AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/pod",
                    "AWS_ROLE_SESSION_NAME", "pod-1"))
            .build()
            .resolve();
    assertThat(resolved.source()).isEqualTo(CredentialSource.WEB_IDENTITY);
    assertThat(resolved.credentials().accessKeyId()).isEqualTo("ASIAWEB1");
    assertThat(resolved.profile()).isEmpty();
    assertThat(aws.received("POST /").get(0).form())
        .containsEntry("Action", "AssumeRoleWithWebIdentity")
        .containsEntry("RoleSessionName", "pod-1");
    String key =
        CliCache.sha1(
            "{\"RoleArn\": \"arn:aws:iam::123456789012:role/pod\", \"RoleSessionName\": \"pod-1\"}");
    assertThat(home.resolve(".aws/cli/cache/" + key + ".json")).exists();
  }

  @Test
  void webIdentityFromTheProfile() throws Exception {
    Path token = home.resolve("token.jwt");
    Files.writeString(token, "jwt-from-file");
    TestHome.config(
        home,
        "[profile pod]\nweb_identity_token_file = "
            + token
            + "\nrole_arn = arn:aws:iam::123456789012:role/pod\n");
    ResolvedCredentials resolved = chain(Map.of()).profile("pod").build().resolve();
    assertThat(resolved.profile()).contains("pod");
    assertThat(aws.received("POST /").get(0).form().get("RoleSessionName"))
        .isEqualTo("botocore-session-" + Chains.NOW.getEpochSecond());
  }

  @Test
  void webIdentityWithoutRoleArnFailsWithBotocoresMessage() throws Exception {
    assertThatThrownBy(
            () -> chain(Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent")).build().resolve())
        .isInstanceOf(CredentialException.InvalidConfig.class)
        .hasMessage(
            "The provided profile or the current environment is configured to assume role with"
                + " web identity but has no role ARN configured. Ensure that the profile has the"
                + " role_arnconfiguration set or the AWS_ROLE_ARN env var is set.");
  }

  private static final String SSO_CONFIG =
      "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\n"
          + "sso_role_name = Developer\nregion = eu-west-1\n"
          + "[sso-session corp]\nsso_start_url = https://corp.example/start\n"
          + "sso_region = eu-central-1\n";

  private void token(String key, String json) throws Exception {
    TestHome.write(home.resolve(".aws/sso/cache/" + CliCache.sha1(key) + ".json"), json);
  }

  @Test
  void ssoSessionProfileGetsRoleCredentialsFromThePortal() throws Exception {
    TestHome.config(home, SSO_CONFIG);
    token(
        "corp",
        "{\"startUrl\": \"https://corp.example/start\", \"region\": \"eu-central-1\","
            + " \"accessToken\": \"good-token\", \"expiresAt\": \"2030-01-01T20:00:00Z\"}");
    ResolvedCredentials resolved = chain(Map.of("AWS_PROFILE", "dev")).build().resolve();
    assertThat(resolved.source()).isEqualTo(CredentialSource.SSO);
    assertThat(resolved.credentials())
        .isEqualTo(
            new Credentials(
                "ASIASSO1",
                "sso-secret",
                "sso-token-for-111122223333-Developer",
                Instant.parse("2030-01-01T13:00:00Z")));
    assertThat(aws.received("GET /federation/credentials").get(0).query())
        .isEqualTo("role_name=Developer&account_id=111122223333");
    String key =
        CliCache.sha1(
            "{\"accountId\":\"111122223333\",\"roleName\":\"Developer\",\"sessionName\":\"corp\"}");
    assertThat(
            Files.readString(
                home.resolve(".aws/cli/cache/" + key + ".json"), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"ProviderType\": \"sso\", \"Credentials\": {\"AccessKeyId\": \"ASIASSO1\","
                + " \"SecretAccessKey\": \"sso-secret\", \"SessionToken\":"
                + " \"sso-token-for-111122223333-Developer\", \"Expiration\":"
                + " \"2030-01-01T13:00:00Z\", \"AccountId\": \"111122223333\"}}");
  }

  @Test
  void anAccessTokenNearExpiryIsRefreshedThroughOidcAndWrittenBack() throws Exception {
    TestHome.config(home, SSO_CONFIG);
    token(
        "corp",
        "{\"startUrl\": \"https://corp.example/start\", \"region\": \"eu-central-1\","
            + " \"accessToken\": \"old-token\", \"expiresAt\": \"2030-01-01T12:05:00Z\","
            + " \"refreshToken\": \"refresh-1\", \"clientId\": \"cid\", \"clientSecret\": \"cs\","
            + " \"registrationExpiresAt\": \"2030-03-01T00:00:00Z\"}");
    ResolvedCredentials resolved = chain(Map.of("AWS_PROFILE", "dev")).build().resolve();
    assertThat(resolved.credentials().accessKeyId()).isEqualTo("ASIASSO1");
    assertThat(
            Files.readString(
                home.resolve(".aws/sso/cache/" + CliCache.sha1("corp") + ".json"),
                StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"startUrl\": \"https://corp.example/start\", \"region\": \"eu-central-1\","
                + " \"accessToken\": \"fresh-token\", \"expiresAt\": \"2030-01-01T20:00:00Z\","
                + " \"clientId\": \"cid\", \"clientSecret\": \"cs\", \"registrationExpiresAt\":"
                + " \"2030-03-01T00:00:00Z\", \"refreshToken\": \"refresh-2\"}");
    assertThat(aws.received("POST /token")).hasSize(1);
  }

  @Test
  void anExpiredTokenThatCannotBeRefreshedAsksForSignIn() throws Exception {
    TestHome.config(home, SSO_CONFIG);
    token(
        "corp",
        "{\"startUrl\": \"https://corp.example/start\", \"region\": \"eu-central-1\","
            + " \"accessToken\": \"old-token\", \"expiresAt\": \"2030-01-01T11:00:00Z\"}");
    assertThatThrownBy(() -> chain(Map.of("AWS_PROFILE", "dev")).build().resolve())
        .isInstanceOf(CredentialException.SsoLoginRequired.class)
        .hasMessage("Error when retrieving token from sso: Token has expired and refresh failed");
  }

  @Test
  void aTokenThePortalRefusesAsksForSignIn() throws Exception {
    TestHome.config(home, SSO_CONFIG);
    token(
        "corp",
        "{\"startUrl\": \"https://corp.example/start\", \"region\": \"eu-central-1\","
            + " \"accessToken\": \"revoked\", \"expiresAt\": \"2030-01-01T20:00:00Z\"}");
    assertThatThrownBy(() -> chain(Map.of("AWS_PROFILE", "dev")).build().resolve())
        .isInstanceOf(CredentialException.SsoLoginRequired.class)
        .hasMessage(
            "The SSO session associated with this profile has expired or is otherwise invalid. To"
                + " refresh this SSO session run aws sso login with the corresponding profile.");
  }

  @Test
  void noTokenAtAll() throws Exception {
    TestHome.config(home, SSO_CONFIG);
    assertThatThrownBy(() -> chain(Map.of("AWS_PROFILE", "dev")).build().resolve())
        .hasMessage("Error loading SSO Token: Token for corp does not exist");
  }

  @Test
  void legacyProfilesKeyTheTokenByStartUrl() throws Exception {
    TestHome.config(
        home,
        "[profile old]\nsso_start_url = https://corp.example/start\nsso_region = eu-central-1\n"
            + "sso_account_id = 111122223333\nsso_role_name = ReadOnly\n");
    token(
        "https://corp.example/start",
        "{\"startUrl\": \"https://corp.example/start\", \"region\": \"eu-central-1\","
            + " \"accessToken\": \"good-token\", \"expiresAt\": \"2030-01-01T20:00:00Z\"}");
    assertThat(chain(Map.of("AWS_PROFILE", "old")).build().resolve().credentials().sessionToken())
        .isEqualTo("sso-token-for-111122223333-ReadOnly");
  }

  @Test
  void incompleteOrInconsistentSsoProfilesFailLoudly() throws Exception {
    TestHome.config(
        home,
        "[profile half]\nsso_account_id = 1\n"
            + "[profile ghost]\nsso_session = nowhere\nsso_account_id = 1\nsso_role_name = r\n"
            + "[profile clash]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = r\n"
            + "sso_region = us-east-1\n"
            + "[sso-session corp]\nsso_start_url = https://corp.example/start\n"
            + "sso_region = eu-central-1\n");
    assertThatThrownBy(() -> chain(Map.of("AWS_PROFILE", "half")).build().resolve())
        .hasMessage(
            "The profile \"half\" is configured to use SSO but is missing required configuration:"
                + " sso_role_name, sso_start_url, sso_region");
    assertThatThrownBy(() -> chain(Map.of("AWS_PROFILE", "ghost")).build().resolve())
        .hasMessage("The specified sso-session does not exist: \"nowhere\"");
    assertThatThrownBy(() -> chain(Map.of("AWS_PROFILE", "clash")).build().resolve())
        .hasMessage(
            "The value for sso_region is inconsistent between profile (us-east-1) and sso-session"
                + " (eu-central-1).");
  }
}
