package dev.stint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stint configure KEY VALUE}, case by case as {@code aws configure set} files settings. */
class ConfigureCommandTest {

  @TempDir Path home;

  @Test
  void aSettingOfANamedProfileGoesToItsProfileSectionOfTheConfigFile() throws Exception {
    var stint = new Stint(home);

    var result = stint.run("configure", "--profile", "dev", "region", "eu-west-1");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(stint.config()).isEqualTo("[profile dev]\nregion = eu-west-1\n");
    assertThat(Files.exists(home.resolve(".aws/credentials"))).isFalse();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve(".aws/config"))))
        .isEqualTo("rw-------");
  }

  @Test
  void credentialKeysGoToTheCredentialsFileUnderTheBareName() throws Exception {
    var stint = new Stint(home);

    stint.run("configure", "--profile", "dev", "aws_access_key_id", "AKIADEV");
    stint.run("configure", "--profile", "dev", "aws_secret_access_key", "devsecret");
    stint.run("configure", "--profile", "dev", "aws_session_token", "devtoken");

    assertThat(stint.credentials())
        .isEqualTo(
            "[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = devsecret\n"
                + "aws_session_token = devtoken\n");
  }

  @Test
  void withoutAProfileTheDefaultSectionIsPlainDefault() throws Exception {
    var stint = new Stint(home);

    stint.run("configure", "output", "json");

    assertThat(stint.config()).isEqualTo("[default]\noutput = json\n");
  }

  @Test
  void awsProfileChoosesTheProfileOfAPlainKey() throws Exception {
    var stint = new Stint(home).env("AWS_PROFILE", "envprof");

    stint.run("configure", "region", "us-west-2");

    assertThat(stint.config()).isEqualTo("[profile envprof]\nregion = us-west-2\n");
  }

  @Test
  void qualifiedKeysNameTheirProfile() throws Exception {
    var stint = new Stint(home).env("AWS_PROFILE", "ignored");

    stint.run("configure", "default.region", "eu-north-1");
    stint.run("configure", "profile.ci.role_arn", "arn:aws:iam::123456789012:role/ci");
    stint.run("configure", "profile.ci.aws_access_key_id", "AKIACI");

    assertThat(stint.config())
        .isEqualTo(
            "[default]\nregion = eu-north-1\n\n[profile ci]\n"
                + "role_arn = arn:aws:iam::123456789012:role/ci\n");
    assertThat(stint.credentials()).isEqualTo("[ci]\naws_access_key_id = AKIACI\n");
  }

  @Test
  void aSubKeyGoesIntoAnIndentedBlock() throws Exception {
    var stint = new Stint(home);

    stint.run("configure", "--profile", "dev", "s3.max_concurrent_requests", "20");
    stint.run("configure", "profile.dev.s3.multipart_threshold", "64MB");

    assertThat(stint.config())
        .isEqualTo(
            "[profile dev]\ns3 =\n    max_concurrent_requests = 20\n"
                + "    multipart_threshold = 64MB\n");
  }

  @Test
  void everyOtherByteOfTheFileStays() throws Exception {
    String before =
        "# my settings\n[default]\nregion = us-east-1 ; keep\n\n[profile dev]\n"
            + "output=text\r\n; trailing comment\n[profile other]\nregion = x";
    var stint = new Stint(home).config(before);

    stint.run("configure", "--profile", "dev", "region", "eu-west-1");

    assertThat(stint.config())
        .isEqualTo(
            "# my settings\n[default]\nregion = us-east-1 ; keep\n\n[profile dev]\n"
                + "output=text\r\nregion = eu-west-1\n; trailing comment\n[profile other]\n"
                + "region = x");
  }

  @Test
  void withoutAValueItIsReadFromStandardInput() throws Exception {
    var stint = new Stint(home).stdin("typed-secret\n");

    var result = stint.run("configure", "--profile", "dev", "aws_secret_access_key");

    assertThat(result.exit()).isZero();
    assertThat(stint.credentials()).isEqualTo("[dev]\naws_secret_access_key = typed-secret\n");
  }

  @Test
  void theFileNamedByTheEnvironmentIsTheOneWritten() throws Exception {
    Path elsewhere = home.resolve("elsewhere/creds");
    var stint = new Stint(home).env("AWS_SHARED_CREDENTIALS_FILE", elsewhere.toString());

    stint.run("configure", "aws_access_key_id", "AKIAELSEWHERE");

    assertThat(Stint.read(elsewhere)).isEqualTo("[default]\naws_access_key_id = AKIAELSEWHERE\n");
  }

  @Test
  void unusableKeysAndValuesAreUsageErrors() {
    var stint = new Stint(home);

    var pluginSection = stint.run("configure", "plugins.cli_legacy_plugin_path", "/x");
    var deep = stint.run("configure", "a.b.c", "x");
    var badValue = stint.run("configure", "region", " padded ");
    var noKey = stint.run("configure");

    assertThat(pluginSection.exit()).isEqualTo(2);
    assertThat(pluginSection.err())
        .isEqualTo(
            "stint configure: stint configure sets profile settings only; the [plugins] section is"
                + " the AWS CLI's own (use aws configure set)\n");
    assertThat(deep.err())
        .isEqualTo(
            "stint configure: cannot read a.b.c: a key has at most one sub-key (KEY.SUBKEY)\n");
    assertThat(badValue.exit()).isEqualTo(2);
    assertThat(badValue.err())
        .isEqualTo(
            "stint configure: the value of region has a line break or surrounding white space\n");
    assertThat(noKey.exit()).isEqualTo(2);
    assertThat(noKey.err())
        .isEqualTo("stint configure: missing KEY: stint configure [--profile P] KEY VALUE\n");
  }
}
