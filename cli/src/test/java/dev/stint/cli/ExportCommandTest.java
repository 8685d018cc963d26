package dev.stint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

  @TempDir Path home;
  Stint stint;

  @BeforeEach
  void files() throws Exception {
    stint =
        new Stint(home)
            .credentials(
                "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = secret/+=\n"
                    + "[dev]\naws_access_key_id = ASIADEV\naws_secret_access_key = devsecret\n"
                    + "aws_session_token = devtoken\n")
            .config("[profile dev]\nregion = eu-west-1\n");
  }

  @Test
  void printsTheProcessJsonByDefault() {
    var result = stint.run("export");

    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            {
              "Version": 1,
              "AccessKeyId": "AKIADEFAULT",
              "SecretAccessKey": "secret/+="
            }
            """);
    assertThat(result.err()).isEmpty();
  }

  @Test
  void printsEnvLinesForTheNamedProfile() {
    var result = stint.run("export", "--profile", "dev", "--format", "env");

    assertThat(result.out())
        .isEqualTo(
            "export AWS_ACCESS_KEY_ID=ASIADEV\n"
                + "export AWS_SECRET_ACCESS_KEY=devsecret\n"
                + "export AWS_SESSION_TOKEN=devtoken\n");
  }

  @Test
  void withRegionAddsTheProfilesRegion() {
    var result = stint.run("export", "--profile=dev", "--format=fish", "--with-region");

    assertThat(result.out())
        .isEqualTo(
            "set -gx AWS_ACCESS_KEY_ID 'ASIADEV'\n"
                + "set -gx AWS_SECRET_ACCESS_KEY 'devsecret'\n"
                + "set -gx AWS_SESSION_TOKEN 'devtoken'\n"
                + "set -gx AWS_REGION 'eu-west-1'\n"
                + "set -gx AWS_DEFAULT_REGION 'eu-west-1'\n");
  }

  @Test
  void regionOptionWinsOverTheProfiles() {
    var result =
        stint.run(
            "export",
            "--profile",
            "dev",
            "--region",
            "ap-south-1",
            "--with-region",
            "--format",
            "json");

    assertThat(result.out())
        .isEqualTo(
            """
            {
                "AccessKeyId": "ASIADEV",
                "SecretAccessKey": "devsecret",
                "SessionToken": "devtoken",
                "Region": "ap-south-1"
            }
            """);
  }

  @Test
  void iniNamesTheSectionAfterTheProfile() {
    var result = stint.run("export", "--profile", "dev", "--format", "ini");

    assertThat(result.out())
        .isEqualTo(
            "[dev]\naws_access_key_id = ASIADEV\naws_secret_access_key = devsecret\n"
                + "aws_session_token = devtoken\n");
  }

  @Test
  void environmentKeysWinUnlessAProfileIsNamed() {
    stint
        .env("AWS_ACCESS_KEY_ID", "AKIAENV")
        .env("AWS_SECRET_ACCESS_KEY", "envsecret")
        .env("AWS_CREDENTIAL_EXPIRATION", "2030-01-01T13:00:00Z");

    assertThat(stint.run("export", "--format", "env-no-export").out())
        .isEqualTo(
            "AWS_ACCESS_KEY_ID=AKIAENV\nAWS_SECRET_ACCESS_KEY=envsecret\n"
                + "AWS_CREDENTIAL_EXPIRATION=2030-01-01T13:00:00+00:00\n");
    assertThat(stint.run("export", "--profile", "default", "--format", "env-no-export").out())
        .isEqualTo("AWS_ACCESS_KEY_ID=AKIADEFAULT\nAWS_SECRET_ACCESS_KEY=secret/+=\n");
  }

  @Test
  void aMissingProfileIsAConfigurationError() {
    var result = stint.run("export", "--profile", "nope");

    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("stint export: The config profile (nope) could not be found\n");
  }

  @Test
  void noCredentialsListsEveryProviderAndWhyItPassed() {
    Path empty = home.resolve("empty");
    var result = new Stint(empty).run("export");

    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.err())
        .isEqualTo(
            "stint export: Unable to locate credentials. Looked in:\n"
                + "  env: AWS_ACCESS_KEY_ID is not set\n"
                + "  assume-role: profile default has no role_arn\n"
                + "  assume-role-with-web-identity: AWS_WEB_IDENTITY_TOKEN_FILE is not set and"
                + " profile default has no web_identity_token_file\n"
                + "  sso: profile default has no sso_account_id or sso_role_name\n"
                + "  shared-credentials-file: no aws_access_key_id for profile default in "
                + empty.resolve(".aws/credentials")
                + "\n"
                + "  custom-process: profile default has no credential_process\n"
                + "  config-file: no aws_access_key_id for profile default in "
                + empty.resolve(".aws/config")
                + "\n"
                + "  container-role: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and"
                + " AWS_CONTAINER_CREDENTIALS_FULL_URI are not set\n"
                + "  iam-role: disabled by AWS_EC2_METADATA_DISABLED\n");
  }

  @Test
  void aValueTheFormatCannotCarryIsRefusedWithoutPrintingIt() throws Exception {
    stint.credentials("[pct]\naws_access_key_id = AKIAPCT\naws_secret_access_key = 100%sure\n");

    var result = stint.run("export", "--profile", "pct", "--format", "windows-cmd");

    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "stint export: cannot write AWS_SECRET_ACCESS_KEY in the windows-cmd format: the"
                + " value contains '%', which cmd.exe expands\n");
  }

  @Test
  void anUnknownFormatIsAUsageErrorListingTheFormats() {
    var result = stint.run("export", "--format", "yaml");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith(
            "Invalid value for option '--format': unknown credential format 'yaml'; valid"
                + " formats: env, env-no-export, powershell, windows-cmd, fish, json, process,"
                + " ini\n");
  }

  @Test
  void aMalformedFileNamesFileAndLine() throws Exception {
    stint.config("[profile dev]\nregion = eu-west-1\n  nested = oops\n[broken\n");

    var result = stint.run("export", "--profile", "dev");

    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.err()).startsWith("stint export: " + home.resolve(".aws/config") + " line ");
  }
}
