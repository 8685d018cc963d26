package dev.stint.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.core.internal.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AWS CLI and the chain share {@code ~/.aws/cli/cache}: what one writes the other uses, with no
 * call to STS. The AWS CLI runs with its HTTPS proxy set to a closed loopback port, so a cache miss
 * on its side fails the test instead of reaching the network.
 */
class CacheInteropTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/admin";
  private static final String PROFILES =
      "[profile admin]\nrole_arn = "
          + ROLE
          + "\nsource_profile = base\nrole_session_name = alice\nexternal_id = ext-1\n"
          + "duration_seconds = 1800\n";

  @TempDir Path home;
  private FakeAws sts;

  @BeforeEach
  void start() throws Exception {
    sts = new FakeAws();
    sts.on(
        "POST /",
        request ->
            FakeAws.Answer.xml(
                FakeAws.assumeRoleXml(
                    "AssumeRole",
                    "ASIAFROMSTINT",
                    Chains.NOW.plus(Duration.ofHours(1)).toString(),
                    ROLE,
                    "alice")));
    TestHome.config(home, PROFILES);
    TestHome.credentials(
        home, "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n");
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  private static Map<String, String> offline(Path home) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("PATH", "/usr/bin:/bin");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("HTTPS_PROXY", "http://127.0.0.1:9");
    env.put("HTTP_PROXY", "http://127.0.0.1:9");
    env.put("AWS_MAX_ATTEMPTS", "1");
    return env;
  }

  @Test
  void theAwsCliUsesWhatTheChainCached() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ENDPOINT_URL_STS", sts.uri().toString());
    Chains.builder(home, env).profile("admin").build().resolve();
    assertThat(sts.received("POST /")).hasSize(1);

    Programs.Result cli =
        Programs.run(
            List.of(
                Programs.AWS_CLI,
                "configure",
                "export-credentials",
                "--profile",
                "admin",
                "--format",
                "process"),
            home,
            offline(home));
    assertThat(cli.exitCode()).as("stderr: %s", cli.stderr()).isZero();
    Map<String, Object> printed = Json.readObject(cli.stdout());
    assertThat(printed.get("AccessKeyId")).isEqualTo("ASIAFROMSTINT");
    assertThat(printed.get("SessionToken")).isEqualTo("token-of-ASIAFROMSTINT");
    assertThat(printed.get("Expiration")).isEqualTo("2030-01-01T13:00:00+00:00");
  }

  /**
   * botocore writes the entry with its own {@code JSONFileCache} under the key its own fetcher
   * computes; the chain must find it there and not call STS.
   */
  @ParameterizedTest
  @ValueSource(strings = {"python3", "/usr/bin/python3"})
  void theChainUsesWhatBotocoreCached(String python) throws Exception {
    String program =
        """
        import sys, datetime
        if sys.argv[0] == '-c' and sys.executable == '/usr/bin/python3':
            import awscli  # the AWS CLI v2's own botocore
        from botocore.credentials import AssumeRoleCredentialFetcher, Credentials
        from botocore.utils import JSONFileCache
        from dateutil.tz import tzutc
        cache = JSONFileCache(sys.argv[1])
        fetcher = AssumeRoleCredentialFetcher(
            client_creator=None, source_credentials=Credentials('a', 'b'), role_arn=sys.argv[2],
            extra_args={'RoleSessionName': 'alice', 'ExternalId': 'ext-1', 'DurationSeconds': 1800},
            cache=cache)
        cache[fetcher._cache_key] = {
            'Credentials': {'AccessKeyId': 'ASIAFROMBOTO', 'SecretAccessKey': 's',
                            'SessionToken': 't',
                            'Expiration': datetime.datetime(2030, 1, 1, 14, 0, tzinfo=tzutc())},
            'AssumedRoleUser': {'AssumedRoleId': 'AROA:alice', 'Arn': 'arn'},
            'ResponseMetadata': {'RequestId': 'r', 'HTTPStatusCode': 200}}
        print(fetcher._cache_key)
        """;
    Programs.Result result =
        Programs.run(
            List.of(python, "-c", program, home.resolve(".aws/cli/cache").toString(), ROLE),
            home,
            Map.of("PATH", "/root/.pyenv/shims:/usr/bin:/bin"));
    assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isZero();

    Map<String, Object> arguments = new java.util.LinkedHashMap<>();
    arguments.put("RoleSessionName", "alice");
    arguments.put("ExternalId", "ext-1");
    arguments.put("DurationSeconds", 1800L);
    arguments.put("RoleArn", ROLE);
    assertThat(CliCache.roleKey(arguments)).isEqualTo(result.stdout().strip());

    Map<String, String> env = new HashMap<>();
    env.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9");
    ResolvedCredentials resolved = Chains.builder(home, env).profile("admin").build().resolve();
    assertThat(resolved.credentials().accessKeyId()).isEqualTo("ASIAFROMBOTO");
    assertThat(resolved.expiry()).contains(java.time.Instant.parse("2030-01-01T14:00:00Z"));
  }

  @Test
  void theAwsCliUsesSsoRoleCredentialsTheChainCached() throws Exception {
    TestHome.config(
        home,
        "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n"
            + "[sso-session corp]\nsso_start_url = https://corp.example/start\n"
            + "sso_region = eu-west-1\n");
    TestHome.write(
        home.resolve(".aws/sso/cache/" + CliCache.sha1("corp") + ".json"),
        "{\"startUrl\": \"https://corp.example/start\", \"region\": \"eu-west-1\", \"accessToken\":"
            + " \"tok\", \"expiresAt\": \"2030-01-01T20:00:00Z\"}");
    sts.on(
        "GET /federation/credentials",
        request ->
            FakeAws.Answer.json(
                "{\"roleCredentials\":{\"accessKeyId\":\"ASIASSOSTINT\",\"secretAccessKey\":\"s\","
                    + "\"sessionToken\":\"t\",\"expiration\":"
                    + Chains.NOW.plus(Duration.ofHours(1)).toEpochMilli()
                    + "}}"));
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ENDPOINT_URL_SSO", sts.uri().toString());
    Chains.builder(home, env).profile("dev").build().resolve();

    Programs.Result cli =
        Programs.run(
            List.of(
                Programs.AWS_CLI,
                "configure",
                "export-credentials",
                "--profile",
                "dev",
                "--format",
                "process"),
            home,
            offline(home));
    assertThat(cli.exitCode()).as("stderr: %s", cli.stderr()).isZero();
    assertThat(Json.readObject(cli.stdout()).get("AccessKeyId")).isEqualTo("ASIASSOSTINT");
  }
}
