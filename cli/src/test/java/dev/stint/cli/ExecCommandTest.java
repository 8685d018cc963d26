package dev.stint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stint exec}, its child's output copied through the command's streams. */
class ExecCommandTest {

  @TempDir Path home;
  Stint stint;

  @BeforeEach
  void files() throws Exception {
    stint =
        new Stint(home)
            .credentials(
                "[dev]\naws_access_key_id = ASIADEV\naws_secret_access_key = devsecret\n"
                    + "aws_session_token = devtoken\n")
            .config("[profile dev]\nregion = eu-west-1\n");
  }

  @Test
  void theChildGetsTheCredentialsRegionAndMarkerAndNothingThatPicksOthers() {
    stint
        .env("AWS_PROFILE", "dev")
        .env("AWS_DEFAULT_PROFILE", "other")
        .env("AWS_SECURITY_TOKEN", "stale")
        .env("AWS_ROLE_ARN", "arn:aws:iam::1:role/x")
        .env("KEEP_ME", "kept");

    var result =
        stint.run("exec", "--", "/bin/sh", "-c", "env | grep -E '^(AWS_|STINT_|KEEP_)' | sort");

    assertThat(result.exit()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .isEqualTo(
            "AWS_ACCESS_KEY_ID=ASIADEV\n"
                + "AWS_DEFAULT_REGION=eu-west-1\n"
                + "AWS_EC2_METADATA_DISABLED=true\n"
                + "AWS_REGION=eu-west-1\n"
                + "AWS_SECRET_ACCESS_KEY=devsecret\n"
                + "AWS_SESSION_TOKEN=devtoken\n"
                + "KEEP_ME=kept\n"
                + "STINT_EXEC_PROFILE=dev\n");
  }

  @Test
  void theExpiryIsPassedOnWhenTheCredentialsHaveOne() {
    stint
        .env("AWS_ACCESS_KEY_ID", "ASIAENV")
        .env("AWS_SECRET_ACCESS_KEY", "s")
        .env("AWS_SESSION_TOKEN", "t")
        .env("AWS_CREDENTIAL_EXPIRATION", "2030-01-01T13:00:00+00:00");

    var result = stint.run("exec", "/bin/sh", "-c", "echo $AWS_CREDENTIAL_EXPIRATION");

    assertThat(result.out()).isEqualTo("2030-01-01T13:00:00Z\n");
  }

  @Test
  void theChildsStatusAndStreamsComeThrough() {
    var result =
        stint
            .stdin("from stdin\n")
            .run(
                "exec",
                "--profile",
                "dev",
                "/bin/sh",
                "-c",
                "read line; echo \"got $line\"; echo oops >&2; exit 7");

    assertThat(result.exit()).isEqualTo(7);
    assertThat(result.out()).isEqualTo("got from stdin\n");
    assertThat(result.err()).isEqualTo("oops\n");
  }

  @Test
  void aChildKilledBySignalNGives128PlusN() {
    var result = stint.run("exec", "--profile", "dev", "/bin/sh", "-c", "kill -TERM $$");

    assertThat(result.exit()).isEqualTo(143);
  }

  @Test
  void optionsAfterTheCommandAreTheCommands() {
    var result = stint.run("exec", "--profile", "dev", "/bin/echo", "--profile", "-n", "x");

    assertThat(result.out()).isEqualTo("--profile -n x\n");
  }

  @Test
  void aCommandThatIsNotFoundGives127AndOneThatCannotRun126() throws Exception {
    Path notExecutable = home.resolve("script.sh");
    Stint.write(notExecutable, "echo hi\n");

    var missing = stint.run("exec", "--profile", "dev", "no-such-command-anywhere");
    var cannot = stint.run("exec", "--profile", "dev", notExecutable.toString());

    assertThat(missing.exit()).isEqualTo(127);
    assertThat(missing.err())
        .isEqualTo("stint exec: cannot run no-such-command-anywhere: command not found\n");
    assertThat(cannot.exit()).isEqualTo(126);
    assertThat(cannot.err())
        .isEqualTo("stint exec: cannot run " + notExecutable + ": Permission denied\n");
  }

  @Test
  void nestingIsRefusedUnlessAllowed() {
    stint.env("STINT_EXEC_PROFILE", "outer");

    var refused = stint.run("exec", "--profile", "dev", "/bin/true");
    var allowed =
        stint.run(
            "exec",
            "--profile",
            "dev",
            "--allow-nesting",
            "/bin/sh",
            "-c",
            "echo $STINT_EXEC_PROFILE");

    assertThat(refused.exit()).isEqualTo(6);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err())
        .isEqualTo(
            "stint exec: already inside stint exec for profile outer (STINT_EXEC_PROFILE is set);"
                + " nesting would hide which credentials CMD gets. Leave the outer one first, or"
                + " pass --allow-nesting\n");
    assertThat(allowed.exit()).isZero();
    assertThat(allowed.out()).isEqualTo("dev\n");
  }

  @Test
  void noCredentialsMeansTheCommandDoesNotRun() {
    var result = stint.run("exec", "--profile", "ghost", "/bin/echo", "ran");

    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("stint exec: The config profile (ghost) could not be found\n");
  }

  @Test
  void withoutACommandItIsAUsageError() {
    var result = stint.run("exec", "--profile", "dev");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).startsWith("Missing required parameter: 'CMD'\n");
  }
}
