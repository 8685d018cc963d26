package dev.stint.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.export.CredentialFormat.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real AWS CLI v2 ({@code /usr/bin/aws configure export-credentials}) is the known answer for
 * every format it has. Each profile gets its credentials the way users' do: static keys from the
 * credentials file, or a {@code credential_process} that prints an expiry.
 */
class AwsCliConformanceTest {

  static final String AWS = "/usr/bin/aws";

  /** A profile in the test's files and the credentials botocore resolves it to. */
  record Profile(String name, Credentials credentials) {}

  static final Profile STATIC =
      new Profile(
          "static",
          new Credentials(
              "ASIAIOSFODNN7EXAMPLE",
              "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
              "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+tok=",
              null));
  static final Profile LONG_TERM =
      new Profile(
          "longterm",
          Credentials.of("AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"));
  static final Profile PROCESS =
      new Profile(
          "process",
          new Credentials(
              "ASIAQWERTYUIOPASDFGH",
              "Zx9+Lk/3pQ==Wm/7+AbCdEfGhIjKlMnOpQrStUvW",
              "FwoGZXIvYXdzEBYaDH+/abc==",
              Instant.parse("2099-01-02T03:04:05Z")));
  static final Profile FRACTION =
      new Profile(
          "fraction",
          new Credentials(
              "ASIAFRACTIONEXAMPLE1",
              "secret/with+fraction=",
              "token",
              Instant.parse("2099-06-30T23:59:58.250Z")));

  /** Only the JSON format can carry these values unchanged; the CLI prints the rest raw. */
  static final Profile AWKWARD =
      new Profile(
          "awkward",
          new Credentials(
              "ASIAAWKWARDEXAMPLE00",
              "q\"uote b\\ack sl/ash \u00e9 \ud83d\ude00 \u0001 tab\t",
              "tok\u2028en",
              Instant.parse("2099-01-02T03:04:05Z")));

  @TempDir static Path home;

  @BeforeAll
  static void writeProfiles() throws Exception {
    Files.writeString(
        home.resolve("credentials"),
        """
        [static]
        aws_access_key_id = ASIAIOSFODNN7EXAMPLE
        aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
        aws_session_token = IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+tok=

        [longterm]
        aws_access_key_id = AKIAI44QH8DHBEXAMPLE
        aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
        """,
        StandardCharsets.UTF_8);
    script(
        "process",
        """
        {"Version": 1, "AccessKeyId": "ASIAQWERTYUIOPASDFGH",
         "SecretAccessKey": "Zx9+Lk/3pQ==Wm/7+AbCdEfGhIjKlMnOpQrStUvW",
         "SessionToken": "FwoGZXIvYXdzEBYaDH+/abc==", "Expiration": "2099-01-02T03:04:05Z"}""");
    script(
        "fraction",
        """
        {"Version": 1, "AccessKeyId": "ASIAFRACTIONEXAMPLE1", "SecretAccessKey": "secret/with+fraction=",
         "SessionToken": "token", "Expiration": "2099-06-30T23:59:58.250Z"}""");
    script(
        "awkward",
        """
        {"Version": 1, "AccessKeyId": "ASIAAWKWARDEXAMPLE00",
         "SecretAccessKey": "q\\"uote b\\\\ack sl\\/ash \\u00e9 \\ud83d\\ude00 \\u0001 tab\\t",
         "SessionToken": "tok\\u2028en", "Expiration": "2099-01-02T03:04:05Z"}""");
    Files.writeString(
        home.resolve("config"),
        """
        [profile process]
        # The CLI prints no region even when the profile has one.
        region = eu-west-1
        credential_process = %1$s/process.sh

        [profile fraction]
        credential_process = %1$s/fraction.sh

        [profile awkward]
        credential_process = %1$s/awkward.sh
        """
            .formatted(home),
        StandardCharsets.UTF_8);
  }

  private static void script(String name, String json) throws Exception {
    Path script = home.resolve(name + ".sh");
    Files.writeString(
        script, "#!/bin/sh\ncat <<'EOF'\n" + json + "\nEOF\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
  }

  static String exportCredentials(Path home, String profile, String format) throws Exception {
    return Run.succeed(
        List.of(AWS, "configure", "export-credentials", "--profile", profile, "--format", format),
        home,
        Map.of(
            "AWS_CONFIG_FILE", home.resolve("config").toString(),
            "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString(),
            "AWS_EC2_METADATA_DISABLED", "true"));
  }

  static Stream<Arguments> formatsAndProfiles() {
    List<Arguments> cases = new ArrayList<>();
    for (CredentialFormat format :
        List.of(
            CredentialFormat.ENV,
            CredentialFormat.ENV_NO_EXPORT,
            CredentialFormat.POWERSHELL,
            CredentialFormat.WINDOWS_CMD,
            CredentialFormat.PROCESS)) {
      for (Profile profile : List.of(STATIC, LONG_TERM, PROCESS, FRACTION)) {
        cases.add(Arguments.of(format, profile.name(), profile.credentials()));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("formatsAndProfiles")
  void rendersByteForByteWhatTheAwsCliPrints(
      CredentialFormat format, String profile, Credentials credentials) throws Exception {
    String cli = exportCredentials(home, profile, format.cliName());

    assertThat(format.render(credentials, Options.defaults())).isEqualTo(cli);
  }

  @Test
  void processEscapesAwkwardValuesExactlyAsTheAwsCli() throws Exception {
    String cli = exportCredentials(home, AWKWARD.name(), "process");

    assertThat(cli).contains("\\ud83d\\ude00");
    assertThat(CredentialFormat.PROCESS.render(AWKWARD.credentials(), Options.defaults()))
        .isEqualTo(cli);
  }

  @Test
  void theAwsCliPrintsShellValuesRawWhereStintQuotes() throws Exception {
    String cli = exportCredentials(home, AWKWARD.name(), "env");

    assertThat(cli)
        .contains(
            "export AWS_SECRET_ACCESS_KEY=q\"uote b\\ack sl/ash \u00e9 \ud83d\ude00 \u0001 tab\t\n");
    assertThat(CredentialFormat.ENV.render(AWKWARD.credentials(), Options.defaults()))
        .contains(
            "export AWS_SECRET_ACCESS_KEY='q\"uote b\\ack sl/ash \u00e9 \ud83d\ude00 \u0001 tab\t'\n");
  }
}
