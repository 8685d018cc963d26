package dev.stint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.core.internal.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stint login}, {@code stint logout} and {@code stint configure sso} against a loopback
 * Identity Center: what the person is told, what is written, and the exit status of each failure.
 */
class SsoCommandsTest {

  private static final String CONFIG =
      "# my settings\n[default]\nregion = eu-west-1\n\n[profile dev]\nsso_session = corp\n"
          + "sso_account_id = 111\nsso_role_name = Admin\n\n[sso-session corp]\n"
          + "sso_start_url = https://corp.example/start\nsso_region = eu-central-1\n\n"
          + "[profile nosso]\noutput=text\n";

  @TempDir Path home;
  private FakeSso sso;
  private Stint stint;

  @BeforeEach
  void start() throws Exception {
    sso = new FakeSso().signInWorks();
    stint = new Stint(home).env("AWS_ENDPOINT_URL", sso.url()).config(CONFIG);
  }

  @AfterEach
  void stop() {
    sso.close();
  }

  private Path tokenFile(String name) throws Exception {
    byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(name.getBytes(StandardCharsets.UTF_8));
    return home.resolve(".aws/sso/cache/" + HexFormat.of().formatHex(sha1) + ".json");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      values.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return values;
  }

  @Test
  void loginWithTheDeviceCodeShowsTheCodeAndCachesTheToken() throws Exception {
    var result = stint.run("login", "--profile", "dev", "--device-code", "--no-browser");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo("Successfully logged into Start URL: https://corp.example/start\n");
    assertThat(result.err())
        .isEqualTo(
            "Browser will not be automatically opened.\nPlease visit the following URL:\n\n"
                + sso.url()
                + "/device\n\nThen enter the code:\n\nBCDF-GHJK\n\nAlternatively, you may visit"
                + " the following URL which will autofill the code upon loading:\n"
                + sso.url()
                + "/device?user_code=BCDF-GHJK\n");
    Path token = tokenFile("corp");
    assertThat(Files.readString(token))
        .isEqualTo(
            "{\"startUrl\": \"https://corp.example/start\", \"region\": \"eu-central-1\","
                + " \"accessToken\": \"sat_a\", \"expiresAt\": \"2030-01-01T20:00:00Z\","
                + " \"clientId\": \"cid\", \"clientSecret\": \"csecret\","
                + " \"registrationExpiresAt\": \"2030-04-01T12:00:00Z\", \"refreshToken\":"
                + " \"srt_r\"}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token)))
        .isEqualTo("rw-------");
  }

  @Test
  void loginOpensTheBrowserFromBrowserAndTheBrowserComesBackToTheListener() throws Exception {
    sso.on(
        "GET /authorize",
        r -> {
          Map<String, String> asked = query(r.query());
          return new FakeSso.Reply(
              302, null, asked.get("redirect_uri") + "?code=sac_c&state=" + asked.get("state"));
        });
    Path browser = home.resolve("browser.sh");
    Files.writeString(
        browser,
        "#!/bin/sh\nprintf '%s' \"$1\" > \"$0.url\"\nexec curl -s -o /dev/null -L \"$1\"\n");
    browser.toFile().setExecutable(true);

    var result = stint.env("AWS_PROFILE", "dev").env("BROWSER", browser.toString()).run("login");

    assertThat(result.exit()).as(result.err()).isZero();
    String page = Files.readString(home.resolve("browser.sh.url"));
    assertThat(page).startsWith(sso.url() + "/authorize?response_type=code&client_id=cid&");
    assertThat(result.err())
        .isEqualTo(
            "Attempting to automatically open the SSO authorization page in your default"
                + " browser.\nIf the browser does not open or you wish to use a different device"
                + " to authorize this request, open the following URL:\n\n"
                + page
                + "\n");
    assertThat(result.out())
        .isEqualTo("Successfully logged into Start URL: https://corp.example/start\n");
    assertThat(sso.requests("POST /token").get(0).body()).contains("\"code\":\"sac_c\"");
    assertThat(Json.readObject(Files.readString(tokenFile("corp"))))
        .containsEntry("accessToken", "sat_a");
  }

  @Test
  void eachFailureHasItsOneLineMessageAndStatus() throws Exception {
    sso.on(
        "POST /client/register",
        r ->
            FakeSso.Reply.error(
                400,
                "InvalidClientMetadataException",
                "{\"error\":\"invalid_client_metadata\",\"error_description\":\"Invalid name\"}"));
    var refused = stint.run("login", "--sso-session", "corp", "--device-code");
    assertThat(refused.exit()).isEqualTo(4);
    assertThat(refused.err())
        .isEqualTo(
            "stint login: An error occurred (InvalidClientMetadataException) when calling the"
                + " RegisterClient operation: Invalid name\n");

    sso.signInWorks();
    sso.on(
        "POST /token",
        r -> FakeSso.Reply.error(400, "AccessDeniedException", "{\"error\":\"access_denied\"}"));
    var denied = stint.run("login", "--profile", "dev", "--device-code", "--no-browser");
    assertThat(denied.exit()).isEqualTo(6);
    assertThat(denied.err()).endsWith("\nstint login: The sign-in request was denied.\n");

    var unreachable =
        stint.env("AWS_ENDPOINT_URL", "http://127.0.0.1:9").run("login", "--profile", "dev");
    assertThat(unreachable.exit()).isEqualTo(5);
    assertThat(unreachable.err())
        .isEqualTo(
            "stint login: Could not connect to the endpoint URL:"
                + " \"http://127.0.0.1:9/client/register\"\n");

    var unconfigured = stint.run("login", "--profile", "nosso");
    assertThat(unconfigured.exit()).isEqualTo(3);
    assertThat(unconfigured.err())
        .isEqualTo(
            "stint login: Missing the following required SSO configuration values: sso_start_url,"
                + " sso_region. To make sure this profile is properly configured to use SSO,"
                + " please run: stint configure sso\n");

    var missingProfile = stint.run("login", "--profile", "nobody");
    assertThat(missingProfile.exit()).isEqualTo(3);
    assertThat(missingProfile.err())
        .isEqualTo("stint login: The config profile (nobody) could not be found\n");

    assertThat(stint.run("login", "--frobnicate").exit()).isEqualTo(2);
    assertThat(tokenFile("corp")).doesNotExist();
  }

  @Test
  void aCacheThatCannotBeWrittenIsAConfigurationErrorNotABug() throws Exception {
    Stint.write(home.resolve(".aws/sso/cache"), "a file where the directory should be");

    var result = stint.run("login", "--profile", "dev", "--device-code", "--no-browser");

    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.err())
        .isEqualTo(
            "stint login: cannot write the client registration cache:"
                + " java.nio.file.FileAlreadyExistsException: "
                + home.resolve(".aws/sso/cache")
                + "\n");
  }

