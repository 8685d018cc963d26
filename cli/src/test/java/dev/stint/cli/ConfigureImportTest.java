package dev.stint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code stint configure import}: what the portal offers to paste, for every shell. */
class ConfigureImportTest {

  private static final String FILED =
      "[dev]\naws_access_key_id = ASIAPASTED\naws_secret_access_key = se/cr+et=\n"
          + "aws_session_token = IQoJb3JpZ2luX2VjE//token+/==\n";

  @TempDir Path home;

  @Test
  void thePortalsProfileBlockIsFiledUnderItsName() throws Exception {
    var stint =
        new Stint(home)
            .stdin(
                "[123456789012_AdministratorAccess]\naws_access_key_id=ASIAPASTED\n"
                    + "aws_secret_access_key=se/cr+et=\n"
                    + "aws_session_token=IQoJb3JpZ2luX2VjE//token+/==\n");

    var result = stint.run("configure", "import");

    assertThat(result.exit()).isZero();
    Path file = home.resolve(".aws/credentials");
    assertThat(result.out())
        .isEqualTo(
            "imported profile 123456789012_AdministratorAccess (ASIAPASTED, with session token)"
                + " into "
                + file
                + "\n");
    assertThat(stint.credentials())
        .isEqualTo(
            "[123456789012_AdministratorAccess]\naws_access_key_id = ASIAPASTED\n"
                + "aws_secret_access_key = se/cr+et=\n"
                + "aws_session_token = IQoJb3JpZ2luX2VjE//token+/==\n");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "bash: export AWS_ACCESS_KEY_ID=\"ASIAPASTED\"\n"
            + "export AWS_SECRET_ACCESS_KEY=\"se/cr+et=\"\n"
            + "export AWS_SESSION_TOKEN=\"IQoJb3JpZ2luX2VjE//token+/==\"\n",
        "sh single quotes: export AWS_ACCESS_KEY_ID='ASIAPASTED'\n"
            + "AWS_SECRET_ACCESS_KEY='se/cr'\\''+et='x\n"
            + "AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjE//token+/==\n",
        "cmd: @echo off\r\nREM from the portal\r\nset AWS_ACCESS_KEY_ID=ASIAPASTED\r\n"
            + "set AWS_SECRET_ACCESS_KEY=se/cr+et=\r\n"
            + "set \"AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjE//token+/==\"\r\n",
        "powershell: $Env:AWS_ACCESS_KEY_ID=\"ASIAPASTED\"\n"
            + "$env:AWS_SECRET_ACCESS_KEY = 'se/cr+et='\n"
            + "$Env:AWS_SESSION_TOKEN=\"IQoJb3JpZ2luX2VjE//token+/==\"\n",
        "fish: set -gx AWS_ACCESS_KEY_ID 'ASIAPASTED'\n"
            + "set -x AWS_SECRET_ACCESS_KEY \"se/cr+et=\"\n"
            + "set -gx AWS_SESSION_TOKEN IQoJb3JpZ2luX2VjE//token+/==\n",
        "json: {\"AccessKeyId\": \"ASIAPASTED\", \"SecretAccessKey\": \"se/cr+et=\","
            + " \"SessionToken\": \"IQoJb3JpZ2luX2VjE//token+/==\","
            + " \"Expiration\": \"2030-01-01T13:00:00+00:00\"}\n"
      })
  void environmentLinesOfEveryShellAreFiledUnderTheGivenProfile(String paste) throws Exception {
    String input = paste.substring(paste.indexOf(": ") + 2);
    String expected =
        paste.startsWith("sh single") ? FILED.replace("se/cr+et=", "se/cr'+et=x") : FILED;
    var stint = new Stint(home).stdin(input);

    var result = stint.run("configure", "import", "--profile", "dev");

    assertThat(result.err()).isEmpty();
    assertThat(result.exit()).isZero();
    assertThat(stint.credentials()).isEqualTo(expected);
  }

  @Test
  void everyOtherByteStaysAndAnOldTokenGoesWhenTheNewKeysHaveNone() throws Exception {
    var stint =
        new Stint(home)
            .credentials(
                "; mine\n[default]\naws_access_key_id = AKIAKEEP\naws_secret_access_key = keep\n\n"
                    + "[dev]\naws_access_key_id = ASIAOLD\naws_secret_access_key = old\n"
                    + "aws_session_token = oldtoken\n\n[other]\naws_access_key_id = AKIAOTHER\n")
            .stdin("export AWS_ACCESS_KEY_ID=AKIANEW\nexport AWS_SECRET_ACCESS_KEY=new\n");

    var result = stint.run("configure", "--profile", "dev", "import");

    assertThat(result.exit()).isZero();
    assertThat(stint.credentials())
        .isEqualTo(
            "; mine\n[default]\naws_access_key_id = AKIAKEEP\naws_secret_access_key = keep\n\n"
                + "[dev]\naws_access_key_id = AKIANEW\naws_secret_access_key = new\n\n"
                + "[other]\naws_access_key_id = AKIAOTHER\n");
  }

  @Test
  void aRegionGoesToTheConfigFile() throws Exception {
    var stint =
        new Stint(home)
            .stdin(
                "export AWS_ACCESS_KEY_ID=ASIAPASTED\nexport AWS_SECRET_ACCESS_KEY=s\n"
                    + "export AWS_SESSION_TOKEN=t\nexport AWS_REGION=eu-west-1\n"
                    + "export AWS_CREDENTIAL_EXPIRATION=2030-01-01T13:00:00+00:00\n");

    var result = stint.run("configure", "import", "--profile", "dev");

    assertThat(result.out())
        .isEqualTo(
            "imported profile dev (ASIAPASTED, with session token) into "
                + home.resolve(".aws/credentials")
                + "; region eu-west-1 into "
                + home.resolve(".aws/config")
                + "\n");
    assertThat(stint.config()).isEqualTo("[profile dev]\nregion = eu-west-1\n");
  }

  @Test
  void profileOverridesTheBlocksName() throws Exception {
    var stint =
        new Stint(home)
            .stdin("[111_ReadOnly]\naws_access_key_id = AKIAX\naws_secret_access_key = y\n");

    stint.run("configure", "import", "--profile", "ro");

    assertThat(stint.credentials())
        .isEqualTo("[ro]\naws_access_key_id = AKIAX\naws_secret_access_key = y\n");
  }

  @Test
  void severalBlocksAreEachFiled() throws Exception {
    var stint =
        new Stint(home)
            .stdin(
                "[a]\naws_access_key_id = AKIAA\naws_secret_access_key = a\n\n"
                    + "[b]\naws_access_key_id = AKIAB\naws_secret_access_key = b\n");

    var result = stint.run("configure", "import");

    assertThat(result.exit()).isZero();
    assertThat(stint.credentials())
        .isEqualTo(
            "[a]\naws_access_key_id = AKIAA\naws_secret_access_key = a\n\n"
                + "[b]\naws_access_key_id = AKIAB\naws_secret_access_key = b\n");
    assertThat(stint.run("configure", "import", "--profile", "c").err())
        .isEqualTo("stint configure import: --profile names one profile, but the input holds 2\n");
  }

  @Test
  void emptyInputHoldsNoCredentials() {
    var result = new Stint(home).stdin("\n# nothing\n").run("configure", "import");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("stint configure import: the input holds no credentials\n");
  }

  @Test
  void unusableInputIsAUsageErrorThatNeverEchoesTheLine() {
    var noName =
        new Stint(home)
            .stdin("export AWS_ACCESS_KEY_ID=AKIAX\nexport AWS_SECRET_ACCESS_KEY=s3cr3t\n")
            .run("configure", "import");
    var expands =
        new Stint(home)
            .stdin("export AWS_ACCESS_KEY_ID=AKIAX\nexport AWS_SECRET_ACCESS_KEY=\"$s3cr3t\"\n")
            .run("configure", "import", "--profile", "x");
    var noSecret =
        new Stint(home).stdin("[x]\naws_access_key_id = AKIAX\n").run("configure", "import");
    var stranger =
        new Stint(home)
            .stdin("[x]\naws_access_key_id = AKIAX\nmystery s3cr3t\n")
            .run("configure", "import");
    var otherVariable =
        new Stint(home)
            .stdin("export AWS_PROFILE=s3cr3t\n")
            .run("configure", "import", "--profile", "x");

    assertThat(noName.exit()).isEqualTo(2);
    assertThat(noName.err())
        .isEqualTo("stint configure import: the input names no profile: pass --profile NAME\n");
    assertThat(expands.err())
        .isEqualTo(
            "stint configure import: line 2: the value would expand in the shell ($ or `); stint"
                + " does not expand it\n");
    assertThat(noSecret.err())
        .isEqualTo("stint configure import: profile [x] has no secret access key\n");
    assertThat(stranger.err())
        .isEqualTo(
            "stint configure import: line 3: not a profile setting or an environment variable\n");
    assertThat(otherVariable.err())
        .isEqualTo(
            "stint configure import: line 1: AWS_PROFILE is not one stint imports"
                + " (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION,"
                + " ...)\n");
    assertThat(home.resolve(".aws/credentials")).doesNotExist();
  }
}
