package dev.stint.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.stint.server.mfa.Totp;
import dev.stint.server.store.PermissionSet;
import dev.stint.server.store.User;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The portal's defences, over HTTP against a real server: anti-forgery tokens, session ids that
 * change at sign-in, lockout with back-off, one-time TOTP codes, escaping, security headers and
 * cookies, secrets kept out of logs and audit, and who may see what.
 */
class PortalSecurityTest {
  static final Instant START = Instant.parse("2030-01-01T09:00:00Z");
  static final String ALICE_PASSWORD = "Correct-Horse-7";

  @TempDir Path dir;
  private PortalServer portal;

  @BeforeEach
  void start() {
    portal = PortalServer.start(dir, START);
  }

  @AfterEach
  void stop() {
    portal.close();
  }

  private WebClient admin() throws Exception {
    return portal.admin();
  }

  @Test
  void aPasswordChosenByAnAdministratorMustBeReplacedBeforeAnythingElse() throws Exception {
    String first = portal.adminPassword();
    WebClient client = portal.client();
    var signedIn = PortalServer.signIn(client, "admin", first);
    assertThat(signedIn.headers().firstValue("Location")).hasValue("/portal/password?next=%2F");
    for (String path : List.of("/", "/admin/users")) {
      var page = client.get(path);
      assertThat(page.statusCode()).isEqualTo(303);
      assertThat(page.headers().firstValue("Location"))
          .hasValue("/portal/password?next=" + Site.encode(path));
    }
    assertThat(client.get("/portal/password").body())
        .contains("Choose a new password to continue.");
    var mismatch =
        client.submit(
            "/portal/password",
            "/portal/password",
            Map.of("current", first, "new", "Another-Pass-1", "confirm", "Another-Pass-2"));
    assertThat(mismatch.statusCode()).isEqualTo(400);
    assertThat(mismatch.body()).contains("The new password and its confirmation differ.");

    var changed =
        client.submit(
            "/portal/password",
            "/portal/password",
            Map.of("current", first, "new", "Another-Pass-1", "confirm", "Another-Pass-1"));
    assertThat(changed.headers().firstValue("Location")).hasValue("/?notice=password-changed");
    assertThat(client.get("/?notice=password-changed").body())
        .contains("Your password was changed.");
    assertThat(client.get("/admin/users").statusCode()).isEqualTo(200);
  }

  @Test
  void formsWithoutTheVisitorsCsrfTokenAreRefused() throws Exception {
    portal.user("alice", ALICE_PASSWORD, false);
    WebClient client = portal.client();
    client.get("/portal/signin");

    var missing =
        client.post("/portal/signin", Map.of("username", "alice", "password", ALICE_PASSWORD));
    var forged =
        client.post(
            "/portal/signin",
            Map.of("username", "alice", "password", ALICE_PASSWORD, "csrf", "forged"));
    String othersToken = WebClient.csrf(portal.client().get("/portal/signin").body());
    var someoneElses =
        client.post(
            "/portal/signin",
            Map.of("username", "alice", "password", ALICE_PASSWORD, "csrf", othersToken));

    for (var response : List.of(missing, forged, someoneElses)) {
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body())
          .contains(
              "This form expired or did not come from this site. Go back, reload the page and"
                  + " try again.");
    }
    assertThat(client.cookie(Cookies.SESSION)).isEmpty();

