package dev.stint.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.core.credentials.Credentials;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The providers that need no network, read like the AWS CLI's "configuration and credential
 * precedence" page: environment variables, the credentials file, the config file, and how the
 * profile is chosen.
 */
class EnvironmentAndFilesTest {

  @TempDir Path home;

  private ResolvedCredentials resolve(Map<String, String> env) {
    return Chains.builder(home, env).build().resolve();
  }

  @Test
  void environmentVariablesComeFirst() throws Exception {
    TestHome.credentials(
        home, "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = f\n");
    ResolvedCredentials resolved =
        resolve(
            Map.of(
                "AWS_ACCESS_KEY_ID", "AKIAENV",
                "AWS_SECRET_ACCESS_KEY", "e",
                "AWS_SESSION_TOKEN", "tok"));
    assertThat(resolved.credentials()).isEqualTo(new Credentials("AKIAENV", "e", "tok", null));
    assertThat(resolved.source()).isEqualTo(CredentialSource.ENVIRONMENT);
    assertThat(resolved.profile()).isEmpty();
  }

  @Test
  void securityTokenWinsOverSessionTokenAsInBotocore() {
    ResolvedCredentials resolved =
        resolve(
            Map.of(
                "AWS_ACCESS_KEY_ID", "AKIAENV",
                "AWS_SECRET_ACCESS_KEY", "e",
                "AWS_SECURITY_TOKEN", "old-name",
                "AWS_SESSION_TOKEN", "new-name"));
    assertThat(resolved.credentials().sessionToken()).isEqualTo("old-name");
  }

  @Test
  void environmentExpiryIsKept() {
    ResolvedCredentials resolved =
        resolve(
            Map.of(
                "AWS_ACCESS_KEY_ID", "ASIAENV",
                "AWS_SECRET_ACCESS_KEY", "e",
                "AWS_SESSION_TOKEN", "t",
                "AWS_CREDENTIAL_EXPIRATION", "2030-01-01T18:00:00+00:00"));
    assertThat(resolved.expiry()).contains(Instant.parse("2030-01-01T18:00:00Z"));
  }

