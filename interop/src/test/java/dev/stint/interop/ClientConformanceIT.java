package dev.stint.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code stint export --format process} against {@code /usr/bin/aws configure export-credentials
 * --format process}, both real processes on the same files and environment: where the AWS CLI
 * prints credentials stint prints the same bytes; where it fails stint fails with the same message
 * (after each tool's prefix) and a non-zero status.
 */
class ClientConformanceIT {

  private static final String KEYS_A =
      "aws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = secretA/+=\n";
  private static final String KEYS_B =
      "aws_access_key_id = AKIABBBBBBBBBBBBBBBB\naws_secret_access_key = secretB\n";
  private static final String PROCESS_JSON =
      "'{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCPROCPROCPROC\", \"SecretAccessKey\": \"p\","
          + " \"SessionToken\": \"tok\", \"Expiration\": \"2031-01-01T00:00:00Z\"}'";

  @TempDir Path dir;

  record Case(
      String name, String config, String credentials, Map<String, String> env, String profile) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case of(String name, String config, String credentials, String... env) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (int i = 0; i < env.length; i += 2) {
      environment.put(env[i], env[i + 1]);
    }
    return new Case(name, config, credentials, environment, null);
  }

  private static Case profile(String profile, Case c) {
    return new Case(c.name(), c.config(), c.credentials(), c.env(), profile);
  }

  static Stream<Arguments> cases() {
    String stint = StintCli.LAUNCHER.toString();
    List<Case> cases = new ArrayList<>();
    cases.add(of("static keys in [default] of the credentials file", "", "[default]\n" + KEYS_A));
    cases.add(of("static keys in [default] of the config file", "[default]\n" + KEYS_A, ""));
    cases.add(of("[profile default] in the config file", "[profile default]\n" + KEYS_B, ""));
    cases.add(
        of(
            "[default] and [profile default] both in the config file",
            "[default]\n" + KEYS_A + "[profile default]\n" + KEYS_B,
            ""));
    cases.add(
        of("credentials file beats config file", "[default]\n" + KEYS_B, "[default]\n" + KEYS_A));
    cases.add(
        of(
            "the keys of one profile split across both files",
            "[profile split]\naws_secret_access_key = fromconfig\n",
            "[split]\naws_access_key_id = AKIASPLITSPLITSPLITS\n",
            "AWS_PROFILE",
            "split"));
    cases.add(
        of(
            "session token in the credentials file",
            "",
            "[default]\n" + KEYS_A + "aws_session_token = FwoGZXIvYXdzEJr//////////token==\n"));
    cases.add(
        of(
            "environment keys with an expiry",
            "",
            "[default]\n" + KEYS_A,
            "AWS_ACCESS_KEY_ID",
            "ASIAENVENVENVENVENVE",
            "AWS_SECRET_ACCESS_KEY",
            "envsecret",
            "AWS_SESSION_TOKEN",
            "envtoken",
            "AWS_CREDENTIAL_EXPIRATION",
            "2031-06-01T10:20:30Z"));
    cases.add(
        of(
            "AWS_PROFILE keeps the environment keys",
            "",
            "[b]\n" + KEYS_B,
            "AWS_PROFILE",
            "b",
            "AWS_ACCESS_KEY_ID",
            "AKIAENVENVENVENVENVE",
            "AWS_SECRET_ACCESS_KEY",
            "envsecret"));
    cases.add(
        profile(
            "b",
            of(
                "--profile drops the environment keys",
                "",
                "[b]\n" + KEYS_B,
                "AWS_ACCESS_KEY_ID",
                "AKIAENVENVENVENVENVE",
                "AWS_SECRET_ACCESS_KEY",
                "envsecret")));
    cases.add(
        of(
            "AWS_PROFILE before AWS_DEFAULT_PROFILE",
            "",
            "[a]\n" + KEYS_A + "[b]\n" + KEYS_B,
            "AWS_PROFILE",
            "a",
            "AWS_DEFAULT_PROFILE",
            "b"));
    cases.add(
        of(
            "AWS_DEFAULT_PROFILE",
            "",
            "[a]\n" + KEYS_A + "[b]\n" + KEYS_B,
            "AWS_DEFAULT_PROFILE",
            "b"));
    cases.add(
        profile(
            "a",
            of(
                "--profile before AWS_PROFILE",
                "",
                "[a]\n" + KEYS_A + "[b]\n" + KEYS_B,
                "AWS_PROFILE",
                "b")));
    cases.add(
        of(
            "comments, blank lines and colons",
            "# leading comment\n; another\n\n[profile c]  # trailing\n"
                + "aws_access_key_id : AKIACCCCCCCCCCCCCCCC\n"
                + "; between\naws_secret_access_key = sec#ret;not-a-comment\n",
            "",
            "AWS_PROFILE",
            "c"));
    cases.add(
        of(
            "keys inside a sub-section do not count",
            "[profile s]\ns3 =\n  max_concurrent_requests = 20\n"
                + "  aws_access_key_id = AKIANESTEDNESTEDNEST\n"
                + KEYS_B,
            "",
            "AWS_PROFILE",
            "s"));
    cases.add(
        of(
            "AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE elsewhere",
            "",
            "",
            "AWS_SHARED_CREDENTIALS_FILE",
            "ELSEWHERE/creds"));
    cases.add(
        of(
            "credential_process, shlex-split, no shell",
            "[default]\ncredential_process = /bin/echo " + PROCESS_JSON + "\n",
            ""));
    cases.add(
        of(
            "credential_process running stint for another profile",
            "[profile app]\ncredential_process = " + stint + " credential-process --profile base\n",
            "[base]\n" + KEYS_A,
            "AWS_PROFILE",
            "app"));
    cases.add(
        of(
            "credentials file before credential_process",
            "[default]\ncredential_process = /bin/false\n",
            "[default]\n" + KEYS_A));
    cases.add(
        of(
            "credential_process before config file keys",
            "[default]\n" + KEYS_B + "credential_process = /bin/echo " + PROCESS_JSON + "\n",
            ""));
    cases.add(
        of(
            "failing credential_process",
            "[default]\ncredential_process = sh -c \"echo it broke >&2; exit 7\"\n",
            ""));
    cases.add(
        of(
            "credential_process version 2",
            "[default]\ncredential_process = /bin/echo '{\"Version\": 2}'\n",
            ""));
    cases.add(
        of("partial keys in the credentials file", "", "[default]\naws_access_key_id = AKIAX\n"));
    cases.add(of("partial environment", "", "", "AWS_ACCESS_KEY_ID", "AKIAENV"));
    cases.add(of("named profile missing", "", "[default]\n" + KEYS_A, "AWS_PROFILE", "nope"));
    cases.add(profile("nope", of("--profile missing", "", "[default]\n" + KEYS_A)));
    cases.add(of("nothing configured", "", ""));
    cases.add(
        of(
            "source_profile loop",
            "[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = q\n"
                + "[profile q]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = p\n",
            "",
            "AWS_PROFILE",
            "p"));
    cases.add(
        of(
            "source_profile that does not exist",
            "[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = ghost\n",
            "",
            "AWS_PROFILE",
            "p"));
    return cases.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void stintExportsWhatTheAwsCliExports(Case c) throws Exception {
    Path home = dir.resolve("home");
    AwsCli aws = AwsCli.v2(home);
    StintCli stint = new StintCli(home);
    for (Map.Entry<String, String> e : c.env().entrySet()) {
      String value = e.getValue().replace("ELSEWHERE", dir.resolve("elsewhere").toString());
      aws.env(e.getKey(), value);
      stint.env(e.getKey(), value);
    }
    if (!c.config().isEmpty()) {
      Files.writeString(home.resolve(".aws/config"), c.config());
    }
    if (!c.credentials().isEmpty()) {
      Files.writeString(home.resolve(".aws/credentials"), c.credentials());
    }
    if (c.env().containsKey("AWS_SHARED_CREDENTIALS_FILE")) {
      Files.createDirectories(dir.resolve("elsewhere"));
      Files.writeString(dir.resolve("elsewhere/creds"), "[default]\n" + KEYS_B);
    }
    List<String> awsArgs =
        new ArrayList<>(List.of("configure", "export-credentials", "--format", "process"));
    List<String> stintArgs = new ArrayList<>(List.of("export", "--format", "process"));
    if (c.profile() != null) {
      awsArgs.addAll(List.of("--profile", c.profile()));
      stintArgs.addAll(List.of("--profile", c.profile()));
    }

    Run.Result expected = aws.run(awsArgs.toArray(String[]::new));
    Run.Result actual = stint.run(stintArgs.toArray(String[]::new));

    if (expected.exit() == 0) {
      assertThat(actual.stderr()).isEmpty();
      assertThat(actual.exit()).isZero();
      assertThat(actual.stdout()).isEqualTo(expected.stdout());
      return;
    }
    String message =
        expected.stderr().strip().replaceFirst("^Unable to retrieve credentials: ", "");
    assertThat(actual.stdout()).isEmpty();
    assertThat(actual.exit()).as(actual.stderr()).isIn(3, 4);
    assertThat(actual.stderr()).startsWith("stint export: ");
    String ours = actual.stderr().substring("stint export: ".length()).strip();
    if (message.equals("no credentials found")) {
      assertThat(ours).startsWith("Unable to locate credentials. Looked in:\n");
    } else {
      assertThat(ours).isEqualTo(message);
    }
  }
}