    WebClient admin = admin();
    var createUser =
        admin.post("/admin/users", Map.of("name", "mallory", "password", ALICE_PASSWORD));
    assertThat(createUser.statusCode()).isEqualTo(403);
    assertThat(portal.portal().users().findByName("mallory")).isEmpty();
    var signOut = admin.post("/portal/signout", Map.of());
    assertThat(signOut.statusCode()).isEqualTo(403);
    assertThat(admin.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void signInIssuesAFreshSessionIdEveryTimeAndNeverAdoptsAPlantedOne() throws Exception {
    portal.user("alice", ALICE_PASSWORD, false);
    WebClient client = portal.client();
    String planted = "sps_" + "A".repeat(43);
    client.setCookie(Cookies.SESSION, planted);

    String first = session(PortalServer.signIn(client, "alice", ALICE_PASSWORD));
    client.setCookie(Cookies.SESSION, first);
    String second =
        session(
            client.post(
                "/portal/signin",
                Map.of(
                    "username",
                    "alice",
                    "password",
                    ALICE_PASSWORD,
                    "csrf",
                    WebClient.csrf(client.get("/").body()))));

    assertThat(first).isNotEqualTo(planted).isNotEqualTo(second).startsWith("sps_");
    assertThat(second).startsWith("sps_");
    assertThat(portal.portal().sessions().find(first)).isEmpty();
    assertThat(portal.portal().sessions().find(second)).isPresent();
    WebClient stale = portal.client();
    stale.setCookie(Cookies.SESSION, first);
    var home = stale.get("/");
    assertThat(home.statusCode()).isEqualTo(303);
    assertThat(home.headers().firstValue("Location")).hasValue("/portal/signin?next=%2F");
  }

  /** The session id a sign-in response sets. */
  private static String session(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(303);
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(Cookies.SESSION + "="))
        .map(c -> c.substring(Cookies.SESSION.length() + 1, c.indexOf(';')))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theSixthWrongPasswordInARowIsRefusedEvenWhenRightUntilTheBackOffPasses() throws Exception {
    portal.user("alice", ALICE_PASSWORD, false);
    WebClient client = portal.client();
    for (int i = 1; i <= 5; i++) {
      var wrong = PortalServer.signIn(client, "alice", "Wrong-Password-" + i);
      assertThat(wrong.statusCode()).as("attempt %d", i).isEqualTo(401);
      assertThat(wrong.body()).contains("The user name or password is not right.");
    }

    var sixth = PortalServer.signIn(client, "alice", ALICE_PASSWORD);
    assertThat(sixth.statusCode()).isEqualTo(429);
    assertThat(sixth.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(sixth.body())
        .contains("Too many failed attempts in a row. Try again after 09:01:00 UTC.");
    portal.clock.advance(Duration.ofSeconds(59));
    assertThat(PortalServer.signIn(client, "alice", ALICE_PASSWORD).statusCode()).isEqualTo(429);
    assertThat(client.cookie(Cookies.SESSION)).isEmpty();

    portal.clock.advance(Duration.ofSeconds(1));
    var after = PortalServer.signIn(client, "alice", ALICE_PASSWORD);
    assertThat(after.statusCode()).isEqualTo(303);
    assertThat(after.headers().firstValue("Location")).hasValue("/");
    assertThat(client.cookie(Cookies.SESSION)).isPresent();
  }

  @Test
  void aWrongOrReplayedTotpCodeIsRefused() throws Exception {
    portal.user("bob", ALICE_PASSWORD, true);
    WebClient client = portal.client();
    byte[] seed = portal.signInAndEnrol(client, "bob", ALICE_PASSWORD);
    long enrolled = Totp.step(portal.clock.instant());
    signOut(client);

    var password = PortalServer.signIn(client, "bob", ALICE_PASSWORD);
    assertThat(password.headers().firstValue("Location")).hasValue("/portal/mfa?next=%2F");
    var replayed = totp(client, Totp.code(seed, enrolled + 1));
    var wrong = totp(client, Totp.code(seed, enrolled + 5));
    for (var response : List.of(replayed, wrong)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).contains("That code is not right, or it was used already.");
    }
    assertThat(client.cookie(Cookies.SESSION)).isEmpty();

    portal.clock.advance(Duration.ofSeconds(30));
    String fresh = Totp.code(seed, enrolled + 2);
    var accepted = totp(client, fresh);
    assertThat(accepted.statusCode()).isEqualTo(303);
    assertThat(accepted.headers().firstValue("Location")).hasValue("/");
    signOut(client);

    PortalServer.signIn(client, "bob", ALICE_PASSWORD);
    var again = totp(client, fresh);
    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(again.body()).contains("That code is not right, or it was used already.");
  }

  private static HttpResponse<String> totp(WebClient client, String code) throws Exception {
    return client.submit("/portal/mfa", "/portal/mfa", Map.of("code", code, "next", "/"));
  }

  private static void signOut(WebClient client) throws Exception {
    var out = client.submit("/", "/portal/signout", Map.of());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location")).hasValue("/portal/signin?notice=signed-out");
  }

  @Test
  void namesLikeScriptTagsRenderAsText() throws Exception {
    WebClient admin = admin();
    String evil = "<script>alert(1)</script>";
    String attribute = "\"><img src=x onerror=alert(2)>";
    var created =
        admin.submit(
            "/admin/groups", "/admin/groups", Map.of("name", evil, "description", attribute));
    assertThat(created.statusCode()).isEqualTo(303);
    String groupPage = admin.get(created.headers().firstValue("Location").orElseThrow()).body();
    String list = admin.get("/admin/groups").body();

    for (String page : List.of(list, groupPage)) {
      assertThat(page)
          .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
          .doesNotContain(evil)
          .doesNotContain(" <img src=x")
          .doesNotContain(">\"><img src=x");
    }
    assertThat(groupPage).contains("value=\"&#34;>&lt;img src=x onerror=alert(2)>\"");
  }

  @Test
  void everyPageSaysNoFramingNoInlineScriptNoReferrerNoCaching() throws Exception {
    var page = portal.client().get("/portal/signin");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
                + " base-uri 'none'");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
    assertThat(page.body()).doesNotContainPattern("<script>|<script [^s]|onclick=|style=");
  }

