package dev.stint.interop;

import static dev.stint.interop.PortalSideChannel.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.core.internal.json.Json;
import dev.stint.server.portal.PortalSessions;
import dev.stint.server.store.PermissionSet;
import dev.stint.server.store.User;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.AccountInfo;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;

/**
 * {@code stint login}, {@code stint configure sso} and {@code stint logout} against a real {@code
 * ./stint server}, with the token cache they write used by clients stint did not write: the AWS CLI
 * v2 (through {@code AWS_DATA_PATH} endpoint rulesets, as its SSO provider ignores endpoint
 * variables), the image's modern boto3 ({@code AWS_ENDPOINT_URL_SSO}, {@code AWS_ENDPOINT_URL_STS})
 * and the AWS SDK for Java v2. The person's part is played by the test: approving a device code as
 * the device page would (through the portal's services), or, for the browser flow, signing in and
 * allowing the {@code /authorize} page over HTTP with a cookie jar, through the server's real
 * pages.
 */
class LoginInteropIT {
  private static final Pattern USER_CODE =
      Pattern.compile("^([BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4})$");

  @TempDir static Path dir;
  static IdentityCenter identityCenter;
  static StintProcess server;
  static PortalSideChannel side;
  static Path models;
  static String member;
  static User alice;
  static PermissionSet readOnly;
  static PermissionSet billing;

  @BeforeAll
  static void setUp() throws Exception {
    identityCenter = IdentityCenter.start(dir);
    server = identityCenter.server();
    side = identityCenter.side();
    models = identityCenter.models();
    member = identityCenter.member();
    alice = identityCenter.alice();
    readOnly = identityCenter.assignToAlice("ReadOnly", Duration.ofHours(2));
    billing = identityCenter.assignToAlice("Billing", Duration.ofHours(1));
  }

  @AfterAll
  static void stop() throws Exception {
    identityCenter.close();
  }

  private static Run.Result ok(Run.Result run) {
    assertThat(run.exit()).as(run.stdout() + run.stderr()).isZero();
    return run;
  }

  private static String startUrl() {
    return server.endpoint() + "/start";
  }

  /** stint with its own home, every Identity Center call sent to the server. */
  private static StintCli stint(Path home) throws IOException {
    return new StintCli(home).env("AWS_ENDPOINT_URL", server.endpoint());
  }

  /** The AWS CLI v2 on the same home, its SSO and STS calls sent to the server. */
  private static AwsCli awsCli(Path home) throws IOException {
    return AwsCli.v2(home).env("AWS_DATA_PATH", models.toString());
  }

  /** A profile {@code name} on the sso-session {@code session}, for the ReadOnly role. */
  private static void config(Path home, String name, String session) throws IOException {
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(
        home.resolve(".aws/config"),
        "[profile "
            + name
            + "]\nsso_session = "
            + session
            + "\nsso_account_id = "
            + member
            + "\nsso_role_name = ReadOnly\nregion = us-east-1\n\n[sso-session "
            + session
            + "]\nsso_start_url = "
            + startUrl()
            + "\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n");
  }

  private static Path tokenFile(Path home, String session) throws Exception {
    byte[] sha1 =
        MessageDigest.getInstance("SHA-1").digest(session.getBytes(StandardCharsets.UTF_8));
    return home.resolve(".aws/sso/cache/" + HexFormat.of().formatHex(sha1) + ".json");
  }

  private static String arn(PermissionSet set) {
    String role =
        side.portal().assignments().provisionedRole(member, set.id()).orElseThrow().name();
    assertThat(role).startsWith("AWSReservedSSO_" + set.name() + "_");
    return "arn:aws:sts::" + member + ":assumed-role/" + role + "/alice";
  }

