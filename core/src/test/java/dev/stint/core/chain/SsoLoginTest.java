package dev.stint.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.core.internal.json.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SsoLogin} against a loopback fake of the OIDC and portal APIs: both grants, the polling
 * rules of RFC 8628 as botocore applies them, the registration and token caches byte for byte, the
 * portal listings and the sign-out sweeps.
 */
class SsoLoginTest {

  private static final Instant START = Instant.parse("2030-01-01T12:00:00Z");
  private static final String CONFIG =
      "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n\n"
          + "[sso-session corp]\nsso_start_url = https://corp.example/start\n"
          + "sso_region = eu-central-1\nsso_registration_scopes = sso:account:access\n\n"
          + "[profile old]\nsso_start_url = https://old.example/start\nsso_region = us-west-2\n";

  @TempDir Path home;
  private FakeAws aws;
  private MutableClock clock;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final Deque<FakeAws.Answer> polls = new ConcurrentLinkedDeque<>();

  @BeforeEach
  void start() throws Exception {
    aws = new FakeAws();
    clock = new MutableClock(START);
    TestHome.config(home, CONFIG);
    aws.on(
        "POST /client/register",
        request ->
            json(
                "{\"clientId\":\"cid-"
                    + aws.received("POST /client/register").size()
                    + "\",\"clientSecret\":\"csecret\",\"clientIdIssuedAt\":1893499200,"
                    + "\"clientSecretExpiresAt\":1901275200}"));
    aws.on(
        "POST /device_authorization",
        request ->
            json(
                "{\"deviceCode\":\"dev-code\",\"userCode\":\"BCDF-GHJK\",\"verificationUri\":"
                    + "\"http://portal.test/device\",\"verificationUriComplete\":"
                    + "\"http://portal.test/device?user_code=BCDF-GHJK\",\"expiresIn\":600,"
                    + "\"interval\":2}"));
    aws.on("POST /token", request -> polls.isEmpty() ? tokens() : polls.poll());
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  private static FakeAws.Answer json(String body) {
    return FakeAws.Answer.json(body);
  }

  private static FakeAws.Answer tokens() {
    return json(
        "{\"accessToken\":\"sat_access\",\"tokenType\":\"Bearer\",\"expiresIn\":28800,"
            + "\"refreshToken\":\"srt_refresh\"}");
  }

  private static FakeAws.Answer oidcError(String type, String code) {
    return new FakeAws.Answer(
        400,
        Map.of("x-amzn-ErrorType", type, "Content-Type", "application/json"),
        "{\"error\":\"" + code + "\",\"error_description\":\"d\"}");
  }

  private SsoLogin.Builder builder() {
    return SsoLogin.builder()
        .environment(Map.of("AWS_ENDPOINT_URL", aws.uri().toString()))
        .home(home)
        .clock(clock)
        .profile(Optional.of("dev"))
        .sleeper(
            duration -> {
              sleeps.add(duration);
              clock.advance(duration);
            });
  }

  private SsoLogin sso() {
    return builder().build();
  }

  /** A prompt that records what it shows and runs {@code browser} on the authorization page. */
  private static final class Shown implements SsoLogin.Prompt {
    final List<Object> shown = new ArrayList<>();
    final Consumer<URI> browser;

    Shown(Consumer<URI> browser) {
      this.browser = browser;
    }

    @Override
    public void deviceCode(SsoLogin.DeviceCode code) {
      shown.add(code);
    }

    @Override
    public void authorizationPage(URI page) {
      shown.add(page);
      browser.accept(page);
    }
  }

  private Path cache(String name) {
    return home.resolve(".aws/sso/cache/" + CliCache.sha1(name) + ".json");
  }

  private static String read(Path file) throws Exception {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      values.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return values;
  }

  @Test
  void theDeviceCodeFlowWritesTheTokenAndTheRegistrationAsTheAwsCliDoes() throws Exception {
    polls.add(oidcError("AuthorizationPendingException", "authorization_pending"));
    Shown prompt = new Shown(page -> {});
    SsoLogin sso = sso();

    SsoLogin.SignedIn done =
        sso.login(sso.session(Optional.empty()), SsoLogin.Flow.DEVICE_CODE, prompt);

    assertThat(prompt.shown)
        .containsExactly(
            new SsoLogin.DeviceCode(
                "BCDF-GHJK",
                "http://portal.test/device",
                "http://portal.test/device?user_code=BCDF-GHJK"));
    assertThat(aws.received("POST /client/register").get(0).bodyText())
        .isEqualTo(
            "{\"clientName\":\"stint-client-corp\",\"clientType\":\"public\","
                + "\"scopes\":[\"sso:account:access\"]}");
    assertThat(aws.received("POST /device_authorization").get(0).bodyText())
        .isEqualTo(
            "{\"clientId\":\"cid-1\",\"clientSecret\":\"csecret\","
                + "\"startUrl\":\"https://corp.example/start\"}");
    assertThat(aws.received("POST /token"))
        .extracting(FakeAws.Received::bodyText)
        .containsOnly(
            "{\"clientId\":\"cid-1\",\"clientSecret\":\"csecret\",\"grantType\":"
                + "\"urn:ietf:params:oauth:grant-type:device_code\",\"deviceCode\":\"dev-code\"}")
        .hasSize(2);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    // The token's lifetime counts from the poll that got it, four seconds in.
    assertThat(read(cache("corp")))
        .isEqualTo(
            "{\"startUrl\": \"https://corp.example/start\", \"region\": \"eu-central-1\","
                + " \"accessToken\": \"sat_access\", \"expiresAt\": \"2030-01-01T20:00:04Z\","
                + " \"clientId\": \"cid-1\", \"clientSecret\": \"csecret\","
                + " \"registrationExpiresAt\": \"2030-04-01T12:00:00Z\","
                + " \"refreshToken\": \"srt_refresh\"}");
    assertThat(done)
        .isEqualTo(
            new SsoLogin.SignedIn(
                "https://corp.example/start",
                Instant.parse("2030-01-01T20:00:04Z"),
                cache("corp")));
    Path registration =
        home.resolve(
            ".aws/sso/cache/" + SsoRegistrations.key(sso.session(Optional.empty())) + ".json");
    assertThat(read(registration))
        .isEqualTo(
            "{\"clientId\": \"cid-1\", \"clientSecret\": \"csecret\", \"expiresAt\":"
                + " \"2030-04-01T12:00:00Z\", \"scopes\": [\"sso:account:access\"]}");
    for (Path file : List.of(cache("corp"), registration)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void pollingWaitsTheIntervalAndFiveSecondsMoreAfterEachSlowDown() {
    polls.add(oidcError("AuthorizationPendingException", "authorization_pending"));
    polls.add(oidcError("SlowDownException", "slow_down"));
    polls.add(oidcError("AuthorizationPendingException", "authorization_pending"));
    polls.add(oidcError("SlowDownException", "slow_down"));
    SsoLogin sso = sso();

    sso.login(sso.session(Optional.empty()), SsoLogin.Flow.DEVICE_CODE, new Shown(p -> {}));

    assertThat(sleeps)
        .containsExactly(
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(7),
            Duration.ofSeconds(7),
            Duration.ofSeconds(12));
    assertThat(aws.received("POST /token")).hasSize(5);
  }

  @Test
  void aDenialAnExpiredCodeAndAnUnansweredCodeEndTheWait() {
    SsoLogin sso = sso();
    SsoLogin.Session session = sso.session(Optional.empty());

    polls.add(oidcError("AccessDeniedException", "access_denied"));
    assertThatThrownBy(() -> sso.login(session, SsoLogin.Flow.DEVICE_CODE, new Shown(p -> {})))
        .isInstanceOf(SsoLoginException.Denied.class)
        .hasMessage("The sign-in request was denied.");

    polls.add(oidcError("ExpiredTokenException", "expired_token"));
    assertThatThrownBy(() -> sso.login(session, SsoLogin.Flow.DEVICE_CODE, new Shown(p -> {})))
        .isInstanceOf(SsoLoginException.Expired.class)
        .hasMessage(
            "The device code expired before the sign-in was approved; run the command again.");

    polls.add(oidcError("InvalidClientException", "invalid_client"));
    assertThatThrownBy(() -> sso.login(session, SsoLogin.Flow.DEVICE_CODE, new Shown(p -> {})))
        .isInstanceOfSatisfying(
            AwsCallException.ServiceError.class,
            e -> assertThat(e.code()).isEqualTo("InvalidClientException"));

    int before = aws.received("POST /token").size();
    sleeps.clear();
    aws.on(
        "POST /token",
        request -> oidcError("AuthorizationPendingException", "authorization_pending"));
    assertThatThrownBy(() -> sso.login(session, SsoLogin.Flow.DEVICE_CODE, new Shown(p -> {})))
        .isInstanceOf(SsoLoginException.Expired.class);
    // 600 seconds at one poll per 2 seconds: 300 polls, then the code is past its end.
    assertThat(aws.received("POST /token").size() - before).isEqualTo(300);
    assertThat(sleeps).hasSize(301);
    assertThat(cache("corp")).doesNotExist();
  }

  @Test
  void aRegistrationIsReusedForItsOwnGrantWhileFifteenMinutesRemain() throws Exception {
    SsoLogin sso = sso();
    SsoLogin.Session session = sso.session(Optional.empty());

    sso.login(session, SsoLogin.Flow.DEVICE_CODE, new Shown(p -> {}));
    sso.login(session, SsoLogin.Flow.DEVICE_CODE, new Shown(p -> {}));
    assertThat(aws.received("POST /client/register")).hasSize(1);

    clock.set(Instant.parse("2030-04-01T11:45:00Z")); // exactly 15 minutes left: still good
    sso.login(session, SsoLogin.Flow.DEVICE_CODE, new Shown(p -> {}));
    assertThat(aws.received("POST /client/register")).hasSize(1);

    clock.set(Instant.parse("2030-04-01T11:45:01Z"));
    sso.login(session, SsoLogin.Flow.DEVICE_CODE, new Shown(p -> {}));
    assertThat(aws.received("POST /client/register")).hasSize(2);
    assertThat(aws.received("POST /device_authorization").get(3).bodyText()).contains("cid-2");
  }

  @Test
  void theAuthorizationCodeFlowGoesThroughTheBrowserAndRedeemsWithTheVerifier() throws Exception {
    aws.on(
        "GET /authorize",
        request -> {
          Map<String, String> asked = query(request.query());
          return new FakeAws.Answer(
              302,
              Map.of(
                  "Location",
                  asked.get("redirect_uri") + "?code=sac_code&state=" + asked.get("state")),
              "");
        });
    List<Integer> favicon = new ArrayList<>();
    Shown prompt =
        new Shown(
            page -> {
              String redirect = query(page.getRawQuery()).get("redirect_uri");
              favicon.add(
                  browse(URI.create(redirect.replace("/oauth/callback", "/favicon.ico")), false));
              favicon.add(browse(page, true));
            });
    SsoLogin sso = sso();

    sso.login(sso.session(Optional.empty()), SsoLogin.Flow.AUTHORIZATION_CODE, prompt);

    URI page = (URI) prompt.shown.get(0);
    assertThat(page.getRawPath()).isEqualTo("/authorize");
    Map<String, String> asked = query(page.getRawQuery());
    assertThat(asked.keySet())
        .containsExactly(
            "response_type",
            "client_id",
            "redirect_uri",
            "state",
            "code_challenge_method",
            "scopes",
            "code_challenge");
    assertThat(asked.get("response_type")).isEqualTo("code");
    assertThat(asked.get("client_id")).isEqualTo("cid-1");
    assertThat(asked.get("redirect_uri")).matches("http://127\\.0\\.0\\.1:\\d+/oauth/callback");
    assertThat(asked.get("state")).matches("[0-9a-f]{32}");
    assertThat(asked.get("code_challenge_method")).isEqualTo("S256");
    assertThat(asked.get("scopes")).isEqualTo("sso:account:access");
    assertThat(aws.received("POST /client/register").get(0).bodyText())
        .isEqualTo(
            "{\"clientName\":\"stint-client-corp\",\"clientType\":\"public\","
                + "\"scopes\":[\"sso:account:access\"],"
                + "\"grantTypes\":[\"authorization_code\",\"refresh_token\"],"
                + "\"redirectUris\":[\"http://127.0.0.1/oauth/callback\"],"
                + "\"issuerUrl\":\"https://corp.example/start\"}");
    Map<String, Object> redeemed = Json.readObject(aws.received("POST /token").get(0).bodyText());
    assertThat(redeemed)
        .containsEntry("grantType", "authorization_code")
        .containsEntry("code", "sac_code")
        .containsEntry("redirectUri", asked.get("redirect_uri"));
    String verifier = (String) redeemed.get("codeVerifier");
    assertThat(verifier).matches("[A-Za-z0-9._~-]{64}");
    // RFC 7636 appendix B's pair, from outside: the challenge function agrees with it.
    assertThat(SsoSignIn.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    assertThat(asked.get("code_challenge")).isEqualTo(SsoSignIn.challenge(verifier));
    assertThat(favicon).containsExactly(404, 200);
    assertThat(Json.readObject(read(cache("corp"))))
        .containsEntry("accessToken", "sat_access")
        .containsEntry("refreshToken", "srt_refresh")
        .containsEntry("clientId", "cid-1");
    assertThat(
            read(
                home.resolve(
                    ".aws/sso/cache/"
                        + SsoRegistrations.key(sso.session(Optional.empty()))
                        + ".json")))
        .isEqualTo(
            "{\"clientId\": \"cid-1\", \"clientSecret\": \"csecret\", \"expiresAt\":"
                + " \"2030-04-01T12:00:00Z\", \"scopes\": [\"sso:account:access\"],"
                + " \"grantTypes\": [\"authorization_code\", \"refresh_token\"]}");

    // The next sign-in reuses that registration; a device code sign-in does not.
    sso.login(sso.session(Optional.empty()), SsoLogin.Flow.AUTHORIZATION_CODE, prompt);
    assertThat(aws.received("POST /client/register")).hasSize(1);
    sso.login(sso.session(Optional.empty()), SsoLogin.Flow.DEVICE_CODE, prompt);
    assertThat(aws.received("POST /client/register")).hasSize(2);
  }

  /** GETs a URI as a browser would, following a redirect when asked; returns the last status. */
  private static int browse(URI uri, boolean follow) {
    HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(follow ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
            .build();
    try {
      return client
          .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static URI callback(URI page, String parameters) {
    String redirect = query(page.getRawQuery()).get("redirect_uri");
    return URI.create(redirect + "?" + parameters);
  }

  @Test
  void theBrowserCanDenyAnswerForAnotherRequestOrNeverComeBack() {
    SsoLogin sso = builder().callbackTimeout(Duration.ofSeconds(1)).build();
    SsoLogin.Session session = sso.session(Optional.empty());

    assertThatThrownBy(
            () ->
                sso.login(
                    session,
                    SsoLogin.Flow.AUTHORIZATION_CODE,
                    new Shown(
                        page -> {
                          String state = query(page.getRawQuery()).get("state");
                          browse(callback(page, "error=access_denied&state=" + state), false);
                        })))
        .isInstanceOf(SsoLoginException.Denied.class);
    assertThatThrownBy(
            () ->
                sso.login(
                    session,
                    SsoLogin.Flow.AUTHORIZATION_CODE,
                    new Shown(page -> browse(callback(page, "code=sac_x&state=other"), false))))
        .isInstanceOf(SsoLoginException.StateMismatch.class)
        .hasMessage(
            "The browser's answer does not belong to this sign-in (the state does not match).");
    assertThatThrownBy(
            () ->
                sso.login(
                    session,
                    SsoLogin.Flow.AUTHORIZATION_CODE,
                    new Shown(
                        page ->
                            browse(
                                callback(page, "error=invalid_scope&error_description=bad%0Ascope"),
                                false))))
        .isInstanceOfSatisfying(
            AwsCallException.ServiceError.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_scope");
              assertThat(e.errorMessage()).isEqualTo("bad?scope");
            });
    assertThatThrownBy(
            () -> sso.login(session, SsoLogin.Flow.AUTHORIZATION_CODE, new Shown(page -> {})))
        .isInstanceOf(SsoLoginException.Expired.class)
        .hasMessage("No answer came back from the browser within 1 second; run the command again.");
    assertThat(aws.received("POST /token")).isEmpty();
    assertThat(cache("corp")).doesNotExist();
  }

  @Test
  void aLegacyProfileSignsInWithTheDeviceCodeAndKeepsNoRefreshFields() throws Exception {
    SsoLogin sso = builder().profile(Optional.of("old")).build();
    SsoLogin.Session session = sso.session(Optional.empty());
    assertThat(session)
        .isEqualTo(
            new SsoLogin.Session(
                "https://old.example/start", "us-west-2", Optional.empty(), Optional.empty()));

    sso.login(session, SsoLogin.Flow.AUTHORIZATION_CODE, new Shown(p -> {}));

    assertThat(aws.received("POST /device_authorization")).hasSize(1);
    assertThat(aws.received("POST /client/register").get(0).bodyText())
        .isEqualTo("{\"clientName\":\"stint-client-1893499200\",\"clientType\":\"public\"}");
    assertThat(read(cache("https://old.example/start")))
        .isEqualTo(
            "{\"startUrl\": \"https://old.example/start\", \"region\": \"us-west-2\","
                + " \"accessToken\": \"sat_access\", \"expiresAt\": \"2030-01-01T20:00:02Z\"}");
  }

  @Test
  void theSessionComesFromTheOptionTheProfileOrTheLegacyKeysWithBotocoresMessages()
      throws Exception {
    TestHome.config(
        home,
        CONFIG
            + "[profile ghost]\nsso_session = nowhere\n[profile half]\nsso_region = x\n"
            + "[sso-session bare]\nsso_region = eu-west-1\n"
            + "[sso-session scoped]\nsso_start_url = u\nsso_region = r\n"
            + "sso_registration_scopes = a, ,b ,\n");
    assertThat(builder().profile(Optional.of("nobody")).build().session(Optional.of("scoped")))
        .isEqualTo(
            new SsoLogin.Session("u", "r", Optional.of("scoped"), Optional.of(List.of("a", "b"))));
    assertThatThrownBy(
            () -> builder().profile(Optional.of("nobody")).build().session(Optional.empty()))
        .isInstanceOf(CredentialException.ProfileNotFound.class)
        .hasMessage("The config profile (nobody) could not be found");
    assertThatThrownBy(
            () -> builder().profile(Optional.of("ghost")).build().session(Optional.empty()))
        .isInstanceOf(CredentialException.InvalidConfig.class)
        .hasMessage("The specified sso-session does not exist: \"nowhere\"");
    assertThatThrownBy(() -> sso().session(Optional.of("bare")))
        .hasMessage(
            "Missing the following required SSO configuration values: sso_start_url"
                + " (in [sso-session bare])");
    assertThatThrownBy(
            () -> builder().profile(Optional.of("half")).build().session(Optional.empty()))
        .hasMessage(
            "Missing the following required SSO configuration values: sso_start_url. To make"
                + " sure this profile is properly configured to use SSO, please run: stint"
                + " configure sso");
  }

  @Test
  void accountsAndRolesAreReadPageByPageWithTheCachedToken() throws Exception {
    TestHome.write(
        cache("corp"),
        "{\"startUrl\": \"https://corp.example/start\", \"region\": \"eu-central-1\","
            + " \"accessToken\": \"sat_cached\", \"expiresAt\": \"2030-01-01T20:00:00Z\"}");
    aws.on(
        "GET /assignment/accounts",
        request ->
            request.query().contains("next_token=page%2B2")
                ? json(
                    "{\"accountList\":[{\"accountId\":\"222\",\"accountName\":\"b\","
                        + "\"emailAddress\":\"b@x\"}]}")
                : json(
                    "{\"nextToken\":\"page+2\",\"accountList\":[{\"accountId\":\"111\","
                        + "\"accountName\":\"a\",\"emailAddress\":\"a@x\"}]}"));
    aws.on(
        "GET /assignment/roles",
        request ->
            json(
                "{\"roleList\":[{\"roleName\":\"Admin\",\"accountId\":\"111\"},{\"roleName\":\"Ro\"}]}"));
    SsoLogin sso = sso();
    SsoLogin.Session session = sso.session(Optional.empty());

    assertThat(sso.accounts(session))
        .containsExactly(
            new SsoLogin.Account("111", "a", "a@x"), new SsoLogin.Account("222", "b", "b@x"));
    assertThat(sso.roles(session, "111")).containsExactly("Admin", "Ro");

    assertThat(aws.received("GET /assignment/accounts"))
        .extracting(FakeAws.Received::query)
        .containsExactly("max_result=100", "max_result=100&next_token=page%2B2");
    assertThat(aws.received("GET /assignment/roles").get(0).query())
        .isEqualTo("account_id=111&max_result=100");
    assertThat(aws.received())
        .filteredOn(r -> r.path().startsWith("/assignment"))
        .extracting(r -> r.header("x-amz-sso_bearer_token"))
        .containsOnly("sat_cached");

    aws.on(
        "GET /assignment/roles",
        request ->
            new FakeAws.Answer(
                401,
                Map.of("x-amzn-ErrorType", "UnauthorizedException"),
                "{\"message\":\"Session token not found or invalid\"}"));
    assertThatThrownBy(() -> sso.roles(session, "111"))
        .isInstanceOf(CredentialException.SsoLoginRequired.class);
  }

  @Test
  void logoutEndsEveryTokenRemovesItAndTheSsoRoleCredentialsAndKeepsTheRest() throws Exception {
    Path tokens = home.resolve(".aws/sso/cache");
    TestHome.write(
        tokens.resolve("a.json"), "{\"accessToken\": \"sat_a\", \"region\": \"eu-central-1\"}");
    TestHome.write(
        tokens.resolve("b.json"), "{\"accessToken\": \"sat_b\", \"region\": \"us-east-1\"}");
    TestHome.write(
        tokens.resolve("c.json"), "{\"accessToken\": \"sat_c\", \"region\": \"us-east-1\"}");
    TestHome.write(tokens.resolve("noregion.json"), "{\"accessToken\": \"sat_d\"}");
    TestHome.write(tokens.resolve("registration.json"), "{\"clientId\": \"x\"}");
    TestHome.write(tokens.resolve("a.json.lock"), "");
    Path roles = home.resolve(".aws/cli/cache");
    TestHome.write(roles.resolve("sso.json"), "{\"ProviderType\": \"sso\", \"Credentials\": {}}");
    TestHome.write(roles.resolve("role.json"), "{\"Credentials\": {}}");
    TestHome.write(roles.resolve("junk.json"), "not json");
    aws.on(
        "POST /logout",
        request ->
            switch (request.header("x-amz-sso_bearer_token")) {
              case "sat_a" -> json("{}");
              case "sat_b" ->
                  new FakeAws.Answer(
                      401, Map.of("x-amzn-ErrorType", "UnauthorizedException"), "{}");
              default ->
                  new FakeAws.Answer(
                      500,
                      Map.of("x-amzn-ErrorType", "InternalServerException"),
                      "{\"message\":\"boom\"}");
            });

    SsoLogin.LoggedOut done = sso().logout();

    assertThat(done.tokens()).isEqualTo(4);
    assertThat(done.credentials()).isEqualTo(1);
    assertThat(done.failures())
        .singleElement()
        .isInstanceOfSatisfying(
            AwsCallException.ServiceError.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        "An error occurred (InternalServerException) when calling the Logout"
                            + " operation: boom"));
    assertThat(aws.received("POST /logout"))
        .extracting(r -> r.header("x-amz-sso_bearer_token"))
        .containsExactly("sat_a", "sat_b", "sat_c");
    try (var left = Files.list(tokens)) {
      assertThat(left.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("a.json.lock", "registration.json");
    }
    try (var left = Files.list(roles)) {
      assertThat(left.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("junk.json", "role.json");
    }
  }

  @Test
  void logoutRemovesTheFilesEvenWhenThePortalCannotBeReached() throws Exception {
    TestHome.write(
        home.resolve(".aws/sso/cache/a.json"),
        "{\"accessToken\": \"sat_a\", \"region\": \"eu-central-1\"}");
    SsoLogin sso =
        builder()
            .environment(Map.of("AWS_ENDPOINT_URL", Chains.CLOSED.toString()))
            .httpTimeout(Duration.ofSeconds(2))
            .build();

    SsoLogin.LoggedOut done = sso.logout();

    assertThat(done.tokens()).isEqualTo(1);
    assertThat(done.failures()).singleElement().isInstanceOf(AwsCallException.Unreachable.class);
    assertThat(home.resolve(".aws/sso/cache/a.json")).doesNotExist();
  }
}