  @Test
  void cookiesAreHttpOnlyAndSameSiteAndSecureBehindTls() throws Exception {
    portal.user("alice", ALICE_PASSWORD, false);
    WebClient plain = portal.client();
    String pre = plain.get("/portal/signin").headers().firstValue("Set-Cookie").orElseThrow();
    var signedIn = PortalServer.signIn(plain, "alice", ALICE_PASSWORD);

    assertThat(pre)
        .matches("stint_pre=[A-Za-z0-9_-]{43}; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax");
    assertThat(signedIn.headers().allValues("Set-Cookie"))
        .anyMatch(
            c ->
                c.matches("stint_session=sps_\\S+; Path=/; Max-Age=28800; HttpOnly; SameSite=Lax"));

    WebClient proxied = portal.client().header("X-Forwarded-Proto", "https");
    var behindTls = proxied.get("/portal/signin");
    assertThat(behindTls.headers().firstValue("Set-Cookie").orElseThrow())
        .endsWith("; HttpOnly; SameSite=Lax; Secure");
    assertThat(behindTls.headers().firstValue("Strict-Transport-Security"))
        .hasValue("max-age=31536000");
  }

  @Test
  void visitorsWithoutASessionSignInFirstAndComeBackOnlyToThisSite() throws Exception {
    portal.user("alice", ALICE_PASSWORD, false);
    WebClient client = portal.client();
    var admin = client.get("/admin/users");
    assertThat(admin.statusCode()).isEqualTo(303);
    assertThat(admin.headers().firstValue("Location"))
        .hasValue("/portal/signin?next=%2Fadmin%2Fusers");

    var offsite =
        client.submit(
            "/portal/signin",
            "/portal/signin",
            Map.of("username", "alice", "password", ALICE_PASSWORD, "next", "//evil.example/x"));
    assertThat(offsite.headers().firstValue("Location")).hasValue("/");
    var back =
        portal
            .client()
            .submit(
                "/portal/signin",
                "/portal/signin",
                Map.of("username", "alice", "password", ALICE_PASSWORD, "next", "/admin/users"));
    assertThat(back.headers().firstValue("Location")).hasValue("/admin/users");
  }

  @Test
  void onlyUsersWhosePoliciesAllowItSeeTheAdministrationPages() throws Exception {
    portal.user("alice", ALICE_PASSWORD, false);
    WebClient alice = portal.client();
    PortalServer.signIn(alice, "alice", ALICE_PASSWORD);

    var home = alice.get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).doesNotContain("Administration");
    for (String path : List.of("/admin", "/admin/users", "/admin/audit", "/admin/settings")) {
      var page = alice.get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(403);
      assertThat(page.body()).contains("Not allowed");
    }
    var post = alice.submit("/", "/admin/users", Map.of("name", "eve", "password", ALICE_PASSWORD));
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(portal.portal().users().findByName("eve")).isEmpty();