  /** {@code stint ARGS --device-code}, with the code it shows approved as alice's browser would. */
  private static Run.Result deviceSignIn(
      StintCli stint, PortalSessions.Created browser, String... args) throws Exception {
    Run.Running login = stint.begin(args);
    String userCode = login.await(USER_CODE);
    assertThat(side.portal().devices().approve(userCode, browser.session(), ORIGIN)).isTrue();
    Run.Result done = login.finish();
    assertThat(done.exit())
        .as(done.stdout() + done.stderr() + String.join("\n", server.log()))
        .isZero();
    assertThat(done.stderr())
        .contains("\n" + server.endpoint() + "/device\n")
        .contains("\n" + server.endpoint() + "/device?user_code=" + userCode + "\n");
    return done;
  }

  @Test
  void aDeviceCodeSignInServesTheAwsCliBoto3AndTheJavaSdkUntilLogout() throws Exception {
    Path home = dir.resolve("device");
    config(home, "sso", "corp");
    StintCli stint = stint(home);
    PortalSessions.Created browser = side.portal().sessions().create(alice.id(), null);

    Run.Result login =
        deviceSignIn(stint, browser, "login", "--profile", "sso", "--device-code", "--no-browser");

    assertThat(login.stdout())
        .isEqualTo("Successfully logged into Start URL: " + startUrl() + "\n");
    Path token = tokenFile(home, "corp");
    Map<String, Object> cache = Json.readObject(Files.readString(token));
    assertThat(cache.keySet())
        .containsExactly(
            "startUrl",
            "region",
            "accessToken",
            "expiresAt",
            "clientId",
            "clientSecret",
            "registrationExpiresAt",
            "refreshToken");
    assertThat(cache.get("startUrl")).isEqualTo(startUrl());
    String accessToken = (String) cache.get("accessToken");
    assertThat(accessToken).startsWith("sat_");
    assertThat((String) cache.get("expiresAt"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    // The AWS CLI v2's SSO provider uses the token it did not write.
    var me = ok(awsCli(home).run("sts", "get-caller-identity", "--profile", "sso"));
    assertThat(Fields.of(me.stdout(), "Arn")).isEqualTo(arn(readOnly));
    assertThat(Fields.of(me.stdout(), "Account")).isEqualTo(member);

    // So does modern boto3, with nothing but endpoint variables.
    var boto =
        modernBoto3(
            home,
            "print(boto3.Session(profile_name='sso').client('sts').get_caller_identity()['Arn'])\n");
    assertThat(boto.exit()).as(boto.stderr()).isZero();
    assertThat(boto.stdout()).isEqualTo(arn(readOnly) + "\n");

    // And the SDK for Java v2's portal and OIDC clients, with the cached token and client.
    try (SsoClient sdk = ssoClient()) {
      assertThat(sdk.listAccounts(b -> b.accessToken(accessToken)).accountList())
          .extracting(AccountInfo::accountId)
          .containsExactly(member);
      RoleCredentials role =
          sdk.getRoleCredentials(
                  b -> b.accessToken(accessToken).accountId(member).roleName("ReadOnly"))
              .roleCredentials();
      assertThat(role.accessKeyId()).startsWith("ASIA");
    }
    try (SsoOidcClient oidc = oidcClient()) {
      CreateTokenResponse refreshed =
          oidc.createToken(
              b ->
                  b.grantType("refresh_token")
                      .clientId((String) cache.get("clientId"))
                      .clientSecret((String) cache.get("clientSecret"))
                      .refreshToken((String) cache.get("refreshToken")));
      assertThat(refreshed.accessToken()).startsWith("sat_").isNotEqualTo(accessToken);
      assertThat(refreshed.expiresIn()).isEqualTo(8 * 3600);
    }

    Path roleCache = home.resolve(".aws/cli/cache");
    List<Path> cachedRoles = jsonFiles(roleCache);
    assertThat(cachedRoles).hasSize(1); // the AWS CLI cached the role credentials
    assertThat(Json.readObject(Files.readString(cachedRoles.get(0))))
        .containsEntry("ProviderType", "sso");
    var logout = ok(stint.run("logout"));
    assertThat(logout.stdout())
        .isEqualTo("Logged out: removed 1 sign-in token and 1 cached role credential.\n");
    assertThat(token).doesNotExist();
    assertThat(jsonFiles(roleCache)).isEmpty();
    assertThat(side.portal().sessions().find(browser.id())).isEmpty();
    var refused =
        awsCli(home)
            .run(
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
  void theBrowserSignInGoesThroughTheSignInAndAuthorizePagesBackToStint() throws Exception {
    Path home = dir.resolve("pkce");
    config(home, "sso", "web");
    Path url = home.resolve("opened-url");
    Path browserScript = home.resolve("browser");
    Files.writeString(browserScript, "#!/bin/sh\nprintf '%s' \"$1\" > '" + url + "'\n");
    browserScript.toFile().setExecutable(true);
    StintCli stint = stint(home).env("BROWSER", browserScript.toString());

    Run.Running login = stint.begin("login", "--profile", "sso");
    String page = awaitFile(url);
    assertThat(page).startsWith(server.endpoint() + "/authorize?response_type=code&client_id=");
    String back = approveInBrowser(page);
    assertThat(back).matches("http://127\\.0\\.0\\.1:\\d+/oauth/callback\\?code=sac_.*&state=.*");
    Run.Result done = login.finish();

    assertThat(done.exit()).as(done.stdout() + done.stderr()).isZero();
    assertThat(done.stdout()).isEqualTo("Successfully logged into Start URL: " + startUrl() + "\n");
    assertThat(done.stderr()).contains("\n" + page + "\n");
    assertThat(
            (String) Json.readObject(Files.readString(tokenFile(home, "web"))).get("refreshToken"))
        .startsWith("srt_");
    var me = ok(awsCli(home).run("sts", "get-caller-identity", "--profile", "sso"));
    assertThat(Fields.of(me.stdout(), "Arn")).isEqualTo(arn(readOnly));
    // stint's own chain reads it too.
    var whoami = ok(stint.run("whoami", "--profile", "sso"));
    assertThat(Fields.of(whoami.stdout(), "Arn")).isEqualTo(arn(readOnly));
  }

  @Test
  void configureSsoWritesASessionAndAProfilePerRoleThatTheAwsCliUses() throws Exception {
    Path home = dir.resolve("configure");
    Files.createDirectories(home.resolve(".aws"));
    String mine = "# mine\n[default]\nregion = eu-west-1 ; keep this\n";
    Files.writeString(home.resolve(".aws/config"), mine);
    StintCli stint = stint(home);
    PortalSessions.Created browser = side.portal().sessions().create(alice.id(), null);

    Run.Result done =
        deviceSignIn(
            stint,
            browser,
            "configure",
            "sso",
            "--sso-session",
            "team",
            "--start-url",
            startUrl(),
            "--region",
            "us-east-1",
            "--all",
            "--device-code",
            "--no-browser");

    String configFile = home.resolve(".aws/config").toString();
    assertThat(done.stdout())
        .isEqualTo(
            "Successfully logged into Start URL: "
                + startUrl()
                + "\nWrote profile Billing-"
                + member
                + " (account "
                + member
                + ", role Billing) to "
                + configFile
                + "\nWrote profile ReadOnly-"
                + member
                + " (account "
                + member
                + ", role ReadOnly) to "
                + configFile
                + "\n");
    String profile =
        "]\nsso_session = team\nsso_account_id = "
            + member
            + "\nsso_role_name = %s\nregion = us-east-1\noutput = json\n";
    assertThat(Files.readString(home.resolve(".aws/config")))
        .isEqualTo(
            mine
                + "\n[sso-session team]\nsso_start_url = "
                + startUrl()
                + "\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n"
                + "\n[profile Billing-"
                + member
                + profile.formatted("Billing")
                + "\n[profile ReadOnly-"
                + member
                + profile.formatted("ReadOnly"));
    for (PermissionSet set : List.of(readOnly, billing)) {
      var me =
          ok(
              awsCli(home)
                  .run("sts", "get-caller-identity", "--profile", set.name() + "-" + member));
      assertThat(Fields.of(me.stdout(), "Arn")).isEqualTo(arn(set));
    }
  }

  // ---- the browser's part of the PKCE flow

  /** Waits (bounded) for the browser script to have written the page it was given. */
  private static String awaitFile(Path file) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (Files.exists(file) && Files.size(file) > 0) {
        return Files.readString(file);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the browser was not started within 60 s");
  }

  /**
   * Does what alice does in her browser: opens the page, is sent to sign in, signs in with her
   * password, comes back to the page and allows it; then follows the answer to stint's listener.
   * Returns where the portal sent the browser back to.
   */
  private static String approveInBrowser(String page) throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<String> first = get(browser, page);
    assertThat(first.statusCode()).isEqualTo(303);
    String signIn = first.headers().firstValue("Location").orElseThrow();
    assertThat(signIn).startsWith("/portal/signin?next=");
    HttpResponse<String> form = get(browser, server.endpoint() + signIn);
    assertThat(form.statusCode()).isEqualTo(200);
    Map<String, String> fields = hiddenFields(form.body());
    fields.put("username", "alice");
    fields.put("password", IdentityCenter.PASSWORD);
    HttpResponse<String> signedIn = post(browser, server.endpoint() + "/portal/signin", fields);
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
    String next = signedIn.headers().firstValue("Location").orElseThrow();
    assertThat(server.endpoint() + next).isEqualTo(page);
    HttpResponse<String> consent = get(browser, page);
    assertThat(consent.statusCode()).isEqualTo(200);
    assertThat(consent.body()).contains("Allow access?");
    Map<String, String> answer = hiddenFields(consent.body());
    answer.put("decision", "allow");
    HttpResponse<String> allowed = post(browser, server.endpoint() + "/authorize", answer);
    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(303);
    String back = allowed.headers().firstValue("Location").orElseThrow();
    assertThat(get(browser, back).statusCode()).isEqualTo(200);
    return back;
  }

  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

  private static Map<String, String> hiddenFields(String html) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = HIDDEN.matcher(html);
    while (m.find()) {
      fields.put(m.group(1), unescape(m.group(2)));
    }
    assertThat(fields).containsKey("csrf");
    return fields;
  }

  private static String unescape(String html) {
    return html.replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  private static HttpResponse<String> get(HttpClient browser, String uri) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(uri)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(HttpClient browser, String uri, Map<String, String> form)
      throws Exception {
    List<String> pairs = new ArrayList<>();
    form.forEach(
        (k, v) ->
            pairs.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return browser.send(
        HttpRequest.newBuilder(URI.create(uri))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", server.endpoint())
            .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  // ---- other clients

  private static List<Path> jsonFiles(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.toString().endsWith(".json")).toList();
    }
  }

  /**
   * The image's Python with modern boto3 (the {@code python3} on the test's PATH, not Debian's),
   * which honours {@code AWS_ENDPOINT_URL_SSO} and {@code AWS_ENDPOINT_URL_STS}.
   */
  private static Run.Result modernBoto3(Path home, String script) throws Exception {
    Run.Result where =
        Run.of(dir, List.of("python3", "-c", "import sys, boto3; print(sys.executable)")).call();
    assertThat(where.exit()).as(where.stderr()).isZero();
    String python = where.stdout().strip();
    assertThat(python).isNotEqualTo("/usr/bin/python3");
    return Run.of(home, List.of(python, "-c", "import boto3\n" + script))
        .clearEnv()
        .env("HOME", home.toString())
        .env("PATH", "/usr/bin:/bin")
        .env("AWS_CONFIG_FILE", home.resolve(".aws/config").toString())
        .env("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("AWS_ENDPOINT_URL_SSO", server.endpoint())
        .env("AWS_ENDPOINT_URL_STS", server.endpoint())
        .call();
  }

  private static SsoClient ssoClient() {
    return SsoClient.builder()
        .endpointOverride(URI.create(server.endpoint()))
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .build();
  }

  private static SsoOidcClient oidcClient() {
    return SsoOidcClient.builder()
        .endpointOverride(URI.create(server.endpoint()))
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .build();
  }
}
