package dev.stint.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assume-role profiles as the AWS CLI's "Use an IAM role in the AWS CLI" page describes them,
 * against a fake STS on loopback that checks every signature with the AWS SDK's signer.
 */
class AssumeRoleTest {

  @TempDir Path home;
  private FakeAws sts;
  private final AtomicInteger issued = new AtomicInteger();
  private final Map<String, Credentials> secrets = new HashMap<>();
  private final MutableClock clock = new MutableClock(Chains.NOW);

  @BeforeEach
  void start() throws Exception {
    sts = new FakeAws();
    secrets.put("AKIASOURCE", Credentials.of("AKIASOURCE", "source-secret"));
    sts.on(
        "POST /",
        request -> {
          Map<String, String> form = request.form();
          String caller = request.header("Authorization");
          if (caller == null) {
            return FakeAws.Answer.status(403, FakeAws.errorXml("MissingAuthenticationToken", "no"));
          }
          String keyId = caller.replaceAll(".*Credential=([^/]+)/.*", "$1");
          String problem = SdkSigner.verify(request, sts.uri(), secrets.get(keyId));
          if (problem != null) {
            return FakeAws.Answer.status(403, FakeAws.errorXml("SignatureDoesNotMatch", problem));
          }
          if (form.get("RoleArn").endsWith("/denied")) {
            return FakeAws.Answer.status(
                403,
                FakeAws.errorXml(
                    "AccessDenied", "User is not authorized to perform sts:AssumeRole"));
          }
          String newKey = "ASIAROLE" + issued.incrementAndGet();
          secrets.put(
              newKey, new Credentials(newKey, "secret-of-" + newKey, "token-of-" + newKey, null));
          return FakeAws.Answer.xml(
              FakeAws.assumeRoleXml(
                  "AssumeRole",
                  newKey,
                  clock.instant().plus(Duration.ofHours(1)).toString(),
                  form.get("RoleArn"),
                  form.get("RoleSessionName")));
        });
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  private CredentialChain.Builder chain(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("AWS_ENDPOINT_URL_STS", sts.uri().toString());
    return Chains.builder(home, all, clock);
  }

  private static final String SOURCE =
      "[default]\naws_access_key_id = AKIASOURCE\naws_secret_access_key = source-secret\n";

  @Test
  void assumesTheRoleWithTheSourceProfileKeys() throws Exception {
    TestHome.credentials(home, SOURCE);
    TestHome.config(
        home,
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = default\n");
    ResolvedCredentials resolved = chain(Map.of("AWS_PROFILE", "admin")).build().resolve();
    assertThat(resolved.credentials())
        .isEqualTo(
            new Credentials(
                "ASIAROLE1",
                "secret-of-ASIAROLE1",
                "token-of-ASIAROLE1",
                java.time.Instant.parse("2030-01-01T13:00:00Z")));
    assertThat(resolved.source()).isEqualTo(CredentialSource.ASSUME_ROLE);
    assertThat(resolved.profile()).contains("admin");
    Map<String, String> form = sts.received("POST /").get(0).form();
    assertThat(form)
        .containsExactly(
            Map.entry("Action", "AssumeRole"),
            Map.entry("Version", "2011-06-15"),
            Map.entry("RoleArn", "arn:aws:iam::123456789012:role/admin"),
            Map.entry("RoleSessionName", "botocore-session-" + Chains.NOW.getEpochSecond()));
    assertThat(sts.received("POST /").get(0).header("Authorization"))
        .contains("Credential=AKIASOURCE/20300101/us-east-1/sts/aws4_request");
  }

  @Test
  void sendsExternalIdSessionNameDurationAndSignsForTheRegion() throws Exception {
    TestHome.credentials(home, SOURCE);
    TestHome.config(
        home,
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = default\n"
            + "external_id = ext-1\nrole_session_name = alice\nduration_seconds = 1800\n"
            + "region = eu-west-1\n");
    chain(Map.of("AWS_PROFILE", "admin")).build().resolve();
    FakeAws.Received call = sts.received("POST /").get(0);
    assertThat(call.form())
        .containsEntry("ExternalId", "ext-1")
        .containsEntry("RoleSessionName", "alice")
        .containsEntry("DurationSeconds", "1800");
    assertThat(call.header("Authorization")).contains("/eu-west-1/sts/aws4_request");
  }

  @Test
  void writesTheCliCacheUnderBotocoresKeyAndUsesItNextTime() throws Exception {
    TestHome.credentials(home, SOURCE);
    TestHome.config(
        home,
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = default\n"
            + "role_session_name = alice\n");
    chain(Map.of("AWS_PROFILE", "admin")).build().resolve();
    // sha1 of {"RoleArn": "arn:aws:iam::123456789012:role/admin", "RoleSessionName": "alice"}
    String key =
        CliCache.sha1(
            "{\"RoleArn\": \"arn:aws:iam::123456789012:role/admin\", \"RoleSessionName\":"
                + " \"alice\"}");
    Path file = home.resolve(".aws/cli/cache/" + key + ".json");
    Map<String, Object> entry = Json.readObject(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(Json.write(entry.get("Credentials"), Json.Style.SPACED))
        .isEqualTo(
            "{\"AccessKeyId\": \"ASIAROLE1\", \"SecretAccessKey\": \"secret-of-ASIAROLE1\","
                + " \"SessionToken\": \"token-of-ASIAROLE1\", \"Expiration\":"
                + " \"2030-01-01T13:00:00UTC\", \"AccountId\": \"123456789012\"}");
    assertThat(entry.get("AssumedRoleUser"))
        .isEqualTo(
            Map.of(
                "AssumedRoleId", "AROAEXAMPLE:alice",
                "Arn", "arn:aws:sts::123456789012:assumed-role/admin/alice"));
    assertThat(Files.getPosixFilePermissions(file).toString())
        .isEqualTo("[OWNER_READ, OWNER_WRITE]");

    ResolvedCredentials again = chain(Map.of("AWS_PROFILE", "admin")).build().resolve();
    assertThat(again.credentials().accessKeyId()).isEqualTo("ASIAROLE1");
    assertThat(sts.received("POST /")).hasSize(1);
  }

  @Test
  void aCacheEntryWithLessThanFifteenMinutesLeftIsNotUsed() throws Exception {
    TestHome.credentials(home, SOURCE);
    TestHome.config(
        home,
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = default\n");
    chain(Map.of("AWS_PROFILE", "admin")).build().resolve();
    clock.advance(Duration.ofMinutes(46)); // 14 minutes left
    assertThat(chain(Map.of("AWS_PROFILE", "admin")).build().resolve().credentials().accessKeyId())
        .isEqualTo("ASIAROLE2");
  }

  @Test
  void refreshesInTheAdvisoryWindowOnlyOnce() throws Exception {
    TestHome.credentials(home, SOURCE);
    TestHome.config(
        home,
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = default\n");
    CredentialChain chain = chain(Map.of("AWS_PROFILE", "admin")).build();
    assertThat(chain.resolve().credentials().accessKeyId()).isEqualTo("ASIAROLE1");
    clock.advance(Duration.ofMinutes(44));
    assertThat(chain.resolve().credentials().accessKeyId()).isEqualTo("ASIAROLE1");
    clock.advance(Duration.ofMinutes(2)); // 14 minutes left: advisory refresh
    assertThat(chain.resolve().credentials().accessKeyId()).isEqualTo("ASIAROLE2");
    assertThat(chain.resolve().credentials().accessKeyId()).isEqualTo("ASIAROLE2");
  }

  @Test
  void chainsOfRolesAssumeEachInTurn() throws Exception {
    TestHome.credentials(home, SOURCE);
    TestHome.config(
        home,
        "[profile first]\nrole_arn = arn:aws:iam::111111111111:role/first\nsource_profile = default\n"
            + "[profile second]\nrole_arn = arn:aws:iam::222222222222:role/second\n"
            + "source_profile = first\n"
            + "[profile third]\nrole_arn = arn:aws:iam::333333333333:role/third\n"
            + "source_profile = second\n");
    ResolvedCredentials resolved = chain(Map.of("AWS_PROFILE", "third")).build().resolve();
    assertThat(resolved.credentials().accessKeyId()).isEqualTo("ASIAROLE3");
    List<String> callers = new ArrayList<>();
    List<String> roles = new ArrayList<>();
    for (FakeAws.Received call : sts.received("POST /")) {
      callers.add(call.header("Authorization").replaceAll(".*Credential=([^/]+)/.*", "$1"));
      roles.add(call.form().get("RoleArn"));
    }
    assertThat(callers).containsExactly("AKIASOURCE", "ASIAROLE1", "ASIAROLE2");
    assertThat(roles)
        .containsExactly(
            "arn:aws:iam::111111111111:role/first",
            "arn:aws:iam::222222222222:role/second",
            "arn:aws:iam::333333333333:role/third");
  }

  @Test
  void aProfileMayNameItselfToHoldItsOwnKeys() throws Exception {
    TestHome.credentials(
        home, "[self]\naws_access_key_id = AKIASOURCE\naws_secret_access_key = source-secret\n");
    TestHome.config(
        home,
        "[profile self]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = self\n");
    assertThat(chain(Map.of("AWS_PROFILE", "self")).build().resolve().source())
        .isEqualTo(CredentialSource.ASSUME_ROLE);
  }

  @Test
  void aLoopOfSourceProfilesFailsWithBotocoresMessage() throws Exception {
    TestHome.config(
        home,
        "[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = q\n"
            + "[profile q]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = p\n");
    assertThatThrownBy(() -> chain(Map.of("AWS_PROFILE", "p")).build().resolve())
        .isInstanceOf(CredentialException.InfiniteLoop.class)
        .hasMessage(
            "Infinite loop in credential configuration detected. Attempting to load from profile p"
                + " which has already been visited. Visited profiles: ['p', 'q']");
  }

  @Test
  void misconfiguredRoleProfilesFailLoudly() throws Exception {
    TestHome.config(
        home,
        "[profile both]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = x\n"
            + "credential_source = Environment\n"
            + "[profile neither]\nrole_arn = arn:aws:iam::1:role/r\n"
            + "[profile missing]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = ghost\n"
            + "[profile badsource]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = environment\n"
            + "[profile empty]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = blank\n"
            + "[profile blank]\nregion = us-east-1\n");
    assertThatThrownBy(() -> chain(Map.of("AWS_PROFILE", "both")).build().resolve())
        .hasMessage("The profile \"both\" contains both source_profile and credential_source.");
    assertThatThrownBy(() -> chain(Map.of("AWS_PROFILE", "neither")).build().resolve())
        .hasMessage(
            "Partial credentials found in assume-role, missing: source_profile or"
                + " credential_source");
    assertThatThrownBy(() -> chain(Map.of("AWS_PROFILE", "missing")).build().resolve())
        .hasMessage(
            "The source_profile \"ghost\" referenced in the profile \"missing\" does not exist.");
    assertThatThrownBy(() -> chain(Map.of("AWS_PROFILE", "badsource")).build().resolve())
        .hasMessage(
            "The credential source \"environment\" referenced in profile \"badsource\" is not"
                + " valid.");
    assertThatThrownBy(() -> chain(Map.of("AWS_PROFILE", "empty")).build().resolve())
        .hasMessage("The source profile \"blank\" must have credentials.");
  }

  @Test
  void credentialSourceEnvironmentSignsWithTheVariables() throws Exception {
    TestHome.config(
        home,
        "[profile ci]\nrole_arn = arn:aws:iam::123456789012:role/ci\n"
            + "credential_source = Environment\n");
    ResolvedCredentials resolved =
        chain(Map.of("AWS_ACCESS_KEY_ID", "AKIASOURCE", "AWS_SECRET_ACCESS_KEY", "source-secret"))
            .profile("ci")
            .build()
            .resolve();
    assertThat(resolved.source()).isEqualTo(CredentialSource.ASSUME_ROLE);
    assertThat(resolved.credentials().accessKeyId()).isEqualTo("ASIAROLE1");
  }

  @Test
  void credentialSourceWithNothingThereNamesTheSource() throws Exception {
    TestHome.config(
        home,
        "[profile ci]\nrole_arn = arn:aws:iam::123456789012:role/ci\n"
            + "credential_source = Environment\n");
    assertThatThrownBy(() -> chain(Map.of()).profile("ci").build().resolve())
        .isInstanceOf(CredentialException.RetrievalFailed.class)
        .hasMessage(
            "Error when retrieving credentials from Environment: No credentials found in"
                + " credential_source referenced in profile ci");
  }

  @Test
  void mfaPromptsOnceWithBotocoresTextAndSendsTheCode() throws Exception {
    TestHome.credentials(home, SOURCE);
    TestHome.config(
        home,
        "[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = default\n"
            + "mfa_serial = arn:aws:iam::123456789012:mfa/alice\n");
    List<String> prompts = new ArrayList<>();
    CredentialChain chain =
        chain(Map.of("AWS_PROFILE", "mfa"))
            .mfaPrompt(
                (serial, prompt) -> {
                  prompts.add(prompt);
                  return "123456";
                })
            .build();
    chain.resolve();
    chain.resolve();
    assertThat(prompts).containsExactly("Enter MFA code for arn:aws:iam::123456789012:mfa/alice: ");
    assertThat(sts.received("POST /").get(0).form())
        .containsEntry("SerialNumber", "arn:aws:iam::123456789012:mfa/alice")
        .containsEntry("TokenCode", "123456");
    clock.advance(Duration.ofMinutes(51));
    assertThatThrownBy(chain::resolve)
        .isInstanceOf(CredentialException.MfaUnavailable.class)
        .hasMessage("Cannot refresh credentials: MFA token required.");
  }

  @Test
  void stsErrorsCarryAwsCodeAndMessage() throws Exception {
    TestHome.credentials(home, SOURCE);
    TestHome.config(
        home,
        "[profile no]\nrole_arn = arn:aws:iam::123456789012:role/denied\nsource_profile = default\n");
    assertThatThrownBy(() -> chain(Map.of("AWS_PROFILE", "no")).build().resolve())
        .isInstanceOfSatisfying(
            CredentialException.CallFailed.class,
            e -> assertThat(e.errorCode()).contains("AccessDenied"))
        .hasMessage(
            "An error occurred (AccessDenied) when calling the AssumeRole operation: User is not"
                + " authorized to perform sts:AssumeRole");
  }

  @Test
  void anUnreachableStsSaysWhere() throws Exception {
    TestHome.credentials(home, SOURCE);
    TestHome.config(
        home,
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = default\n");
    assertThatThrownBy(
            () ->
                chain(Map.of("AWS_PROFILE", "admin", "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9"))
                    .build()
                    .resolve())
        .isInstanceOf(CredentialException.CallFailed.class)
        .hasMessage("Could not connect to the endpoint URL: \"http://127.0.0.1:9/\"");
  }

  @Test
  void endpointsFromServicesSectionsAndProfileKeys() throws Exception {
    TestHome.credentials(home, SOURCE);
    TestHome.config(
        home,
        "[profile viaservices]\nrole_arn = arn:aws:iam::1:role/a1\nsource_profile = default\n"
            + "services = local\n"
            + "[profile viaurl]\nrole_arn = arn:aws:iam::1:role/a2\nsource_profile = default\n"
            + "endpoint_url = "
            + sts.uri()
            + "\n"
            + "[profile ignoring]\nrole_arn = arn:aws:iam::1:role/a3\nsource_profile = default\n"
            + "endpoint_url = http://127.0.0.1:9\n"
            + "[services local]\nsts =\n  endpoint_url = "
            + sts.uri()
            + "\n");
    Map<String, String> noEnvironmentEndpoint = new HashMap<>();
    noEnvironmentEndpoint.put("AWS_ENDPOINT_URL_STS", null);
    noEnvironmentEndpoint.put("AWS_PROFILE", "viaservices");
    assertThat(Chains.builder(home, noEnvironmentEndpoint, clock).build().resolve().source())
        .isEqualTo(CredentialSource.ASSUME_ROLE);
    noEnvironmentEndpoint.put("AWS_PROFILE", "viaurl");
    assertThat(Chains.builder(home, noEnvironmentEndpoint, clock).build().resolve().source())
        .isEqualTo(CredentialSource.ASSUME_ROLE);
    // The environment wins over the profile's endpoint_url.
    assertThat(chain(Map.of("AWS_PROFILE", "ignoring")).build().resolve().source())
        .isEqualTo(CredentialSource.ASSUME_ROLE);
    assertThat(sts.received("POST /")).hasSize(3);
    // ... unless configured endpoints are ignored: then the default host is used.
    Endpoints endpoints =
        new Endpoints(
            Map.of("AWS_ENDPOINT_URL", "http://x", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
            dev.stint.core.profile.ProfileFiles.load(home.resolve("none"), home.resolve("none")),
            java.util.Optional.empty());
    assertThat(endpoints.resolve(Endpoints.Service.STS, java.util.Optional.of("eu-west-1")).uri())
        .hasToString("https://sts.eu-west-1.amazonaws.com");
    assertThat(endpoints.resolve(Endpoints.Service.STS, java.util.Optional.empty()).uri())
        .hasToString("https://sts.amazonaws.com");
    assertThat(endpoints.resolve(Endpoints.Service.SSO, java.util.Optional.of("eu-west-1")).uri())
        .hasToString("https://portal.sso.eu-west-1.amazonaws.com");
    assertThat(
            endpoints.resolve(Endpoints.Service.SSO_OIDC, java.util.Optional.of("eu-west-1")).uri())
        .hasToString("https://oidc.eu-west-1.amazonaws.com");
  }

  @Test
  void aServicesReferenceToNothingFails() throws Exception {
    TestHome.credentials(home, SOURCE);
    TestHome.config(
        home,
        "[profile x]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = default\nservices = gone\n");
    Map<String, String> env = new HashMap<>();
    env.put("AWS_PROFILE", "x");
    assertThatThrownBy(() -> Chains.builder(home, env, clock).build().resolve())
        .hasMessage(
            "The profile is configured to use the services section but the \"gone\" services"
                + " configuration does not exist.");
  }
}
