package dev.stint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialProcessCommandTest {

  @TempDir Path home;

  @Test
  void printsTheVersion1JsonWithTheExpiry() throws Exception {
    var stint =
        new Stint(home)
            .env("AWS_ACCESS_KEY_ID", "ASIAENV")
            .env("AWS_SECRET_ACCESS_KEY", "envsecret")
            .env("AWS_SESSION_TOKEN", "envtoken")
            .env("AWS_CREDENTIAL_EXPIRATION", "2030-01-01T13:00:00.5Z");

    var result = stint.run("credential-process");

    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            {
              "Version": 1,
              "AccessKeyId": "ASIAENV",
              "SecretAccessKey": "envsecret",
              "SessionToken": "envtoken",
              "Expiration": "2030-01-01T13:00:00.500000+00:00"
            }
            """);
  }

  @Test
  void errorsGoToStandardErrorWithANonZeroStatus() {
    var result = new Stint(home).run("credential-process", "--profile", "ghost");

    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("stint credential-process: The config profile (ghost) could not be found\n");
  }

  @Test
  void aProfileAlreadyBeingResolvedAboveIsRefused() throws Exception {
    var stint =
        new Stint(home)
            .config("[profile app]\ncredential_process = stint credential-process --profile app\n")
            .env(CredentialProcessCommand.MARKER, "outer\napp");

    var result = stint.run("credential-process", "--profile", "app");

    assertThat(result.exit()).isEqualTo(6);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "stint credential-process: profile app is already being resolved by stint"
                + " credential-process (outer -> app -> app): a profile's credential_process must"
                + " not run stint credential-process for that same profile; point it at another"
                + " profile\n");
  }

  @Test
  void theProfileFromTheEnvironmentCountsForTheRecursionCheck() {
    var stint =
        new Stint(home).env("AWS_PROFILE", "app").env(CredentialProcessCommand.MARKER, "app");

    assertThat(stint.run("credential-process").exit()).isEqualTo(6);
  }

  @Test
  void programsItRunsSeeTheProfilesBeingResolved() throws Exception {
    Path script = home.resolve("marker.sh");
    Stint.write(
        script,
        "printf '{\"Version\": 1, \"AccessKeyId\": \"AKIAMARK\", \"SecretAccessKey\": \"%s\"}'"
            + " \"$(printf '%s' \"$STINT_CREDENTIAL_PROCESS_PROFILES\" | tr '\\n' ,)\"\n");
    var stint =
        new Stint(home)
            .config("[profile app]\ncredential_process = /bin/sh " + script + "\n")
            .env(CredentialProcessCommand.MARKER, "outer");

    var result = stint.run("credential-process", "--profile", "app");

    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .isEqualTo(
            """
            {
              "Version": 1,
              "AccessKeyId": "AKIAMARK",
              "SecretAccessKey": "outer,app"
            }
            """);
  }

  @Test
  void aFailingCredentialProcessIsAServiceErrorWithItsMessage() throws Exception {
    var stint =
        new Stint(home)
            .config("[profile app]\ncredential_process = /bin/sh -c 'echo no way >&2; exit 9'\n");

    var result = stint.run("credential-process", "--profile", "app");

    assertThat(result.exit()).isEqualTo(4);
    assertThat(result.err())
        .isEqualTo(
            "stint credential-process: Error when retrieving credentials from custom-process:"
                + " no way\n\n");
  }
}
