package dev.stint.interop;

import static dev.stint.interop.PortalSideChannel.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.core.internal.json.Json;
import dev.stint.server.portal.PortalSessions;
import dev.stint.server.store.PermissionSet;
import dev.stint.server.store.User;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IAM Identity Center with the real AWS CLI v2 against a real {@code ./stint server}: the
 * administrator creates a member account with {@code aws organizations}; {@code aws sso login
 * --no-browser} runs the whole device flow while the test approves the user code as the signed-in
 * person would on the device page; the SSO profile then works for {@code aws sts
 * get-caller-identity}; {@code aws sso logout} ends the token; and a token cache written by the
 * test with an expired access token is refreshed by the CLI through the OIDC refresh grant. The
 * CLI's SSO provider ignores {@code --endpoint-url}, so the endpoint rulesets of {@code
 * ../shared/tools/aws-endpoint-override.py} send {@code sso}, {@code sso-oidc} and {@code sts} to
 * the server ({@code AWS_DATA_PATH}).
 */
class SsoInteropIT {
  private static final Pattern USER_CODE =
      Pattern.compile("\\b([BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4})\\b");

  @TempDir static Path dir;
  static IdentityCenter identityCenter;
  static StintProcess server;
  static PortalSideChannel side;
  static Path models;
  static String member;
  static User alice;
  static PermissionSet readOnly;

  @BeforeAll
  static void setUp() throws Exception {
    identityCenter = IdentityCenter.start(dir);
    server = identityCenter.server();
    side = identityCenter.side();
    models = identityCenter.models();
    member = identityCenter.member();
    alice = identityCenter.alice();
    readOnly = identityCenter.assignToAlice("ReadOnly", Duration.ofHours(2));
  }

  @AfterAll
  static void stop() throws Exception {
    identityCenter.close();
  }

  private static Run.Result ok(Run.Result run) {
    assertThat(run.exit()).as(run.stderr()).isZero();
    return run;
  }

  /** A CLI v2 whose SSO profile {@code sso} uses the sso-session {@code session}. */
  private static AwsCli ssoCli(Path home, String session) throws IOException {
    AwsCli cli = AwsCli.v2(home).env("AWS_DATA_PATH", models.toString());
    Files.writeString(
        home.resolve(".aws/config"),
        "[profile sso]\n"
            + "sso_session = "
            + session
            + "\nsso_account_id = "
            + member
            + "\nsso_role_name = ReadOnly\nregion = us-east-1\n\n[sso-session "
            + session
            + "]\nsso_start_url = "
            + startUrl()
            + "\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n");
    return cli;
  }

  private static String startUrl() {
    return server.endpoint() + "/start";
  }

  private static Path cacheFile(Path home, String session) throws Exception {
    byte[] sha1 =
        MessageDigest.getInstance("SHA-1").digest(session.getBytes(StandardCharsets.UTF_8));
    return home.resolve(".aws/sso/cache/" + HexFormat.of().formatHex(sha1) + ".json");
  }

  private static String roleName() {
    return side.portal().assignments().provisionedRole(member, readOnly.id()).orElseThrow().name();
  }

  @Test
  void ssoLoginCompletesTheDeviceFlowAndTheProfileWorksUntilLogout() throws Exception {
    Path home = dir.resolve("login");
    AwsCli cli = ssoCli(home, "stint");
    PortalSessions.Created browser = side.portal().sessions().create(alice.id(), null);

    var login = cli.start("sso", "login", "--no-browser", "--profile", "sso");
    String userCode = login.await(USER_CODE);
    assertThat(side.portal().devices().approve(userCode, browser.session(), ORIGIN)).isTrue();
    Run.Result done = login.finish();
    assertThat(done.exit())
        .as(done.stdout() + done.stderr() + String.join("\n", server.log()))
        .isZero();
    assertThat(done.stdout()).contains(server.endpoint() + "/device").contains(userCode);

    Map<String, Object> cache = Json.readObject(Files.readString(cacheFile(home, "stint")));
    assertThat(cache.get("startUrl")).isEqualTo(startUrl());
    assertThat((String) cache.get("accessToken")).startsWith("sat_");
    assertThat((String) cache.get("refreshToken")).startsWith("srt_");

    var me = ok(cli.run("sts", "get-caller-identity", "--profile", "sso"));
    assertThat(Fields.of(me.stdout(), "Arn"))
        .isEqualTo("arn:aws:sts::" + member + ":assumed-role/" + roleName() + "/alice");
    assertThat(Fields.of(me.stdout(), "Account")).isEqualTo(member);

    String accessToken = (String) cache.get("accessToken");
    ok(cli.run("sso", "logout", "--profile", "sso"));
    assertThat(cacheFile(home, "stint")).doesNotExist();
    assertThat(side.portal().sessions().find(browser.id())).isEmpty();
    var refused =
        cli.run(
            "sso",
            "get-role-credentials",
            "--access-token",
            accessToken,
            "--account-id",
            member,
            "--role-name",
            "ReadOnly");
    assertThat(refused.exit()).isEqualTo(254);
    assertThat(refused.stderr())
        .isEqualTo(
            AwsCli.error(
                "UnauthorizedException",
                "GetRoleCredentials",
                "Session token not found or invalid"));
  }

