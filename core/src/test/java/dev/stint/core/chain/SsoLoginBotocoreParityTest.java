package dev.stint.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.core.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI v2's own sign-in code ({@code SSOTokenFetcher} of its vendored botocore, with its
 * {@code JSONFileCache} and {@code _sso_json_dumps}), driven with the same OIDC answers at the same
 * instant, writes the same files under the same names as {@link SsoLogin}: the answer comes from
 * outside, not from our own output.
 */
class SsoLoginBotocoreParityTest {

  private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

  /** The device code flow of the AWS CLI v2 with a stub OIDC client; argv: cache dir, cases. */
  private static final String CLI_LOGIN =
      """
      import sys, json, datetime
      import awscli  # maps botocore to the AWS CLI v2's own copy
      from botocore.utils import SSOTokenFetcher, JSONFileCache
      from awscli.customizations.sso.utils import _sso_json_dumps
      from dateutil.tz import tzutc

      class Pending(Exception): pass
      class SlowDown(Exception): pass
      class Expired(Exception): pass
      class Exceptions:
          AuthorizationPendingException = Pending
          SlowDownException = SlowDown
          ExpiredTokenException = Expired

      class Client:
          exceptions = Exceptions
          def register_client(self, **kwargs):
              return {'clientId': 'cid-1', 'clientSecret': 'csecret',
                      'clientIdIssuedAt': 1893499200, 'clientSecretExpiresAt': 1901275200}
          def start_device_authorization(self, **kwargs):
              return {'deviceCode': 'dev-code', 'userCode': 'BCDF-GHJK',
                      'verificationUri': 'http://portal.test/device',
                      'verificationUriComplete': 'http://portal.test/device?user_code=BCDF-GHJK',
                      'expiresIn': 600, 'interval': 2}
          def create_token(self, **kwargs):
              return {'accessToken': 'sat_access', 'tokenType': 'Bearer', 'expiresIn': 28800,
                      'refreshToken': 'srt_refresh'}

      now = datetime.datetime(2030, 1, 1, 12, 0, 0, tzinfo=tzutc())
      fetcher = SSOTokenFetcher(
          'eu-central-1', lambda *a, **k: Client(),
          cache=JSONFileCache(sys.argv[1], dumps_func=_sso_json_dumps),
          on_pending_authorization=lambda **k: None,
          time_fetcher=lambda: now, sleep=lambda s: None)
      fetcher.fetch_token('https://corp.example/start',
                          registration_scopes=['sso:account:access'], session_name='corp')
      for start_url, session, scopes in json.loads(sys.argv[2]):
          print(fetcher._registration_cache_key(start_url, session, scopes))
      """;

  @TempDir Path dir;
  private FakeAws aws;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeAws();
    aws.on(
        "POST /client/register",
        r ->
            FakeAws.Answer.json(
                "{\"clientId\":\"cid-1\",\"clientSecret\":\"csecret\",\"clientIdIssuedAt\":"
                    + "1893499200,\"clientSecretExpiresAt\":1901275200}"));
    aws.on(
        "POST /device_authorization",
        r ->
            FakeAws.Answer.json(
                "{\"deviceCode\":\"dev-code\",\"userCode\":\"BCDF-GHJK\",\"verificationUri\":"
                    + "\"http://portal.test/device\",\"verificationUriComplete\":"
                    + "\"http://portal.test/device?user_code=BCDF-GHJK\",\"expiresIn\":600,"
                    + "\"interval\":2}"));
    aws.on(
        "POST /token",
        r ->
            FakeAws.Answer.json(
                "{\"accessToken\":\"sat_access\",\"tokenType\":\"Bearer\",\"expiresIn\":28800,"
                    + "\"refreshToken\":\"srt_refresh\"}"));
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  private static Map<String, String> files(Path directory) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> listing = Files.list(directory)) {
      for (Path file : listing.filter(p -> p.toString().endsWith(".json")).toList()) {
        files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  @Test
  void theDeviceCodeSignInLeavesWhatTheAwsCliLeavesAndNamesRegistrationsAsItDoes()
      throws Exception {
    List<List<Object>> cases =
        List.of(
            java.util.Arrays.asList(
                "https://corp.example/start", "corp", List.of("sso:account:access")),
            java.util.Arrays.asList("https://corp.example/start", null, null),
            java.util.Arrays.asList(
                "https://x.example/start", "caf\u00e9 \"1\"", List.of("a", "b:c")),
            java.util.Arrays.asList("https://x.example/start", "s", List.of()));
    Path cliCache = dir.resolve("cli-home/.aws/sso/cache");
    Programs.Result cli =
        Programs.run(
            List.of(
                "/usr/bin/python3",
                "-c",
                CLI_LOGIN,
                cliCache.toString(),
                Json.write(cases, Json.Style.COMPACT)),
            dir,
            Map.of("PATH", "/usr/bin:/bin"));
    assertThat(cli.exitCode()).as("stderr: %s", cli.stderr()).isZero();

    Path home = dir.resolve("stint-home");
    TestHome.config(
        home,
        "[sso-session corp]\nsso_start_url = https://corp.example/start\n"
            + "sso_region = eu-central-1\nsso_registration_scopes = sso:account:access\n");
    SsoLogin sso =
        SsoLogin.builder()
            .environment(Map.of("AWS_ENDPOINT_URL", aws.uri().toString()))
            .home(home)
            .clock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC))
            .profile(Optional.empty())
            .sleeper(duration -> {})
            .build();
    sso.login(
        sso.session(Optional.of("corp")),
        SsoLogin.Flow.DEVICE_CODE,
        new SsoLogin.Prompt() {
          @Override
          public void deviceCode(SsoLogin.DeviceCode code) {}

          @Override
          public void authorizationPage(java.net.URI page) {}
        });

    assertThat(files(home.resolve(".aws/sso/cache"))).isEqualTo(files(cliCache)).hasSize(2);
    List<String> keys = cli.stdout().lines().toList();
    for (int i = 0; i < cases.size(); i++) {
      List<Object> c = cases.get(i);
      @SuppressWarnings("unchecked")
      List<String> scopes = (List<String>) c.get(2);
      SsoLogin.Session session =
          new SsoLogin.Session(
              (String) c.get(0),
              "eu-central-1",
              Optional.ofNullable((String) c.get(1)),
              Optional.ofNullable(scopes));
      assertThat(SsoRegistrations.key(session)).as("case %s", c).isEqualTo(keys.get(i));
    }
  }
}
