package dev.stint.server.portal;

import static dev.stint.server.portal.OidcException.Error.INVALID_GRANT;

import dev.stint.server.store.AuthorizationCode;
import dev.stint.server.store.Database;
import dev.stint.server.store.OidcClient;
import dev.stint.server.store.PortalSession;
import dev.stint.server.store.User;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The authorization code grant with PKCE (RFC 6749 and RFC 7636, S256 only) behind {@code GET
 * /authorize}: the page checks the request ({@link #check}), a signed-in user approves or denies
 * it, and the browser goes back to the client's loopback redirect URI with a code that the client
 * redeems once, within ten minutes, with its code verifier. Thread-safe.
 */
public final class PkceAuthorizations {
  public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
  static final String CODE_PREFIX = "sac_";
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private final Database db;
  private final OidcClients clients;
  private final Secrets secrets;
  private final PortalAudit audit;
  private final Clock clock;

  PkceAuthorizations(
      Database db, OidcClients clients, Secrets secrets, PortalAudit audit, Clock clock) {
    this.db = db;
    this.clients = clients;
    this.secrets = secrets;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The query parameters of {@code GET /authorize}.
   *
   * @param state opaque to the server, returned as given; may be {@code null}
   * @param scopes the requested scopes (the {@code scopes} or {@code scope} parameter, split on
   *     spaces and commas)
   */
  public record AuthorizeRequest(
      String responseType,
      String clientId,
      String redirectUri,
      String state,
      String codeChallenge,
      String codeChallengeMethod,
      List<String> scopes) {
    public AuthorizeRequest {
      scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
    }

    /** Reads the request from query parameters ({@code param} answers {@code null} when absent). */
    public static AuthorizeRequest fromQuery(Function<String, String> param) {
      String scopes = param.apply("scopes");
      if (scopes == null) {
        scopes = param.apply("scope");
      }
      var list = new ArrayList<String>();
      if (scopes != null) {
        for (String s : scopes.split("[ ,]+")) {
          if (!s.isEmpty()) {
            list.add(s);
          }
        }
      }
      return new AuthorizeRequest(
          param.apply("response_type"),
          param.apply("client_id"),
          param.apply("redirect_uri"),
          param.apply("state"),
          param.apply("code_challenge"),
          param.apply("code_challenge_method"),
          list);
    }
  }

  /**
   * Why a request cannot even be sent back to the client: unknown client or a redirect URI it did
   * not register. Show an error page; never redirect.
   */
  public static final class Unredirectable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unredirectable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * A request that can be answered at its redirect URI.
   *
   * @param error an OAuth error code ({@code invalid_request}, {@code unsupported_response_type},
   *     {@code unauthorized_client}) when the request is refused: send the browser to {@link
   *     #errorRedirect()}; {@code null} when it awaits the user's decision
   */
  public record Checked(AuthorizeRequest request, String clientName, String error) {
    /** Where to send the browser for a refused request. */
    public String errorRedirect() {
      return redirect(request, "error=" + (error == null ? "invalid_request" : error));
    }
  }

  /** What a redeemed code stands for. */
  record Redeemed(String userId, String sessionHash, List<String> scopes) {}

  /**
   * Checks an authorization request before showing it to the user.
   *
   * @throws Unredirectable when the client is unknown or the redirect URI is not one it registered
   */
  public Checked check(AuthorizeRequest request) {
    OidcClient client =
        clients.find(request.clientId()).orElseThrow(() -> new Unredirectable("Unknown client."));
    if (request.redirectUri() == null || !registered(client, request.redirectUri())) {
      throw new Unredirectable("The redirect URI is not registered for this client.");
    }
    String error = null;
    if (!"code".equals(request.responseType())) {
      error = "unsupported_response_type";
    } else if (!OidcClients.grants(client, OidcClients.AUTHORIZATION_CODE)) {
      error = "unauthorized_client";
    } else if (!"S256".equals(request.codeChallengeMethod())
        || request.codeChallenge() == null
        || !CHALLENGE.matcher(request.codeChallenge()).matches()
        || (request.state() != null && request.state().length() > 1024)) {
      error = "invalid_request";
    }
    return new Checked(request, client.name(), error);
  }

  /**
   * The signed-in user approves: a code for the client, and where to send the browser with it.
   *
   * @throws Unredirectable as {@link #check}
   * @throws PortalException.Invalid when the request is refused (use {@link Checked#errorRedirect})
   */
  public String approve(AuthorizeRequest request, PortalSession session, Origin origin) {
    Checked checked = check(request);
    if (checked.error() != null) {
      throw new PortalException.Invalid(
          "request", "The authorization request is not valid: " + checked.error());
    }
    User user =
        db.users().findById(session.userId()).orElseThrow(PortalException.Unauthorized::new);
    Instant now = clock.instant();
    String code = secrets.next(CODE_PREFIX);
    db.oidc()
        .createCode(
            new AuthorizationCode(
                Secrets.hash(code),
                request.clientId(),
                user.id(),
                session.idHash(),
                request.redirectUri(),
                request.codeChallenge(),
                request.scopes(),
                now,
                now.plus(CODE_LIFETIME),
                null));
    audit.success(
        origin.as(user.arn()), "ApproveAuthorization", user.arn(), "client=" + request.clientId());
    return redirect(request, "code=" + enc(code));
  }

  /** The signed-in user denies: where to send the browser ({@code error=access_denied}). */
  public String deny(AuthorizeRequest request) {
    check(request);
    return redirect(request, "error=access_denied");
  }

  /** CreateToken with an authorization code: checks it, the redirect URI and the verifier, once. */
  Redeemed redeem(OidcClient client, String code, String redirectUri, String verifier) {
    if (code == null || !code.startsWith(CODE_PREFIX) || code.length() > 128) {
      throw invalidGrant();
    }
    String hash = Secrets.hash(code);
    Instant now = clock.instant();
    AuthorizationCode stored =
        db.oidc()
            .findCode(hash)
            .filter(c -> c.clientId().equals(client.id()))
            .orElseThrow(PkceAuthorizations::invalidGrant);
    if (stored.used() != null || !now.isBefore(stored.expires())) {
      throw invalidGrant();
    }
    if (!stored.redirectUri().equals(redirectUri)) {
      throw new OidcException(
          INVALID_GRANT, "Redirect URI does not match the authorization request");
    }
    if (verifier == null
        || !VERIFIER.matcher(verifier).matches()
        || !Secrets.same(s256(verifier), stored.codeChallenge())) {
      throw new OidcException(INVALID_GRANT, "Invalid code verifier");
    }
    if (!db.oidc().useCode(hash, now)) {
      throw invalidGrant();
    }
    return new Redeemed(stored.userId(), stored.sessionHash(), stored.scopes());
  }

  /**
   * Whether the client registered this redirect URI: the same text, or, for an {@code http}
   * loopback IP address, the same URI on any port (RFC 8252 section 7.3: a native client listens on
   * a port it gets from the system at each sign-in). The AWS CLI registers {@code
   * http://127.0.0.1/oauth/callback} and redirects to {@code http://127.0.0.1:PORT/oauth/callback}.
   */
  static boolean registered(OidcClient client, String redirectUri) {
    if (client.redirectUris().contains(redirectUri)) {
      return true;
    }
    Optional<URI> asked = loopback(redirectUri);
    if (asked.isEmpty()) {
      return false;
    }
    for (String uri : client.redirectUris()) {
      Optional<URI> known = loopback(uri);
      if (known.isPresent() && withoutPort(known.get()).equals(withoutPort(asked.get()))) {
        return true;
      }
    }
    return false;
  }

  /** The URI when it is {@code http} to {@code 127.0.0.1} or {@code [::1]} with no user info. */
  private static Optional<URI> loopback(String text) {
    try {
      URI uri = new URI(text);
      boolean loopback =
          "http".equals(uri.getScheme())
              && ("127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost()))
              && uri.getRawUserInfo() == null
              && uri.getRawFragment() == null;
      return loopback ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static String withoutPort(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + Objects.toString(uri.getRawPath(), "")
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  /** RFC 7636's S256: BASE64URL(SHA-256(ASCII(verifier))), unpadded. */
  public static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static OidcException invalidGrant() {
    return new OidcException(INVALID_GRANT, "Invalid authorization code provided");
  }

  private static String redirect(AuthorizeRequest request, String parameters) {
    String uri = request.redirectUri();
    String joined = uri + (uri.contains("?") ? "&" : "?") + parameters;
    return Optional.ofNullable(request.state())
        .map(s -> joined + "&state=" + enc(s))
        .orElse(joined);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