    var admin = admin().get("/");
    assertThat(admin.body()).contains("<a href=\"/admin/users\">Administration</a>");
  }

  @Test
  void signOutEndsTheSessionAndIsAudited() throws Exception {
    User alice = portal.user("alice", ALICE_PASSWORD, false);
    WebClient client = portal.client();
    PortalServer.signIn(client, "alice", ALICE_PASSWORD);
    String session = client.cookie(Cookies.SESSION).orElseThrow();

    signOut(client);

    assertThat(portal.portal().sessions().find(session)).isEmpty();
    WebClient stale = portal.client();
    stale.setCookie(Cookies.SESSION, session);
    assertThat(stale.get("/").statusCode()).isEqualTo(303);
    String audit = admin().get("/admin/audit?action=portal%3ASignOut").body();
    assertThat(audit)
        .contains("<caption>1 event, newest first</caption>")
        .contains("<td><code>" + alice.arn() + "</code></td>")
        .contains("<td>portal:SignOut</td>");
  }

  @Test
  void secretsAppearOnlyInTheCredentialsDialogAndNeverInLogsOrAudit() throws Exception {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    var appender = new ListAppender<ILoggingEvent>();
    appender.start();
    root.addAppender(appender);
    // Everything is captured; nothing more reaches the console than in other tests.
    var console = root.getAppender("STDERR");
    if (console != null) {
      root.detachAppender(console);
    }
    root.setLevel(Level.DEBUG);
    List<String> noisy =
        List.of("org.eclipse.jetty", "io.javalin", "com.zaxxer", "org.flywaydb", "org.jdbi");
    noisy.forEach(name -> context.getLogger(name).setLevel(Level.INFO));
    try {
      User alice = portal.user("alice", ALICE_PASSWORD, false);
      String account = portal.memberAccount("Sandbox", "sandbox@example.com");
      PermissionSet set = portal.permissionSet("Developer", Duration.ofHours(8));
      portal.assign(alice, account, set);
      WebClient client = portal.client();
      PortalServer.signIn(client, "alice", ALICE_PASSWORD);
      String session = client.cookie(Cookies.SESSION).orElseThrow();

      var dialog =
          client.submit(
              "/", "/portal/credentials", Map.of("account", account, "role", "Developer"));

      assertThat(dialog.statusCode()).isEqualTo(200);
      assertThat(dialog.headers().firstValue("Cache-Control")).hasValue("no-store");
      String secret = value(dialog.body(), "unix-secret");
      String token = value(dialog.body(), "unix-token");
      String keyId = value(dialog.body(), "unix-key");
      assertThat(keyId).startsWith("ASIA");
      assertThat(secret).hasSize(40);
      assertThat(dialog.body()).contains("(in 8 hours)");
      assertThat(client.get("/").body()).doesNotContain(secret).doesNotContain(token);

      String audit = admin().get("/admin/audit").body();
      assertThat(audit)
          .contains("<td>sso:GetRoleCredentials</td>")
          .contains("<td><code>" + alice.arn() + "</code></td>")
          .doesNotContain(secret)
          .doesNotContain(token)
          .doesNotContain(ALICE_PASSWORD)
          .doesNotContain(session);
      // Checked last, after several later requests, so the access log lines are all in.
      List<ILoggingEvent> events;
      synchronized (appender) { // AppenderBase appends under the appender's lock
        events = new ArrayList<>(appender.list);
      }
      var logged = new ArrayList<String>();
      for (ILoggingEvent e : events) {
        logged.add(e.getFormattedMessage());
        if (e.getThrowableProxy() != null) {
          logged.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
        }
      }
      assertThat(logged).anyMatch(l -> l.contains("POST /portal/credentials"));
      for (String forbidden :
          List.of(secret, token, ALICE_PASSWORD, session, portal.adminPassword())) {
        assertThat(logged).noneMatch(l -> l.contains(forbidden));
      }
    } finally {
      root.detachAppender(appender);
      root.setLevel(before);
      noisy.forEach(name -> context.getLogger(name).setLevel(null));
      if (console != null) {
        root.addAppender(console);
      }
    }
  }

  /** The text of the element with this id in a page. */
  static String value(String html, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]+)<").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no element " + id);
    }
    return m.group(1);
  }
}
