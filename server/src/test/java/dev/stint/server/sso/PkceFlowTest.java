package dev.stint.server.sso;

import static dev.stint.server.sso.PortalServer.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.server.portal.PkceAuthorizations;
import dev.stint.server.portal.PkceAuthorizations.AuthorizeRequest;
import dev.stint.server.portal.PortalSessions;
import dev.stint.server.store.User;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.InvalidRedirectUriException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.UnauthorizedClientException;

/**
 * The authorization code grant with PKCE: a client registered for it (as {@code aws sso login} does
 * from CLI v2.22 on and {@code stint login} does), the signed-in user's approval through the
 * service behind {@code /authorize}, and {@code CreateToken} with the code verifier.
 */
class PkceFlowTest {
  private static final String REDIRECT = "http://127.0.0.1:43210/oauth/callback";
  // RFC 7636, appendix B: a verifier and its S256 challenge, from outside.
  private static final String RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  @TempDir Path dir;
  private PortalServer server;
  private SsoOidcClient oidc;
  private RegisterClientResponse client;
  private PortalSessions.Created session;

  @BeforeEach
  void start() {
    server = PortalServer.start(dir);
    oidc = server.oidc();
    User alice =
        server.portal().users().create("alice", "Corr3ct-horse".toCharArray(), false, ORIGIN);
    session = server.portal().sessions().create(alice.id(), null);
    client =
        oidc.registerClient(
            b ->
                b.clientName("stint-login")
                    .clientType("public")
                    .scopes("sso:account:access")
                    .grantTypes("authorization_code", "refresh_token")
                    .redirectUris(REDIRECT));
  }

  @AfterEach
  void stop() {
    oidc.close();
    server.close();
  }