  @Test
  void expiredEnvironmentCredentialsAreAnErrorAsInBotocore() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(
                        "AWS_ACCESS_KEY_ID", "ASIAENV",
                        "AWS_SECRET_ACCESS_KEY", "e",
                        "AWS_CREDENTIAL_EXPIRATION", "2029-12-31T00:00:00Z")))
        .isInstanceOf(CredentialException.RetrievalFailed.class)
        .hasMessage(
            "Error when retrieving credentials from env: Credentials were refreshed, but the"
                + " refreshed credentials are still expired.");
  }

  @Test
  void anAccessKeyWithoutSecretIsPartial() {
    assertThatThrownBy(() -> resolve(Map.of("AWS_ACCESS_KEY_ID", "AKIAENV")))
        .isInstanceOf(CredentialException.PartialCredentials.class)
        .hasMessage("Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY");
  }

  @Test
  void anEmptyAccessKeyVariableCountsAsUnset() throws Exception {
    TestHome.credentials(
        home, "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = f\n");
    assertThat(resolve(Map.of("AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY", "x")).source())
        .isEqualTo(CredentialSource.SHARED_CREDENTIALS_FILE);
  }

  @Test
  void credentialsFileBeatsConfigFile() throws Exception {
    TestHome.config(home, "[default]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = c\n");
    TestHome.credentials(
        home,
        "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = f\n"
            + "aws_session_token = st\n");
    ResolvedCredentials resolved = resolve(Map.of());
    assertThat(resolved.credentials()).isEqualTo(new Credentials("AKIAFILE", "f", "st", null));
    assertThat(resolved.source()).isEqualTo(CredentialSource.SHARED_CREDENTIALS_FILE);
    assertThat(resolved.profile()).contains("default");
  }

  @Test
  void configFileKeysAreUsedLast() throws Exception {
    TestHome.config(
        home, "[profile dev]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = c\n");
    ResolvedCredentials resolved = resolve(Map.of("AWS_PROFILE", "dev"));
    assertThat(resolved.credentials()).isEqualTo(Credentials.of("AKIACONFIG", "c"));
    assertThat(resolved.source()).isEqualTo(CredentialSource.CONFIG_FILE);
    assertThat(resolved.profile()).contains("dev");
  }

  @Test
  void theConfigProviderReadsTheConfigFileAloneNotTheMergedProfile() throws Exception {
    // The secret in the credentials file does not complete the config file's key id.
    TestHome.config(home, "[default]\naws_access_key_id = AKIACONFIG\n");
    TestHome.credentials(home, "[default]\naws_secret_access_key = f\n");
    assertThatThrownBy(() -> resolve(Map.of()))
        .isInstanceOf(CredentialException.PartialCredentials.class)
        .hasMessage("Partial credentials found in config-file, missing: aws_secret_access_key");
  }

  @Test
  void awsProfileIsReadBeforeAwsDefaultProfile() throws Exception {
    TestHome.credentials(
        home,
        "[a]\naws_access_key_id = AKIAA\naws_secret_access_key = a\n"
            + "[b]\naws_access_key_id = AKIAB\naws_secret_access_key = b\n");
    assertThat(resolve(Map.of("AWS_PROFILE", "a", "AWS_DEFAULT_PROFILE", "b")).profile())
        .contains("a");
    assertThat(resolve(Map.of("AWS_DEFAULT_PROFILE", "b")).profile()).contains("b");
  }

  @Test
  void anExplicitProfileDropsTheEnvironmentKeys() throws Exception {
    TestHome.credentials(home, "[a]\naws_access_key_id = AKIAA\naws_secret_access_key = a\n");
    ResolvedCredentials resolved =
        Chains.builder(home, Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "e"))
            .profile("a")
            .build()
            .resolve();
    assertThat(resolved.credentials().accessKeyId()).isEqualTo("AKIAA");
  }

  @Test
  void aProfileFromTheEnvironmentKeepsTheEnvironmentKeys() throws Exception {
    TestHome.credentials(home, "[a]\naws_access_key_id = AKIAA\naws_secret_access_key = a\n");
    ResolvedCredentials resolved =
        resolve(
            Map.of(
                "AWS_PROFILE", "a", "AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "e"));
    assertThat(resolved.credentials().accessKeyId()).isEqualTo("AKIAENV");
  }

  @Test
  void aNamedProfileMustExistEvenDefault() {
    assertThatThrownBy(() -> resolve(Map.of("AWS_PROFILE", "nope")))
        .isInstanceOf(CredentialException.ProfileNotFound.class)
        .hasMessage("The config profile (nope) could not be found");
    assertThatThrownBy(() -> resolve(Map.of("AWS_PROFILE", "default")))
        .hasMessage("The config profile (default) could not be found");
  }

  @Test
  void explicitCredentialsWinOverEverything() {
    ResolvedCredentials resolved =
        Chains.builder(home, Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "e"))
            .credentials(Credentials.of("AKIAEXPLICIT", "x"))
            .build()
            .resolve();
    assertThat(resolved.source()).isEqualTo(CredentialSource.EXPLICIT);
    assertThat(resolved.credentials().accessKeyId()).isEqualTo("AKIAEXPLICIT");
  }

  @Test
  void nothingFoundListsEveryProviderAndWhy() {
    assertThatThrownBy(() -> resolve(Map.of()))
        .isInstanceOf(CredentialException.NotFound.class)
        .hasMessage(
            "Unable to locate credentials. Looked in:\n"
                + "  env: AWS_ACCESS_KEY_ID is not set\n"
                + "  assume-role: profile default has no role_arn\n"
                + "  assume-role-with-web-identity: AWS_WEB_IDENTITY_TOKEN_FILE is not set and"
                + " profile default has no web_identity_token_file\n"
                + "  sso: profile default has no sso_account_id or sso_role_name\n"
                + "  shared-credentials-file: no aws_access_key_id for profile default in "
                + home.resolve(".aws/credentials")
                + "\n"
                + "  custom-process: profile default has no credential_process\n"
                + "  config-file: no aws_access_key_id for profile default in "
                + home.resolve(".aws/config")
                + "\n"
                + "  container-role: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and"
                + " AWS_CONTAINER_CREDENTIALS_FULL_URI are not set\n"
                + "  iam-role: disabled by AWS_EC2_METADATA_DISABLED");
  }

  @Test
  void configAndCredentialsFileLocationsComeFromTheEnvironment() throws Exception {
    Path config = home.resolve("elsewhere/cfg");
    TestHome.write(config, "[profile x]\naws_access_key_id = AKIAX\naws_secret_access_key = x\n");
    ResolvedCredentials resolved =
        resolve(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_PROFILE", "x"));
    assertThat(resolved.credentials().accessKeyId()).isEqualTo("AKIAX");
  }

  @Test
  void regionComesFromAwsRegionThenAwsDefaultRegionThenTheProfile() throws Exception {
    TestHome.config(home, "[default]\nregion = eu-west-1\n");
    assertThat(Chains.builder(home, Map.of()).build().region()).contains("eu-west-1");
    assertThat(Chains.builder(home, Map.of("AWS_DEFAULT_REGION", "us-west-2")).build().region())
        .contains("us-west-2");
    assertThat(
            Chains.builder(
                    home, Map.of("AWS_DEFAULT_REGION", "us-west-2", "AWS_REGION", "ap-south-1"))
                .build()
                .region())
        .contains("ap-south-1");
    assertThat(
            Chains.builder(home, Map.of("AWS_REGION", "ap-south-1"))
                .region(Optional.of("ca-central-1"))
                .build()
                .region())
        .contains("ca-central-1");
  }
}
