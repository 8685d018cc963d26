package dev.stint.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.export.CredentialFormat.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Feeds rendered credentials with every shell metacharacter to the real shells (bash, dash, fish)
 * the way users do, then reads the environment the shell hands to a child ({@code env -0}) and
 * compares it with what went in.
 */
class ShellRoundTripTest {

  /** Every character the shells treat specially, plus a line break and non-ASCII text. */
  static final Credentials HOSTILE =
      new Credentials(
          "ASIA sp ace 'single' \"double\"",
          "$HOME ${HOME} $(id) `id` \\back\\ !bang !! *star ?q [a] ;semi &amp |pipe <in >out #hash",
          "~tilde :~ {a,b} (sub) %pct ^caret =eq -dash\nsecond line\ttab \u00e9 \ud83d\ude00 '",
          Instant.parse("2030-01-02T03:04:05.5Z"));

  static final Options REGION = new Options("eu-west-1'; echo pwned '", null);

  static final Map<String, String> EXPECTED =
      Map.of(
          "AWS_ACCESS_KEY_ID", HOSTILE.accessKeyId(),
          "AWS_SECRET_ACCESS_KEY", HOSTILE.secretAccessKey(),
          "AWS_SESSION_TOKEN", HOSTILE.sessionToken(),
          "AWS_CREDENTIAL_EXPIRATION", "2030-01-02T03:04:05.500000+00:00",
          "AWS_REGION", REGION.region(),
          "AWS_DEFAULT_REGION", REGION.region());

  @TempDir Path home;

  private Path rendered(CredentialFormat format) throws Exception {
    Path file = home.resolve(format.cliName() + ".txt");
    Files.writeString(file, format.render(HOSTILE, REGION), StandardCharsets.UTF_8);
    return file;
  }

  /** The AWS_* variables in {@code env -0} output. */
  private static Map<String, String> awsVariables(String envOutput) {
    Map<String, String> variables = new TreeMap<>();
    for (String entry : envOutput.split("\0")) {
      int eq = entry.indexOf('=');
      if (entry.startsWith("AWS_") && eq > 0) {
        variables.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return variables;
  }

  private Map<String, String> runShell(List<String> command) throws Exception {
    return awsVariables(Run.succeed(command, home, Map.of("LC_ALL", "C.UTF-8")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "dash"})
  void envSurvivesEval(String shell) throws Exception {
    Path file = rendered(CredentialFormat.ENV);

    assertThat(
            runShell(
                List.of(shell, "-c", "eval \"$(cat \"$1\")\" && env -0", shell, file.toString())))
        .isEqualTo(EXPECTED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "dash"})
  void envSurvivesSourcing(String shell) throws Exception {
    Path file = rendered(CredentialFormat.ENV);

    assertThat(runShell(List.of(shell, "-c", ". \"$1\" && env -0", shell, file.toString())))
        .isEqualTo(EXPECTED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "dash"})
  void envNoExportSurvivesEvalUnderSetA(String shell) throws Exception {
    Path file = rendered(CredentialFormat.ENV_NO_EXPORT);

    assertThat(
            runShell(
                List.of(
                    shell,
                    "-c",
                    "set -a; eval \"$(cat \"$1\")\" && env -0",
                    shell,
                    file.toString())))
        .isEqualTo(EXPECTED);
  }

  @Test
  void envNoExportSetsShellVariablesWithoutExportingThem() throws Exception {
    Path file = rendered(CredentialFormat.ENV_NO_EXPORT);

    String out =
        Run.succeed(
            List.of(
                "bash",
                "-c",
                "eval \"$(cat \"$1\")\" && env -0 && printf '%s\\0' \"$AWS_SECRET_ACCESS_KEY\"",
                "bash",
                file.toString()),
            home,
            Map.of("LC_ALL", "C.UTF-8"));

    assertThat(awsVariables(out)).isEmpty();
    assertThat(out).endsWith("\0" + HOSTILE.secretAccessKey() + "\0");
  }

  @Test
  void fishSurvivesSource() throws Exception {
    Path file = rendered(CredentialFormat.FISH);

    assertThat(
            runShell(
                List.of(
                    "fish", "--no-config", "-c", "source $argv[1]; and env -0", file.toString())))
        .isEqualTo(EXPECTED);
  }

  @Test
  void fishSurvivesAPipeIntoSource() throws Exception {
    Path file = rendered(CredentialFormat.FISH);

    assertThat(
            runShell(
                List.of(
                    "fish",
                    "--no-config",
                    "-c",
                    "cat $argv[1] | source; and env -0",
                    file.toString())))
        .isEqualTo(EXPECTED);
  }
}
