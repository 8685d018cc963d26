package dev.stint.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a real process shows: {@code stint exec} passing SIGTERM on to its child and leaving
 * with the child's status, and a {@code credential_process} that runs stint for its own profile
 * failing at once instead of starting stint after stint.
 */
class ExecAndRecursionIT {
  @TempDir Path home;
  StintCli stint;

  @BeforeEach
  void files() throws Exception {
    stint = new StintCli(home);
    Files.writeString(
        home.resolve(".aws/credentials"),
        "[dev]\naws_access_key_id = AKIADEVDEVDEVDEVDEV1\naws_secret_access_key = s\n");
    Files.writeString(
        home.resolve(".aws/config"),
        "[profile self]\ncredential_process = "
            + StintCli.LAUNCHER
            + " credential-process --profile self\n");
  }

  @Test
  void sigtermReachesTheChildAndItsStatusComesBack() throws Exception {
    Process exec =
        stint.start(
            "exec",
            "--profile",
            "dev",
            "--",
            "/bin/sh",
            "-c",
            "trap 'echo got TERM; exit 42' TERM; echo \"ready $AWS_ACCESS_KEY_ID\";"
                + " while :; do sleep 0.1; done");
    exec.getOutputStream().close();
    try (var out =
        new BufferedReader(new InputStreamReader(exec.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("ready AKIADEVDEVDEVDEVDEV1");

      new ProcessBuilder("kill", "-TERM", Long.toString(exec.pid())).start().waitFor();

      assertThat(exec.waitFor(60, TimeUnit.SECONDS)).isTrue();
      // The status first: had the child outlived stint, it would hold the pipe open.
      assertThat(exec.exitValue()).isEqualTo(42);
      assertThat(out.readLine()).isEqualTo("got TERM");
    } finally {
      exec.destroyForcibly();
    }
  }

  @Test
  void aProfileWhoseCredentialProcessRunsStintForItselfFailsAtOnce() throws Exception {
    var direct = stint.run("credential-process", "--profile", "self");
    var viaAws = AwsCli.v2(home).run("configure", "export-credentials", "--profile", "self");

    assertThat(direct.exit()).isEqualTo(4);
    assertThat(direct.stdout()).isEmpty();
    assertThat(direct.stderr())
        .isEqualTo(
            "stint credential-process: Error when retrieving credentials from custom-process:"
                + " stint credential-process: profile self is already being resolved by stint"
                + " credential-process (self -> self): a profile's credential_process must not run"
                + " stint credential-process for that same profile; point it at another profile\n"
                + "\n");
    assertThat(viaAws.exit()).isEqualTo(253);
    assertThat(viaAws.stderr())
        .contains("profile self is already being resolved by stint credential-process");
  }
}
