package dev.stint.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.server.AdminCredentialsFile;
import dev.stint.server.MutableClock;
import dev.stint.server.ServerConfig;
import dev.stint.server.StintServer;
import dev.stint.server.mfa.Totp;
import dev.stint.server.portal.Origin;
import dev.stint.server.portal.PermissionSets;
import dev.stint.server.portal.Portal;
import dev.stint.server.store.Assignment;
import dev.stint.server.store.PermissionSet;
import dev.stint.server.store.User;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * A real server on a free port, a fresh data directory and a clock the test moves, with shortcuts
 * to set the portal up through its services (the pages themselves are what the tests exercise).
 */
final class PortalServer implements AutoCloseable {
  static final Pattern SECRET = Pattern.compile("id=\"mfa-secret\">([A-Z2-7]+)<");

  final MutableClock clock;
  final StintServer server;
  final Map<String, String> admin;
  static final String NEW_ADMIN_PASSWORD = "Admin-Chose-This-1";
  private String adminPassword;

  private PortalServer(MutableClock clock, StintServer server, Map<String, String> admin) {
    this.clock = clock;
    this.server = server;
    this.admin = admin;
    this.adminPassword = admin.get("password");
  }

  static PortalServer start(Path dataDir, Instant now) {
    var clock = new MutableClock(now);
    StintServer server =
        StintServer.start(ServerConfig.defaults().withPort(0).withDataDir(dataDir), clock);
    return new PortalServer(
        clock, server, AdminCredentialsFile.read(server.adminCredentials().orElseThrow()));
  }

  String origin() {
    return "http://127.0.0.1:" + server.port();
  }

  Portal portal() {
    return server.portal();
  }

  /** The administrator's password now: the first start's, until {@link #admin} replaced it. */
  String adminPassword() {
    return adminPassword;
  }

  /**
   * A client signed in as the administrator, who on the first sign-in replaces the first start's
   * password, as the portal insists.
   */
  WebClient admin() throws IOException, InterruptedException {
    WebClient client = client();
    var signedIn = signIn(client, "admin", adminPassword);
    assertThat(signedIn.statusCode()).isEqualTo(303);
    if (signedIn.headers().firstValue("Location").orElseThrow().startsWith("/portal/password")) {
      var changed =
          client.submit(
              "/portal/password",
              "/portal/password",
              Map.of(
                  "current", adminPassword,
                  "new", NEW_ADMIN_PASSWORD,
                  "confirm", NEW_ADMIN_PASSWORD,
                  "next", "/"));
      assertThat(changed.statusCode()).isEqualTo(303);
      adminPassword = NEW_ADMIN_PASSWORD;
    }
    return client;
  }

  String managementAccount() {
    return admin.get("account");
  }

  WebClient client() {
    return new WebClient(origin());
  }

  static Origin origin(String actor) {
    return new Origin(actor, "test-request", "127.0.0.1");
  }

  User user(String name, String password, boolean mfaRequired) {
    User user = portal().users().create(name, password.toCharArray(), false, origin(null));
    if (mfaRequired) {
      portal().users().setMfaRequired(user.id(), true, origin(null));
    }
    return user;
  }

  /** Puts an inline policy on a user through the IAM API, as the administrator. */
  void putUserPolicy(String userName, String document) {
    try (var iam =
        IamClient.builder()
            .endpointOverride(URI.create(origin()))
            .region(Region.US_EAST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        admin.get("aws_access_key_id"), admin.get("aws_secret_access_key"))))
            .build()) {
      iam.putUserPolicy(b -> b.userName(userName).policyName("portal").policyDocument(document));
    }
  }

  String memberAccount(String name, String email) {
    return portal().accounts().create(name, email, null, origin(null)).accountId();
  }

  PermissionSet permissionSet(String name, Duration duration) {
    return portal()
        .permissionSets()
        .create(
            name,
            new PermissionSets.Definition(
                "Testers", duration, null, List.of("arn:aws:iam::aws:policy/AdministratorAccess")),
            origin(null));
  }

  void assign(User user, String accountId, PermissionSet set) {
    portal()
        .assignments()
        .assign(Assignment.PrincipalType.USER, user.id(), accountId, set.id(), origin(null));
  }

  /** Signs in with a password only; returns the last response (a redirect when it worked). */
  static HttpResponse<String> signIn(WebClient client, String user, String password)
      throws IOException, InterruptedException {
    return client.submit(
        "/portal/signin", "/portal/signin", Map.of("username", user, "password", password));
  }

  /**
   * Signs in a user whom an administrator requires to use MFA and who has no device yet: the
   * password, then the enrolment page's secret and two consecutive codes. Returns the seed.
   */
  byte[] signInAndEnrol(WebClient client, String user, String password)
      throws IOException, InterruptedException {
    var first = signIn(client, user, password);
    assertThat(first.statusCode()).isEqualTo(303);
    assertThat(first.headers().firstValue("Location")).hasValue("/portal/mfa/enrol?next=%2F");
    String page = client.get("/portal/mfa/enrol").body();
    Matcher m = SECRET.matcher(page);
    assertThat(m.find()).as("secret on the enrolment page").isTrue();
    byte[] seed = base32(m.group(1));
    Matcher serial = Pattern.compile("name=\"serial\" value=\"([^\"]+)\"").matcher(page);
    assertThat(serial.find()).isTrue();
    long step = Totp.step(clock.instant());
    var done =
        client.post(
            "/portal/mfa/enrol",
            Map.of(
                "csrf", WebClient.csrf(page),
                "serial", serial.group(1).replace("&#34;", "\""),
                "code1", Totp.code(seed, step),
                "code2", Totp.code(seed, step + 1),
                "next", "/"));
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location")).hasValue("/");
    return seed;
  }

  /** RFC 4648 base32 without padding. */
  static byte[] base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    var out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toCharArray()) {
      buffer = buffer << 5 | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >>> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    server.close();
  }
}