  private AuthorizeRequest request(String challenge, String state) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", client.clientId());
    query.put("redirect_uri", REDIRECT);
    query.put("state", state);
    query.put("code_challenge", challenge);
    query.put("code_challenge_method", "S256");
    query.put("scopes", "sso:account:access");
    return AuthorizeRequest.fromQuery(query::get);
  }

  private static Map<String, String> query(String uri) {
    var out = new LinkedHashMap<String, String>();
    for (String pair : URI.create(uri).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private CreateTokenResponse redeem(String code, String verifier, String redirect) {
    return oidc.createToken(
        b ->
            b.clientId(client.clientId())
                .clientSecret(client.clientSecret())
                .grantType("authorization_code")
                .code(code)
                .redirectUri(redirect)
                .codeVerifier(verifier));
  }

  @Test
  void s256MatchesRfc7636() {
    assertThat(PkceAuthorizations.s256(RFC_VERIFIER)).isEqualTo(RFC_CHALLENGE);
  }

  @Test
  void approvedCodeRedeemsOnceWithTheVerifier() {
    AuthorizeRequest request = request(RFC_CHALLENGE, "st&ate 1");
    PkceAuthorizations.Checked checked = server.portal().pkce().check(request);
    assertThat(checked.error()).isNull();
    assertThat(checked.clientName()).isEqualTo("stint-login");

    String redirect = server.portal().pkce().approve(request, session.session(), ORIGIN);
    assertThat(redirect).startsWith(REDIRECT + "?code=sac_");
    Map<String, String> params = query(redirect);
    assertThat(params.get("state")).isEqualTo("st&ate 1");

    CreateTokenResponse tokens = redeem(params.get("code"), RFC_VERIFIER, REDIRECT);
    assertThat(tokens.accessToken()).startsWith("sat_");
    assertThat(tokens.expiresIn()).isEqualTo(8 * 3600);
    assertThat(server.portal().tokens().authenticate(tokens.accessToken()).user().name())
        .isEqualTo("alice");
    assertThatThrownBy(() -> redeem(params.get("code"), RFC_VERIFIER, REDIRECT))
        .isInstanceOfSatisfying(
            InvalidGrantException.class,
            e -> assertThat(e.errorDescription()).isEqualTo("Invalid authorization code provided"));
  }

  @Test
  void aWrongVerifierOrRedirectUriIsInvalidGrantAndLeavesTheCodeForItsClient() {
    String code =
        query(
                server
                    .portal()
                    .pkce()
                    .approve(request(RFC_CHALLENGE, "s"), session.session(), ORIGIN))
            .get("code");

    assertThatThrownBy(() -> redeem(code, "x".repeat(43), REDIRECT))
        .isInstanceOfSatisfying(
            InvalidGrantException.class,
            e -> assertThat(e.errorDescription()).isEqualTo("Invalid code verifier"));
    assertThatThrownBy(() -> redeem(code, RFC_VERIFIER, "http://127.0.0.1:1/other"))
        .isInstanceOfSatisfying(
            InvalidGrantException.class,
            e ->
                assertThat(e.errorDescription())
                    .isEqualTo("Redirect URI does not match the authorization request"));
    assertThat(redeem(code, RFC_VERIFIER, REDIRECT).accessToken()).startsWith("sat_");
  }

  @Test
  void anExpiredCodeIsInvalidGrant() {
    String code =
        query(
                server
                    .portal()
                    .pkce()
                    .approve(request(RFC_CHALLENGE, "s"), session.session(), ORIGIN))
            .get("code");
    server.clock.advance(Duration.ofMinutes(10));

    assertThatThrownBy(() -> redeem(code, RFC_VERIFIER, REDIRECT))
        .isInstanceOf(InvalidGrantException.class);
  }

  @Test
  void requestsThatCannotGoBackAreRefusedAndOthersGoBackWithAnError() {
    AuthorizeRequest unknownRedirect =
        new AuthorizeRequest(
            "code",
            client.clientId(),
            "http://127.0.0.1:1/evil",
            "s",
            RFC_CHALLENGE,
            "S256",
            List.of());
    assertThatThrownBy(() -> server.portal().pkce().check(unknownRedirect))
        .isInstanceOf(PkceAuthorizations.Unredirectable.class)
        .hasMessage("The redirect URI is not registered for this client.");
    AuthorizeRequest unknownClient =
        new AuthorizeRequest("code", "nobody", REDIRECT, "s", RFC_CHALLENGE, "S256", List.of());
    assertThatThrownBy(() -> server.portal().pkce().check(unknownClient))
        .isInstanceOf(PkceAuthorizations.Unredirectable.class)
        .hasMessage("Unknown client.");

    AuthorizeRequest plain =
        new AuthorizeRequest(
            "code", client.clientId(), REDIRECT, "s", RFC_VERIFIER, "plain", List.of());
    PkceAuthorizations.Checked checked = server.portal().pkce().check(plain);
    assertThat(checked.error()).isEqualTo("invalid_request");
    assertThat(checked.errorRedirect()).isEqualTo(REDIRECT + "?error=invalid_request&state=s");
    assertThat(server.portal().pkce().deny(request(RFC_CHALLENGE, "s")))
        .isEqualTo(REDIRECT + "?error=access_denied&state=s");
  }

  @Test
  void aLoopbackRedirectUriRegisteredWithoutAPortTakesAnyPortAsTheAwsCliUsesIt() {
    RegisterClientResponse cli =
        oidc.registerClient(
            b ->
                b.clientName("botocore-client-corp")
                    .clientType("public")
                    .grantTypes("authorization_code", "refresh_token")
                    .redirectUris("http://127.0.0.1/oauth/callback"));
    var pkce = server.portal().pkce();
    java.util.function.Function<String, AuthorizeRequest> asking =
        redirect ->
            new AuthorizeRequest(
                "code", cli.clientId(), redirect, "s", RFC_CHALLENGE, "S256", List.of());

    assertThat(pkce.check(asking.apply("http://127.0.0.1:54321/oauth/callback")).error()).isNull();
    String back =
        pkce.approve(
            asking.apply("http://127.0.0.1:54321/oauth/callback"), session.session(), ORIGIN);
    assertThat(back).startsWith("http://127.0.0.1:54321/oauth/callback?code=sac_");
    for (String other :
        List.of(
            "http://127.0.0.1:54321/oauth/other",
            "http://localhost:54321/oauth/callback",
            "https://127.0.0.1:54321/oauth/callback",
            "http://127.0.0.1:54321/oauth/callback?x=1",
            "http://u@127.0.0.1:54321/oauth/callback")) {
      assertThatThrownBy(() -> pkce.check(asking.apply(other)))
          .as(other)
          .isInstanceOf(PkceAuthorizations.Unredirectable.class)
          .hasMessage("The redirect URI is not registered for this client.");
    }
  }

  @Test
  void registrationRulesForTheCodeGrant() {
    assertThatThrownBy(
            () ->
                oidc.registerClient(
                    b ->
                        b.clientName("x")
                            .clientType("public")
                            .grantTypes("authorization_code")
                            .redirectUris("http://example.com/cb")))
        .isInstanceOf(InvalidRedirectUriException.class);
    RegisterClientResponse deviceOnly =
        oidc.registerClient(b -> b.clientName("device").clientType("public"));
    assertThatThrownBy(
            () ->
                oidc.createToken(
                    b ->
                        b.clientId(deviceOnly.clientId())
                            .clientSecret(deviceOnly.clientSecret())
                            .grantType("authorization_code")
                            .code("sac_x")
                            .redirectUri(REDIRECT)
                            .codeVerifier(RFC_VERIFIER)))
        .isInstanceOf(UnauthorizedClientException.class);
  }
}
