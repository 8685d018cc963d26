package dev.stint.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stint.server.mfa.Totp;
import dev.stint.server.portal.DeviceAuthorizations;
import dev.stint.server.portal.OidcClients;
import dev.stint.server.portal.PkceAuthorizations;
import dev.stint.server.store.DeviceAuthorization;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The access portal as people use it, in headless Chromium against a real server: an administrator
 * sets up a user, a member account, a permission set with an 8-hour session and an assignment; the
 * user signs in, enrols TOTP, opens the credentials dialog, and every way the dialog offers the
 * credentials works with the real AWS CLI v2. Also the device and PKCE pages of the OIDC flows.
 * Screenshots of every page go to {@code target/screenshots/}.
 */
class PortalBrowserIT {
  static final String ALICE_PASSWORD = "Tr0ub4dor&3-alice";
  static final Pattern ARN = Pattern.compile("\"Arn\": \"([^\"]+)\"");

  @TempDir Path data;
  @TempDir Path profile;
  @TempDir Path home;
  private PortalServer portal;
  private Browser browser;

  @BeforeEach
  void start() {
    // Real time, since the AWS CLI signs with its own clock; the test moves it on by seconds only.
    portal = PortalServer.start(data, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    browser = Browser.start(portal.origin(), profile);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    portal.close();
  }

  @Test
  void anAdministratorSetsUpAliceWhoseCredentialsFromEveryTabWorkWithTheAwsCli() throws Exception {
    // The administrator signs in with the password of the first start.
    browser.open("/");
    browser.waitForPathStartingWith("/portal/signin");
    browser.pageScreenshot("01-signin");
    signIn("admin", portal.adminPassword());
    browser.waitForPathStartingWith("/portal/password");
    assertThat(browser.find(".notice").getText()).isEqualTo("Choose a new password to continue.");
    browser.pageScreenshot("02-change-password");
    browser.fill("Current password", portal.adminPassword());
    browser.fill("New password", PortalServer.NEW_ADMIN_PASSWORD);
    browser.fill("New password again", PortalServer.NEW_ADMIN_PASSWORD);
    browser.click("Change password");
    browser.waitForPathStartingWith("/?notice=password-changed");
    assertThat(browser.find("h1").getText()).isEqualTo("AWS accounts");
    browser.pageScreenshot("03-home-without-accounts");

    // A user who must use MFA.
    browser.click("Administration");
    browser.waitForPath("/admin/users");
    browser.fill("User name", "alice");
    browser.fill("Password", ALICE_PASSWORD);
    browser.find("input[name=reset]").click();
    browser.find("input[name=mfa]").click();
    browser.click("Create user");
    browser.waitForPathStartingWith("/admin/users/AIDA");
    assertThat(browser.find(".notice").getText()).isEqualTo("The user was created.");
    browser.pageScreenshot("04-admin-user");
    browser.admin("/admin/users");
    browser.pageScreenshot("05-admin-users");

    // A member account.
    browser.admin("/admin/accounts");
    browser.fill("Account name", "Sandbox");
    browser.fill("Email address of the owner", "sandbox@example.com");
    browser.click("Create account");
    browser.waitForPath("/admin/accounts?notice=account-created");
    String account =
        browser
            .driver()
            .findElement(By.xpath("//tr[td[starts-with(normalize-space(.), 'Sandbox')]]/td/code"))
            .getText();
    assertThat(account).matches("\\d{12}").isNotEqualTo(portal.managementAccount());
    browser.pageScreenshot("06-admin-accounts");

    // A permission set with an 8-hour session.
    browser.admin("/admin/permission-sets");
    browser.fill("Name", "Developer");
    browser.fill("Description", "Builds & deploys <everything>");
    browser.choose("Session duration", "8 hours");
    browser
        .find("input[name=managed][value='arn:aws:iam::aws:policy/AdministratorAccess']")
        .click();
    browser.click("Create permission set");
    browser.waitForPathStartingWith("/admin/permission-sets/");
    assertThat(browser.find(".notice").getText()).isEqualTo("The permission set was created.");
    browser.pageScreenshot("07-admin-permission-set");

    // Assigned to alice in the member account.
    browser.admin("/admin/assignments");
    browser.choose("User or group", "alice");
    browser.choose("Account", "Sandbox (" + account + ")");
    browser.choose("Permission set", "Developer");
    browser.click("Assign");
    browser.waitForPath("/admin/assignments?notice=assigned");
    assertThat(browser.find(".notice").getText())
        .isEqualTo("The assignment was made and its role provisioned.");
    browser.pageScreenshot("08-admin-assignments");

    browser.admin("/admin/groups");
    browser.fill("Name", "Engineers");
    browser.click("Create group");
    browser.waitForPathStartingWith("/admin/groups/");
    browser.pageScreenshot("09-admin-group");
    browser.admin("/admin/settings");
    assertThat(browser.find("#hours").getAttribute("value")).isEqualTo("8");
    browser.pageScreenshot("10-admin-settings");
    browser.admin("/admin/audit");
    assertThat(browser.find("caption").getText()).endsWith("events, newest first");
    browser.pageScreenshot("11-admin-audit");
    browser.click("Sign out");
    browser.waitForPathStartingWith("/portal/signin");
    assertThat(browser.find(".notice").getText()).isEqualTo("You signed out.");

    // Alice signs in and enrols an authenticator, computed here from the key shown.
    signIn("alice", ALICE_PASSWORD);
    browser.waitForPathStartingWith("/portal/mfa/enrol");
    browser.pageScreenshot("12-mfa-enrol");
    assertThat(browser.find("img.qr").getAttribute("src")).startsWith("data:image/png;base64,");
    byte[] seed = PortalServer.base32(browser.find("#mfa-secret").getText());
    long step = Totp.step(portal.clock.instant());
    browser.fill("First code", Totp.code(seed, step));
    browser.fill("Second code", Totp.code(seed, step + 1));
    browser.click("Set up MFA and sign in");
    browser.waitForPath("/");
    assertThat(browser.find(".account-name").getText()).isEqualTo("Sandbox");
    assertThat(browser.find(".role-desc").getText()).isEqualTo("Builds & deploys <everything>");
    browser.pageScreenshot("13-home");

    // The credentials dialog.
    browser.allowClipboard();
    browser.click("Command line or programmatic access");
    browser.waitVisible("dialog#credentials");
    Instant shown = portal.clock.instant();
    assertThat(
            browser
                .driver()
                .executeScript("return document.querySelector('dialog').matches(':modal')"))
        .isEqualTo(true);
    Path dialogShot = browser.screenshot("14-credentials-dialog");
    if (Boolean.getBoolean("stint.updateDocs")) {
      // ./mvnw verify -Dstint.updateDocs=true refreshes the README's picture; plain runs leave
      // the working tree alone.
      Files.copy(
          dialogShot,
          Path.of(System.getProperty("stint.root", "..")).resolve("docs/portal-dialog.png"),
          StandardCopyOption.REPLACE_EXISTING);
    }

    String env = browser.find("#unix-env").getText();
    String profileBlock = browser.find("#unix-profile").getText();
    String keyId = browser.find("#unix-key").getText();
    String secret = browser.find("#unix-secret").getText();
    String token = browser.find("#unix-token").getText();
    Instant expires = Instant.parse(browser.find("#creds-expires").getAttribute("datetime"));
    assertThat(Duration.between(shown, expires)).isEqualTo(Duration.ofHours(8));
    assertThat(browser.find("#creds-expiry").getText()).contains("(in 8 hours)");

    WebElement copy = browser.find("button.copy[data-copy='unix-env']");
    copy.click();
    browser.waitText(copy, "Copied");
    assertThat(browser.clipboard().strip()).isEqualTo(env.strip());

    browser.find("#tab-cmd").click();
    String cmd = browser.find("#cmd-env").getText();
    assertThat(browser.find("#cmd-profile").getText()).isEqualTo(profileBlock);
    browser.screenshot("15-credentials-dialog-cmd");
    browser.driver().switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
    String powershell = browser.find("#powershell-env").getText();
    assertThat(browser.find("#powershell-key").getText()).isEqualTo(keyId);
    browser.screenshot("16-credentials-dialog-powershell");

    // Every option works with the real AWS CLI v2.
    var cli = new AwsCliV2(home);
    String endpoint = portal.origin();
    String expected =
        "arn:aws:sts::" + account + ":assumed-role/AWSReservedSSO_Developer_[0-9a-f]{16}/alice";
    assertArn(cli.shell(env, endpoint), expected);
    Files.writeString(cli.credentialsFile(), profileBlock + "\n");
    assertArn(
        cli.callerIdentity(Map.of(), endpoint, "--profile", account + "_Developer"), expected);
    Files.delete(cli.credentialsFile());
    assertArn(
        cli.callerIdentity(
            Map.of(
                "AWS_ACCESS_KEY_ID", keyId,
                "AWS_SECRET_ACCESS_KEY", secret,
                "AWS_SESSION_TOKEN", token),
            endpoint),
        expected);
    Map<String, String> cmdVariables = variables(cmd, "^set (\\w+)=(.*)$");
    Map<String, String> psVariables = variables(powershell, "^\\$Env:(\\w+)=\"(.*)\"$");
    assertThat(cmdVariables)
        .containsEntry("AWS_ACCESS_KEY_ID", keyId)
        .containsEntry("AWS_SECRET_ACCESS_KEY", secret)
        .containsEntry("AWS_SESSION_TOKEN", token)
        .isEqualTo(psVariables);
    assertThat(psVariables.get("AWS_CREDENTIAL_EXPIRATION"))
        .isEqualTo(expires.toString().replace("Z", "+00:00"));
    assertArn(cli.callerIdentity(cmdVariables, endpoint), expected);

    // Escape closes the dialog and leaves the credentials behind.
    browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
    browser.waitForPath("/?account=" + account);
    assertThat(browser.all("dialog")).isEmpty();
    assertThat(browser.driver().getPageSource()).doesNotContain(secret);
    assertThat(browser.consoleProblems()).isEmpty();

    // The next sign-in asks for a code; a fresh one works.
    browser.click("Sign out");
    browser.waitForPathStartingWith("/portal/signin");
    signIn("alice", ALICE_PASSWORD);
    browser.waitForPathStartingWith("/portal/mfa");
    browser.pageScreenshot("17-mfa");
    portal.clock.advance(Duration.ofSeconds(30));
    browser.fill("MFA code", Totp.code(seed, step + 2));
    browser.click("Verify");
    browser.waitForPath("/");
  }

  private void signIn(String user, String password) {
    browser.fill("User name", user);
    browser.fill("Password", password);
    browser.click("Sign in");
  }

  private static void assertArn(AwsCliV2.Result result, String expected) {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    Matcher m = ARN.matcher(result.stdout());
    assertThat(m.find()).as(result.stdout()).isTrue();
    assertThat(m.group(1)).matches(expected);
  }

  private static Map<String, String> variables(String lines, String pattern) {
    var out = new LinkedHashMap<String, String>();
    Pattern p = Pattern.compile(pattern);
    for (String line : lines.split("\n")) {
      Matcher m = p.matcher(line.strip());
      assertThat(m.matches()).as(line).isTrue();
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  @Test
  void awsSsoLoginFinishesWhenThePersonAllowsItsCodeOnTheDevicePage() throws Exception {
    var alice = portal.user("alice", ALICE_PASSWORD, false);
    String account = portal.memberAccount("Sandbox", "sandbox@example.com");
    portal.assign(alice, account, portal.permissionSet("Developer", Duration.ofHours(8)));
    var cli = new AwsCliV2(home);
    Path models = home.resolve("models");
    Path tool =
        Path.of(
            System.getProperty("stint.shared", "../../shared"),
            "tools",
            "aws-endpoint-override.py");
    var wrote =
        cli.run(
            Map.of(),
            List.of(
                "/usr/bin/python3",
                tool.toString(),
                models.toString(),
                portal.origin(),
                "sso",
                "sso-oidc",
                "sts"));
    assertThat(wrote.exitCode()).as(wrote.stderr()).isZero();
    Files.writeString(
        home.resolve(".aws/config"),
        "[profile dev]\nsso_session = stint\nsso_account_id = "
            + account
            + "\nsso_role_name = Developer\nregion = us-east-1\n\n[sso-session stint]\n"
            + "sso_start_url = "
            + portal.origin()
            + "/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n");
    Map<String, String> env = Map.of("AWS_DATA_PATH", models.toString());

    var login = cli.start(env, "sso", "login", "--no-browser", "--profile", "dev");
    String userCode = login.await(Pattern.compile("[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}"));

    // The person opens the device page, signs in, types the code as they read it, and allows.
    browser.open("/device");
    browser.waitForPathStartingWith("/portal/signin");
    signIn("alice", ALICE_PASSWORD);
    browser.waitForPath("/device");
    browser.fill("Code", userCode.toLowerCase(java.util.Locale.ROOT).replace("-", " "));
    browser.click("Next");
    browser.waitText("#user-code", userCode);
    browser.click("Allow");
    browser.waitText("h1", "Request approved");

    AwsCliV2.Result done = login.finish();
    assertThat(done.exitCode()).as(done.stdout() + done.stderr()).isZero();
    assertThat(done.stdout()).contains(portal.origin() + "/device").contains(userCode);
    var me = cli.callerIdentity(env, portal.origin(), "--profile", "dev");
    assertArn(
        me,
        "arn:aws:sts::" + account + ":assumed-role/AWSReservedSSO_Developer_[0-9a-f]{16}/alice");
  }

  @Test
  void aSignedInUserConfirmsADeviceCodeOnTheDevicePage() throws Exception {
    portal.user("alice", ALICE_PASSWORD, false);
    var client =
        portal
            .portal()
            .oidcClients()
            .register(
                "botocore-client-test",
                "public",
                List.of("sso:account:access"),
                List.of(),
                List.of(),
                null);
    DeviceAuthorizations.Started started =
        portal
            .portal()
            .devices()
            .start(
                client.clientId(),
                client.clientSecret(),
                portal.origin() + "/start",
                portal.origin());

    browser.open(started.verificationUriComplete().substring(portal.origin().length()));
    browser.waitForPathStartingWith("/portal/signin");
    signIn("alice", ALICE_PASSWORD);
    browser.waitForPathStartingWith("/device?user_code=");
    assertThat(browser.find("#user-code").getText()).isEqualTo(started.userCode());
    assertThat(browser.find("main strong").getText()).isEqualTo("botocore-client-test");
    browser.pageScreenshot("20-device");
    browser.click("Allow");
    browser.waitText("h1", "Request approved");
    browser.pageScreenshot("21-device-approved");

    assertThat(portal.portal().devices().find(started.userCode()).orElseThrow().status())
        .isEqualTo(DeviceAuthorization.Status.APPROVED);
  }

  @Test
  void theAuthorizePageSendsTheCodeToTheProgramsLoopbackAddressAfterSignIn() throws Exception {
    portal.user("alice", ALICE_PASSWORD, false);
    var callback = new CompletableFuture<String>();
    HttpServer listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    listener.createContext(
        "/oauth/callback",
        exchange -> {
          callback.complete(exchange.getRequestURI().getRawQuery());
          byte[] body = "signed in".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    listener.start();
    try {
      String redirect = "http://127.0.0.1:" + listener.getAddress().getPort() + "/oauth/callback";
      var client =
          portal
              .portal()
              .oidcClients()
              .register(
                  "stint-login",
                  "public",
                  List.of("sso:account:access"),
                  List.of(OidcClients.AUTHORIZATION_CODE, OidcClients.REFRESH_TOKEN),
                  List.of(redirect),
                  null);
      String verifier = "v".repeat(20) + "-verifier-with-43-or-more-chars";
      String query =
          "response_type=code&client_id="
              + client.clientId()
              + "&redirect_uri="
              + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
              + "&state=s-123&code_challenge="
              + PkceAuthorizations.s256(verifier)
              + "&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess";

      browser.open("/authorize?" + query);
      browser.waitForPathStartingWith("/portal/signin");
      signIn("alice", ALICE_PASSWORD);
      browser.waitForPathStartingWith("/authorize?");
      assertThat(browser.find("main strong").getText()).isEqualTo("stint-login");
      browser.pageScreenshot("22-authorize");
      browser.click("Allow");

      String answer = callback.get(15, TimeUnit.SECONDS);
      assertThat(answer).matches("code=sac_[A-Za-z0-9_-]+&state=s-123");
      assertThat(browser.driver().getPageSource()).contains("signed in");
    } finally {
      listener.stop(0);
    }
  }
}
