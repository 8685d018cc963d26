package dev.stint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast path takes plain arguments only, and for those prints exactly what the picocli path
 * prints, status, output and errors alike; everything else it leaves to picocli.
 */
class FastPathTest {

  @TempDir Path home;
  Stint stint;

  @BeforeEach
  void files() throws Exception {
    stint =
        new Stint(home)
            .credentials(
                "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = d\n"
                    + "[dev]\naws_access_key_id = ASIADEV\naws_secret_access_key = s\n"
                    + "aws_session_token = t\n")
            .config("[profile dev]\nregion = eu-west-1\n[profile loop]\ncredential_process = x\n")
            .env(CredentialProcessCommand.MARKER, "loop");
  }

  static Stream<Arguments> plain() {
    return Stream.of(
        Arguments.of((Object) new String[] {"credential-process"}),
        Arguments.of((Object) new String[] {"credential-process", "--profile", "dev"}),
        Arguments.of((Object) new String[] {"credential-process", "--profile=dev"}),
        Arguments.of((Object) new String[] {"credential-process", "--profile", "ghost"}),
        Arguments.of((Object) new String[] {"credential-process", "--profile", "loop"}),
        Arguments.of(
            (Object)
                new String[] {
                  "credential-process", "--region", "us-west-2", "--endpoint-url", "http://x"
                }),
        Arguments.of((Object) new String[] {"export"}),
        Arguments.of((Object) new String[] {"export", "--format", "env", "--profile", "dev"}),
        Arguments.of(
            (Object)
                new String[] {"export", "--format=powershell", "--with-region", "--profile=dev"}),
        Arguments.of((Object) new String[] {"export", "--with-region", "--format", "ini"}),
        Arguments.of((Object) new String[] {"export", "--profile", "ghost", "--format", "json"}));
  }

  @ParameterizedTest
  @MethodSource("plain")
  void plainArgumentsGiveWhatPicocliGives(String[] args) {
    var fast = stint.runFast(args);

    assertThat(fast).isPresent();
    assertThat(fast.get()).isEqualTo(stint.run(args));
  }

  static Stream<Arguments> notPlain() {
    return Stream.of(
        Arguments.of((Object) new String[] {}),
        Arguments.of((Object) new String[] {"whoami"}),
        Arguments.of((Object) new String[] {"credential-process", "--help"}),
        Arguments.of((Object) new String[] {"credential-process", "-h"}),
        Arguments.of((Object) new String[] {"credential-process", "--profile"}),
        Arguments.of((Object) new String[] {"credential-process", "--profile="}),
        Arguments.of((Object) new String[] {"credential-process", "--profile", "-x"}),
        Arguments.of(
            (Object) new String[] {"credential-process", "--profile", "a", "--profile", "b"}),
        Arguments.of((Object) new String[] {"credential-process", "--format", "env"}),
        Arguments.of((Object) new String[] {"credential-process", "--with-region"}),
        Arguments.of((Object) new String[] {"credential-process", "extra"}),
        Arguments.of((Object) new String[] {"export", "--format", "yaml"}),
        Arguments.of((Object) new String[] {"export", "--with-region", "--with-region"}),
        Arguments.of((Object) new String[] {"export", "--version"}));
  }

  @ParameterizedTest
  @MethodSource("notPlain")
  void everythingElseIsLeftToPicocli(String[] args) {
    assertThat(stint.runFast(args)).isEmpty();
  }

  static Stream<Arguments> plainServer() {
    return Stream.of(
        Arguments.of((Object) new String[] {"server"}),
        Arguments.of((Object) new String[] {"server", "--port", "0", "--bind=0.0.0.0"}),
        Arguments.of(
            (Object)
                new String[] {
                  "server",
                  "--data-dir",
                  "/var/lib/stint",
                  "--db=jdbc:postgresql://127.0.0.1/stint?user=a&password=b",
                  "--clock-skew-minutes",
                  "15",
                  "--port=9443"
                }));
  }

  @ParameterizedTest
  @MethodSource("plainServer")
  void plainServerArgumentsConfigureTheServerAsPicocliDoes(String[] args) {
    ServerCommand picocli = new ServerCommand();
    new picocli.CommandLine(picocli).parseArgs(Arrays.copyOfRange(args, 1, args.length));

    ServerCommand fast = FastPath.server(args).orElseThrow();

    assertThat(fast)
        .usingRecursiveComparison()
        .comparingOnlyFields("port", "bind", "dataDir", "db", "skewMinutes")
        .isEqualTo(picocli);
  }

  static Stream<Arguments> notPlainServer() {
    return Stream.of(
        Arguments.of((Object) new String[] {"server", "--help"}),
        Arguments.of((Object) new String[] {"server", "--port"}),
        Arguments.of((Object) new String[] {"server", "--port", "eighty"}),
        Arguments.of((Object) new String[] {"server", "--port", "-1"}),
        Arguments.of((Object) new String[] {"server", "--port", "1", "--port", "2"}),
        Arguments.of((Object) new String[] {"server", "--clock-skew-minutes", "0x5"}),
        Arguments.of((Object) new String[] {"server", "--bind="}),
        Arguments.of((Object) new String[] {"server", "--verbose"}),
        Arguments.of((Object) new String[] {"server", "extra"}));
  }

  @ParameterizedTest
  @MethodSource("notPlainServer")
  void anythingElseForTheServerIsLeftToPicocli(String[] args) {
    assertThat(FastPath.server(args)).isEmpty();
  }
}
