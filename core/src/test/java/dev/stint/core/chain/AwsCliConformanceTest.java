package dev.stint.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stint.core.internal.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chain against the real AWS CLI v2 ({@code aws configure export-credentials --format process})
 * on the same files and environment, for everything that needs no network: the chain must resolve
 * the same credentials the CLI prints, and fail with the CLI's message where the CLI fails.
 */
class AwsCliConformanceTest {

  @TempDir Path home;

  record Case(
      String name,
      String config,
      String credentials,
      Map<String, String> environment,
      Optional<String> profile) {
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
    return new Case(name, config, credentials, environment, Optional.empty());
  }

  private static Case withProfile(Case c, String profile) {
    return new Case(c.name(), c.config(), c.credentials(), c.environment(), Optional.of(profile));
  }

  private static final String KEYS_A =
      "aws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = secretA/+=\n";
  private static final String KEYS_B =
      "aws_access_key_id = AKIABBBBBBBBBBBBBBBB\naws_secret_access_key = secretB\n";

  static Stream<Arguments> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(of("credentials file default", "", "[default]\n" + KEYS_A));
    cases.add(of("config file default", "[default]\n" + KEYS_A, ""));
    cases.add(of("credentials file beats config", "[default]\n" + KEYS_B, "[default]\n" + KEYS_A));
    cases.add(
        of(
            "session token in the file",
            "",
            "[default]\n" + KEYS_A + "aws_session_token = FwoGZXIvYXdzEJr//////////token==\n"));
    cases.add(
        of(
            "environment",
            "",
            "[default]\n" + KEYS_A,
            "AWS_ACCESS_KEY_ID",
            "AKIAENVENVENVENVENVE",
            "AWS_SECRET_ACCESS_KEY",
            "envsecret",
            "AWS_SESSION_TOKEN",
            "envtoken",
            "AWS_CREDENTIAL_EXPIRATION",
            "2031-06-01T10:20:30Z"));
    cases.add(
        of(
            "AWS_PROFILE does not drop the environment",
            "",
            "[b]\n" + KEYS_B,
            "AWS_PROFILE",
            "b",
            "AWS_ACCESS_KEY_ID",
            "AKIAENVENVENVENVENVE",
            "AWS_SECRET_ACCESS_KEY",
            "envsecret"));
    cases.add(
        withProfile(
            of(
                "--profile drops the environment",
                "",
                "[b]\n" + KEYS_B,
                "AWS_ACCESS_KEY_ID",
                "AKIAENVENVENVENVENVE",
                "AWS_SECRET_ACCESS_KEY",
                "envsecret"),
            "b"));
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
        of(
            "comments and blank lines",
            "# leading comment\n; another\n\n[profile c]  # trailing\n"
                + "aws_access_key_id = AKIACCCCCCCCCCCCCCCC\n"
                + "; between\naws_secret_access_key = sec#ret;not-a-comment\n",
            "",
            "AWS_PROFILE",
            "c"));
    cases.add(
        of(
            "sub-sections are skipped over",
            "[profile s]\ns3 =\n  max_concurrent_requests = 20\n  aws_access_key_id = AKIANESTEDNESTEDNEST\n"
                + KEYS_B,
            "",
            "AWS_PROFILE",
            "s"));
    cases.add(of("[profile default] in config", "[profile default]\n" + KEYS_B, ""));
    cases.add(
        of(
            "credential_process, shlex-split, no shell",
            "[default]\ncredential_process = /bin/echo '{\"Version\": 1, \"AccessKeyId\":"
                + " \"AKIAPROCPROCPROCPROC\", \"SecretAccessKey\": \"$HOME ~\", \"SessionToken\":"
                + " \"tok\", \"Expiration\": \"2031-01-01T00:00:00Z\"}'\n",
            ""));
    cases.add(
        of(
            "credentials file before credential_process",
            "[default]\ncredential_process = /bin/false\n",
            "[default]\n" + KEYS_A));
    cases.add(
        of(
            "credential_process before config keys",
            "[default]\n"
                + KEYS_B
                + "credential_process = /bin/echo '{\"Version\":1,\"AccessKeyId\":\"AKIAPROC2PROC2PROC2P\",\"SecretAccessKey\":\"p\"}'\n",
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
    cases.add(
        of(
            "SSO profile missing settings",
            "[profile s]\nsso_account_id = 111122223333\n",
            "",
            "AWS_PROFILE",
            "s"));
    cases.add(
        of(
            "SSO profile without a token",
            "[profile s]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n"
                + "[sso-session corp]\nsso_start_url = https://corp.example/start\n"
                + "sso_region = eu-west-1\n",
            "",
            "AWS_PROFILE",
            "s"));
    return cases.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolvesWhatTheAwsCliResolves(Case c) throws Exception {
    if (!c.config().isEmpty()) {
      TestHome.config(home, c.config());
    }
    if (!c.credentials().isEmpty()) {
      TestHome.credentials(home, c.credentials());
    }
    Map<String, String> env = new HashMap<>(c.environment());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", home.toString());
    List<String> command =
        new ArrayList<>(
            List.of(Programs.AWS_CLI, "configure", "export-credentials", "--format", "process"));
    c.profile().ifPresent(p -> command.addAll(List.of("--profile", p)));
    Programs.Result cli = Programs.run(command, home, env);

    CredentialChain.Builder builder = Chains.builder(home, env);
    c.profile().ifPresent(builder::profile);
    Throwable failure = catchThrowable(() -> builder.build().resolve());
    if (cli.exitCode() == 0) {
      assertThat(failure).as("the AWS CLI resolved credentials; so must the chain").isNull();
      ResolvedCredentials ours = builder.build().resolve();
      Map<String, Object> printed = Json.readObject(cli.stdout());
      assertThat(ours.credentials().accessKeyId()).isEqualTo(printed.get("AccessKeyId"));
      assertThat(ours.credentials().secretAccessKey()).isEqualTo(printed.get("SecretAccessKey"));
      assertThat(ours.credentials().sessionToken()).isEqualTo(printed.get("SessionToken"));
      assertThat(ours.expiry().orElse(null))
          .isEqualTo(
              printed.get("Expiration") == null
                  ? null
                  : Instant.parse(((String) printed.get("Expiration")).replace("+00:00", "Z")));
    } else {
      String cliMessage =
          cli.stderr().strip().replaceFirst("^Unable to retrieve credentials: ", "");
      assertThat(failure).as("the AWS CLI failed with: %s", cliMessage).isNotNull();
      if (cliMessage.equals("no credentials found")) {
        assertThat(failure).isInstanceOf(CredentialException.NotFound.class);
      } else {
        assertThat(failure.getMessage().strip()).isEqualTo(cliMessage);
      }
    }
  }
}
