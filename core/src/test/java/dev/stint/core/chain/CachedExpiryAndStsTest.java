package dev.stint.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.core.credentials.Credentials;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code stint profiles} and {@code stint whoami} ask of a chain: the expiry of a profile's
 * cache entry without calling anything, and an STS client at the profile's endpoint.
 */
class CachedExpiryAndStsTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/admin";

  @TempDir Path home;
  private FakeAws sts;

  @BeforeEach
  void start() throws Exception {
    sts = new FakeAws();
    TestHome.config(
        home,
        "[profile admin]\nrole_arn = "
            + ROLE
            + "\nsource_profile = base\nrole_session_name = alice\nduration_seconds = 1800\n"
            + "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\n"
            + "sso_role_name = Dev\n"
            + "[sso-session corp]\nsso_start_url = https://corp.example/start\n"
            + "sso_region = eu-west-1\n");
    TestHome.credentials(
        home, "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n");
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  @Test
  void anAssumeRoleProfileHasTheExpiryOfTheEntryItsResolutionCached() {
    sts.on(
        "POST /",
        request ->
            FakeAws.Answer.xml(
                FakeAws.assumeRoleXml(
                    "AssumeRole",
                    "ASIAFROMSTINT",
                    Chains.NOW.plus(Duration.ofHours(1)).toString(),
                    ROLE,
                    "alice")));
    Map<String, String> env = Map.of("AWS_ENDPOINT_URL_STS", sts.uri().toString());
    assertThat(Chains.builder(home, env).profile("admin").build().cachedExpiry()).isEmpty();

    Chains.builder(home, env).profile("admin").build().resolve();

    assertThat(Chains.builder(home, env).profile("admin").build().cachedExpiry())
        .contains(Instant.parse("2030-01-01T13:00:00Z"));
    assertThat(sts.received("POST /")).hasSize(1);
  }

  @Test
  void staticProfilesHaveNoCacheEntry() {
    assertThat(Chains.builder(home, Map.of()).profile("base").build().cachedExpiry()).isEmpty();
    assertThat(Chains.builder(home, Map.of()).profile("sso").build().cachedExpiry()).isEmpty();
  }

  @Test
  void stsIsAClientForTheProfilesEndpoint() {
    sts.on(
        "POST /",
        request ->
            FakeAws.Answer.xml(
                "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                    + "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/base</Arn>"
                    + "<UserId>AIDABASE</UserId><Account>123456789012</Account>"
                    + "</GetCallerIdentityResult></GetCallerIdentityResponse>"));
    CredentialChain chain =
        Chains.builder(home, Map.of("AWS_ENDPOINT_URL_STS", sts.uri().toString()))
            .profile("base")
            .region(Optional.of("eu-west-1"))
            .build();

    StsClient.CallerIdentity me =
        chain.sts().getCallerIdentity(Credentials.of("AKIABASE", "base-secret"));

    assertThat(me)
        .isEqualTo(
            new StsClient.CallerIdentity(
                "AIDABASE", "123456789012", "arn:aws:iam::123456789012:user/base"));
    assertThat(sts.received("POST /").get(0).header("Authorization"))
        .contains("/eu-west-1/sts/aws4_request");
  }

  @Test
  void stsForAMissingNamedProfileIsProfileNotFound() {
    assertThatThrownBy(() -> Chains.builder(home, Map.of()).profile("ghost").build().sts())
        .isInstanceOf(CredentialException.ProfileNotFound.class)
        .hasMessage("The config profile (ghost) could not be found");
  }
}