  @Test
  void logoutEndsTheTokensRemovesTheFilesAndSaysWhenThePortalRefused() throws Exception {
    Stint.write(
        tokenFile("corp"),
        "{\"startUrl\": \"u\", \"region\": \"eu-central-1\", \"accessToken\": \"sat_1\"}");
    Stint.write(
        home.resolve(".aws/cli/cache/k.json"), "{\"ProviderType\": \"sso\", \"Credentials\": {}}");
    sso.on("POST /logout", r -> FakeSso.Reply.ok("{}"));

    var done = stint.run("logout");

    assertThat(done.exit()).as(done.err()).isZero();
    assertThat(done.out())
        .isEqualTo("Logged out: removed 1 sign-in token and 1 cached role credential.\n");
    assertThat(done.err()).isEmpty();
    assertThat(sso.requests("POST /logout"))
        .extracting(FakeSso.Request::bearer)
        .containsExactly("sat_1");
    assertThat(tokenFile("corp")).doesNotExist();
    assertThat(home.resolve(".aws/cli/cache/k.json")).doesNotExist();

    Stint.write(tokenFile("a"), "{\"region\": \"eu-central-1\", \"accessToken\": \"sat_2\"}");
    Stint.write(tokenFile("b"), "{\"region\": \"eu-central-1\", \"accessToken\": \"sat_3\"}");
    sso.on(
        "POST /logout",
        r ->
            FakeSso.Reply.error(
                500, "InternalServerException", "{\"message\":\"An internal error occurred.\"}"));

    var failed = stint.run("logout", "--profile", "dev");

    assertThat(failed.exit()).isEqualTo(4);
    assertThat(failed.out())
        .isEqualTo("Logged out: removed 2 sign-in tokens and 0 cached role credentials.\n");
    assertThat(failed.err())
        .isEqualTo(
            ("stint logout: the portal did not end a sign-in (its token file is removed all the"
                    + " same): An error occurred (InternalServerException) when calling the Logout"
                    + " operation: An internal error occurred.\n")
                .repeat(2));
    assertThat(tokenFile("a")).doesNotExist();
    assertThat(tokenFile("b")).doesNotExist();
  }

