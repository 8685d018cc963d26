package dev.stint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The root command: help, version, and the exit-status table in every help page. */
class CliTest {

  private static final String EXIT_STATUS =
      "Exit status:\n"
          + "  0         success\n"
          + "  1         internal error (a bug in stint)\n"
          + "  2         usage: bad option, argument or input\n"
          + "  3         configuration: no credentials, profile not found, malformed file,\n"
          + "              ...\n"
          + "  4         service: STS or SSO said no, or a credential_process failed\n"
          + "  5         unreachable: a service did not answer in time\n"
          + "  6         refused: nested exec, process recursion, sign-in denied or expired\n"
          + "  126/127   exec: the command cannot be run / is not found\n"
          + "  128+n     exec: the command was killed by signal n\n";

  @TempDir Path home;

  @Test
  void helpListsEveryCommandAndTheExitStatuses() {
    var result = new Stint(home).run("--help");

    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .startsWith("Usage: stint [-hV] COMMAND\nShort-term credentials you run yourself.\n")
        .contains(
            "Commands:\n"
                + "  configure           Set a profile's setting, as `aws configure set` does.\n"
                + "  login               Sign in to IAM Identity Center (a stint portal) and cache\n"
                + "                        the token, as `aws sso login` does.\n"
                + "  logout              Sign out of IAM Identity Center, as `aws sso logout` does.\n"
                + "  export              Print the credentials the profile resolves to, for a\n"
                + "                        shell or a program.\n"
                + "  credential-process  Print the profile's credentials as the credential_process\n"
                + "                        JSON (Version 1).\n"
                + "  exec                Run a command with the profile's credentials in its\n"
                + "                        environment.\n"
                + "  whoami              Show whose credentials the profile resolves to (STS\n"
                + "                        GetCallerIdentity).\n"
                + "  assume-role         Assume ROLE_ARN with the profile's credentials and print\n"
                + "                        the session's credentials.\n"
                + "  profiles            List the profiles, their kind and when their cached\n"
                + "                        credentials expire.\n"
                + "  server              Run the stint server (STS, IAM, portal) on one HTTP\n"
                + "                        origin.\n"
                + "  help                Display help information about the specified command.\n")
        .endsWith("\n" + EXIT_STATUS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "configure",
        "login",
        "logout",
        "export",
        "credential-process",
        "exec",
        "whoami",
        "assume-role",
        "profiles",
        "server"
      })
  void everyCommandHasHelpWithTheExitStatuses(String command) {
    var result = new Stint(home).run(command, "--help");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).startsWith("Usage: stint " + command).endsWith("\n" + EXIT_STATUS);
    assertThat(result.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"import", "sso"})
  void configureSubcommandsHaveHelpToo(String command) {
    var result = new Stint(home).run("configure", command, "--help");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).startsWith("Usage: stint configure " + command);
  }

  @Test
  void noCommandIsAUsageErrorWithTheUsageOnStandardError() {
    var result = new Stint(home).run();

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("Usage: stint [-hV] COMMAND\n");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    var result = new Stint(home).run("frobnicate");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).startsWith("Unmatched argument at index 0: 'frobnicate'\n");
  }

  @Test
  void versionNamesTheBuild() {
    assertThat(new Stint(home).run("--version").out()).isEqualTo("stint development build\n");
  }

  @Test
  void onlyTheNamedCommandIsRegisteredWhenTheArgumentsStartWithOne() {
    var stint = new Stint(home);
    var only = Cli.commandLine(stint.context(), new String[] {"export", "--format", "env"});
    var all = Cli.commandLine(stint.context(), new String[] {"--help"});

    assertThat(only.getSubcommands().keySet()).containsExactly("export");
    assertThat(all.getSubcommands().keySet())
        .containsExactly(
            "configure",
            "login",
            "logout",
            "export",
            "credential-process",
            "exec",
            "whoami",
            "assume-role",
            "profiles",
            "server",
            "help");
  }
}