  @Test
  void anExpiredAccessTokenInTheCacheIsRefreshedWithTheRefreshToken() throws Exception {
    Map<String, Object> client =
        post(
            "/client/register",
            Map.of(
                "clientName",
                "interop",
                "clientType",
                "public",
                "scopes",
                List.of("sso:account:access")));
    Map<String, Object> tokens = approvedTokens(client);

    Path home = dir.resolve("refresh");
    AwsCli cli = ssoCli(home, "stint-refresh");
    Path file = cacheFile(home, "stint-refresh");
    writeCache(file, client, tokens, Instant.parse("2020-01-01T00:00:00Z"));

    var me = ok(cli.run("sts", "get-caller-identity", "--profile", "sso"));

    assertThat(Fields.of(me.stdout(), "Arn"))
        .isEqualTo("arn:aws:sts::" + member + ":assumed-role/" + roleName() + "/alice");
    Map<String, Object> refreshed = Json.readObject(Files.readString(file));
    assertThat(refreshed.get("accessToken")).isNotEqualTo(tokens.get("accessToken"));
    assertThat(refreshed.get("refreshToken")).isNotEqualTo(tokens.get("refreshToken"));
    assertThat(Instant.parse((String) refreshed.get("expiresAt")))
        .isAfter(Instant.now().plus(Duration.ofHours(7)));
  }

  @Test
  void debianBoto3UsesTheSsoProfileAndTheSsoApi() throws Exception {
    Map<String, Object> client =
        post(
            "/client/register",
            Map.of(
                "clientName",
                "boto3",
                "clientType",
                "public",
                "scopes",
                List.of("sso:account:access")));
    Map<String, Object> tokens = approvedTokens(client);
    Path home = dir.resolve("boto3");
    Files.createDirectories(home);
    Files.writeString(
        home.resolve("config"),
        "[profile sso]\nsso_session = boto\nsso_account_id = "
            + member
            + "\nsso_role_name = ReadOnly\nregion = us-east-1\n\n[sso-session boto]\n"
            + "sso_start_url = "
            + startUrl()
            + "\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n");
    writeCache(cacheFile(home, "boto"), client, tokens, Instant.now().plus(Duration.ofHours(1)));

    var run =
        Boto3.run(
            home,
            server.endpoint(),
            "import boto3, json\n"
                + "s = boto3.Session(profile_name='sso')\n"
                + "print(json.dumps(s.client('sts').get_caller_identity()['Arn']))\n"
                + "sso = boto3.client('sso', region_name='us-east-1')\n"
                + "print(json.dumps([a['accountId'] for a in sso.list_accounts(accessToken='"
                + tokens.get("accessToken")
                + "')['accountList']]))\n",
            "AWS_DATA_PATH",
            models.toString());

    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .isEqualTo(
            "\"arn:aws:sts::"
                + member
                + ":assumed-role/"
                + roleName()
                + "/alice\"\n[\""
                + member
                + "\"]\n");
  }

  /** A device authorization for the client, approved as alice, redeemed for tokens. */
  private static Map<String, Object> approvedTokens(Map<String, Object> client) throws Exception {
    Map<String, Object> device =
        post(
            "/device_authorization",
            Map.of(
                "clientId", client.get("clientId"),
                "clientSecret", client.get("clientSecret"),
                "startUrl", startUrl()));
    assertThat(side.portal().devices().approve((String) device.get("userCode"), alice.id(), ORIGIN))
        .isTrue();
    return post(
        "/token",
        Map.of(
            "clientId", client.get("clientId"),
            "clientSecret", client.get("clientSecret"),
            "grantType", "urn:ietf:params:oauth:grant-type:device_code",
            "deviceCode", device.get("deviceCode")));
  }

  /** The token cache file as the AWS CLI writes it. */
  private static void writeCache(
      Path file, Map<String, Object> client, Map<String, Object> tokens, Instant expiresAt)
      throws IOException {
    var cache = new LinkedHashMap<String, Object>();
    cache.put("startUrl", startUrl());
    cache.put("region", "us-east-1");
    cache.put("accessToken", tokens.get("accessToken"));
    cache.put("expiresAt", expiresAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    cache.put("clientId", client.get("clientId"));
    cache.put("clientSecret", client.get("clientSecret"));
    cache.put(
        "registrationExpiresAt",
        Instant.ofEpochSecond((Long) client.get("clientSecretExpiresAt")).toString());
    cache.put("refreshToken", tokens.get("refreshToken"));
    Files.createDirectories(file.getParent());
    Files.writeString(file, Json.write(cache, Json.Style.COMPACT));
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Map<String, Object> post(String path, Map<String, Object> body) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body, Json.Style.COMPACT)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.readObject(response.body());
  }
}