  @Test
  void logoutForAProfileThatDoesNotExistFailsAndRemovesNothing() throws Exception {
    Stint.write(tokenFile("corp"), "{\"region\": \"eu-central-1\", \"accessToken\": \"sat_1\"}");

    var missing = stint.run("logout", "--profile", "nobody");

    assertThat(missing.exit()).isEqualTo(3);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err())
        .isEqualTo("stint logout: The config profile (nobody) could not be found\n");
    assertThat(sso.requests("POST /logout")).isEmpty();
    assertThat(tokenFile("corp")).exists();
  }

  private void accounts() {
    sso.on(
        "GET /assignment/accounts",
        r ->
            FakeSso.Reply.ok(
                "{\"accountList\":[{\"accountId\":\"111\",\"accountName\":\"dev\","
                    + "\"emailAddress\":\"dev@x\"},{\"accountId\":\"222\",\"accountName\":\"prod\","
                    + "\"emailAddress\":\"prod@x\"}]}"));
    sso.on(
        "GET /assignment/roles",
        r ->
            FakeSso.Reply.ok(
                r.query().contains("account_id=111")
                    ? "{\"roleList\":[{\"roleName\":\"Admin\"},{\"roleName\":\"ReadOnly\"}]}"
                    : "{\"roleList\":[{\"roleName\":\"ReadOnly\"}]}"));
  }

  @Test
  void configureSsoWithAllWritesTheSessionAndOneProfilePerRoleAndKeepsEveryOtherByte()
      throws Exception {
    accounts();
    stint.config("# my settings\n[default]\nregion = eu-west-1\n\n[profile keep]\noutput=text");

    var result =
        stint.run(
            "configure",
            "sso",
            "--sso-session",
            "corp",
            "--start-url",
            "https://corp.example/start",
            "--region",
            "eu-central-1",
            "--all",
            "--device-code",
            "--no-browser");

    assertThat(result.exit()).as(result.err()).isZero();
    String config = home.resolve(".aws/config").toString();
    assertThat(result.out())
        .isEqualTo(
            "Successfully logged into Start URL: https://corp.example/start\n"
                + "Wrote profile Admin-111 (account 111, role Admin) to "
                + config
                + "\nWrote profile ReadOnly-111 (account 111, role ReadOnly) to "
                + config
                + "\nWrote profile ReadOnly-222 (account 222, role ReadOnly) to "
                + config
                + "\n");
    String profile =
        "sso_session = corp\nsso_account_id = %s\nsso_role_name = %s\nregion = eu-central-1\n"
            + "output = json";
    assertThat(stint.config())
        .isEqualTo(
            "# my settings\n[default]\nregion = eu-west-1\n\n[profile keep]\noutput=text\n\n"
                + "[sso-session corp]\nsso_start_url = https://corp.example/start\n"
                + "sso_region = eu-central-1\nsso_registration_scopes = sso:account:access\n\n"
                + "[profile Admin-111]\n"
                + profile.formatted("111", "Admin")
                + "\n\n[profile ReadOnly-111]\n"
                + profile.formatted("111", "ReadOnly")
                + "\n\n[profile ReadOnly-222]\n"
                + profile.formatted("222", "ReadOnly"));
    assertThat(sso.requests("GET /assignment/roles"))
        .extracting(FakeSso.Request::bearer)
        .containsOnly("sat_a");
  }

  @Test
  void configureSsoAsksForWhatTheOptionsDoNotGive() throws Exception {
    accounts();
    stint.config("[profile keep]\noutput=text\n");
    stint.stdin("corp\nhttps://corp.example/start\neu-central-1\n\n2\n\ntext\nmine\n");

    var result = stint.run("configure", "sso", "--device-code", "--no-browser");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err())
        .startsWith(
            "SSO session name: SSO start URL: SSO region: SSO registration scopes"
                + " [sso:account:access]: Browser will not be automatically opened.\n")
        .endsWith(
            "There are 2 accounts available to you.\n  1) 111  dev (dev@x)\n"
                + "  2) 222  prod (prod@x)\nAccount [1-2]: Using the only role available to you:"
                + " ReadOnly\nCLI default client Region [eu-central-1]: CLI default output"
                + " format [json]: CLI profile name [ReadOnly-222]: ");
    assertThat(stint.config())
        .isEqualTo(
            "[profile keep]\noutput=text\n\n[sso-session corp]\n"
                + "sso_start_url = https://corp.example/start\nsso_region = eu-central-1\n"
                + "sso_registration_scopes = sso:account:access\n\n[profile mine]\n"
                + "sso_session = corp\nsso_account_id = 222\nsso_role_name = ReadOnly\n"
                + "region = eu-central-1\noutput = text\n");

    // Run again unattended: the existing session's values are the defaults, the options choose.
    var again =
        new Stint(home)
            .env("AWS_ENDPOINT_URL", sso.url())
            .run(
                "configure",
                "sso",
                "--sso-session",
                "corp",
                "--account-id",
                "111",
                "--role-name",
                "Admin",
                "--profile",
                "admin",
                "--device-code",
                "--no-browser");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(stint.config())
        .endsWith(
            "output = text\n\n[profile admin]\nsso_session = corp\nsso_account_id = 111\n"
                + "sso_role_name = Admin\nregion = eu-central-1\noutput = json\n");
  }

  @Test
  void configureSsoRefusesWhatItCannotDo() throws Exception {
    accounts();
    var both = stint.run("configure", "sso", "--all", "--account-id", "111");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err())
        .isEqualTo(
            "stint configure sso: --all writes every account and role: it takes no --account-id,"
                + " --role-name or --profile\n");

    var noUrl = stint.run("configure", "sso", "--sso-session", "fresh");
    assertThat(noUrl.exit()).isEqualTo(2);
    assertThat(noUrl.err())
        .endsWith("stint configure sso: no SSO start URL given: use --start-url\n");

    var notMine =
        stint.run(
            "configure",
            "sso",
            "--sso-session",
            "corp",
            "--account-id",
            "999",
            "--device-code",
            "--no-browser");
    assertThat(notMine.exit()).isEqualTo(2);
    assertThat(notMine.err())
        .endsWith("stint configure sso: --account-id 999 is not one of the sign-in's: 111, 222\n");

    var unchosen =
        stint.run("configure", "sso", "--sso-session", "corp", "--device-code", "--no-browser");
    assertThat(unchosen.exit()).isEqualTo(2);
    assertThat(unchosen.err())
        .endsWith(
            "stint configure sso: several accounts are available: choose one with --account-id"
                + " (or use --all)\n");

    sso.on("GET /assignment/accounts", r -> FakeSso.Reply.ok("{\"accountList\":[]}"));
    var none =
        stint.run(
            "configure", "sso", "--sso-session", "corp", "--all", "--device-code", "--no-browser");
    assertThat(none.exit()).isEqualTo(3);
    assertThat(none.err())
        .endsWith("stint configure sso: No AWS accounts were found for this sign-in.\n");
  }

  @Test
  void theBrowserCommandComesFromBrowserOrTheSystem() throws Exception {
    Path bin = Files.createDirectories(home.resolve("bin"));
    for (String name : List.of("xdg-open", "open", "firefox")) {
      Path program = Files.writeString(bin.resolve(name), "#!/bin/sh\n");
      program.toFile().setExecutable(true);
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/nowhere:" + bin);
    String page = "http://127.0.0.1:8080/authorize?a=1&b=2";

    assertThat(Browser.command(env, "Linux", page))
        .contains(List.of(bin.resolve("xdg-open").toString(), page));
    assertThat(Browser.command(env, "Mac OS X", page))
        .contains(List.of(bin.resolve("open").toString(), page));
    env.put("BROWSER", ":firefox --new-tab %s --x=%s:/usr/bin/other");
    assertThat(Browser.command(env, "Linux", page))
        .contains(List.of(bin.resolve("firefox").toString(), "--new-tab", page, "--x=" + page));
    env.put("BROWSER", "missing-browser");
    assertThat(Browser.command(env, "Linux", page)).isEqualTo(Optional.empty());
    env.remove("BROWSER");
    env.put("PATH", "/nowhere");
    assertThat(Browser.command(env, "Linux", page)).isEqualTo(Optional.empty());
  }
}
