package dev.stint.server.portal;

import static dev.stint.server.portal.OidcException.Error.INVALID_GRANT;
import static dev.stint.server.portal.OidcException.Error.INVALID_REQUEST;
import static dev.stint.server.portal.OidcException.Error.UNAUTHORIZED_CLIENT;
import static dev.stint.server.portal.OidcException.Error.UNSUPPORTED_GRANT_TYPE;

import dev.stint.server.store.Database;
import dev.stint.server.store.OidcClient;
import dev.stint.server.store.OidcToken;
import dev.stint.server.store.PortalSession;
import dev.stint.server.store.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * OIDC {@code CreateToken} and the bearer tokens it hands out: access tokens that last as long as a
 * portal session (eight hours unless an administrator changed it), and refresh tokens that last 90
 * days and rotate at every use (a rotated one presented again ends its whole grant, as it can only
 * have been copied). Also the bearer check of the Identity Center portal API and its Logout.
 * Thread-safe.
 */
public final class OidcTokens {
  public static final Duration REFRESH_TOKEN_LENGTH = Duration.ofDays(90);
  static final String ACCESS_PREFIX = "sat_";
  static final String REFRESH_PREFIX = "srt_";

  private final Database db;
  private final OidcClients clients;
  private final DeviceAuthorizations devices;
  private final PkceAuthorizations pkce;
  private final PortalSettings settings;
  private final Secrets secrets;
  private final PortalAudit audit;
  private final Clock clock;

  OidcTokens(
      Database db,
      OidcClients clients,
      DeviceAuthorizations devices,
      PkceAuthorizations pkce,
      PortalSettings settings,
      Secrets secrets,
      PortalAudit audit,
      Clock clock) {
    this.db = db;
    this.clients = clients;
    this.devices = devices;
    this.pkce = pkce;
    this.settings = settings;
    this.secrets = secrets;
    this.audit = audit;
    this.clock = clock;
  }

  /** What CreateToken answers. {@code toString} leaves the tokens out. */
  public record Tokens(String accessToken, String refreshToken, Duration expiresIn) {
    public Tokens {
      Objects.requireNonNull(accessToken, "accessToken");
      Objects.requireNonNull(refreshToken, "refreshToken");
      Objects.requireNonNull(expiresIn, "expiresIn");
    }

    /** Always {@code Bearer}. */
    public String tokenType() {
      return "Bearer";
    }

    @Override
    public String toString() {
      return "Tokens[<redacted>, expiresIn=" + expiresIn + "]";
    }
  }

  /**
   * The user behind a valid access token.
   *
   * @param mfaAuthenticated when the portal sign-in that approved the token checked a TOTP code, or
   *     {@code null}
   */
  public record Bearer(OidcToken token, User user, Instant mfaAuthenticated) {}

  /**
   * CreateToken's parameters; which ones matter depends on the grant type.
   *
   * @param deviceCode for the device code grant
   * @param code for the authorization code grant, with {@code redirectUri} and {@code codeVerifier}
   * @param refreshToken for the refresh token grant
   */
  public record Request(
      String clientId,
      String clientSecret,
      String grantType,
      String deviceCode,
      String code,
      String redirectUri,
      String codeVerifier,
      String refreshToken) {
    @Override
    public String toString() {
      return "Request[clientId=" + clientId + ", grantType=" + grantType + "]";
    }
  }

  /**
   * Answers CreateToken.
   *
   * @throws OidcException with the model's error for every refusal, polling answers included
   */
  public Tokens create(Request request, Origin origin) {
    if (request.grantType() == null || request.grantType().isEmpty()) {
      throw new OidcException(INVALID_REQUEST, "Missing grant type");
    }
    OidcClient client = clients.authenticate(request.clientId(), request.clientSecret());
    return switch (request.grantType()) {
      case OidcClients.DEVICE_CODE -> {
        requireGrant(client, OidcClients.DEVICE_CODE);
        DeviceAuthorizations.Redeemed r = devices.redeem(client, request.deviceCode());
        yield issue(
            client, r.userId(), r.sessionHash(), List.of(), newGrantId(), origin, "device_code");
      }
      case OidcClients.AUTHORIZATION_CODE -> {
        requireGrant(client, OidcClients.AUTHORIZATION_CODE);
        PkceAuthorizations.Redeemed r =
            pkce.redeem(client, request.code(), request.redirectUri(), request.codeVerifier());
        yield issue(
            client,
            r.userId(),
            r.sessionHash(),
            r.scopes(),
            newGrantId(),
            origin,
            "authorization_code");
      }
      case OidcClients.REFRESH_TOKEN -> refresh(client, request.refreshToken(), origin);
      default -> throw new OidcException(UNSUPPORTED_GRANT_TYPE, "Unsupported grant type");
    };
  }

  /**
   * The user behind a valid access token: not expired, not revoked, user neither deleted nor
   * disabled.
   *
   * @throws PortalException.Unauthorized otherwise
   */
  public Bearer authenticate(String accessToken) {
    if (accessToken == null
        || !accessToken.startsWith(ACCESS_PREFIX)
        || accessToken.length() > 128) {
      throw new PortalException.Unauthorized();
    }
    Optional<OidcToken> token = db.oidc().findToken(Secrets.hash(accessToken));
    if (token.isEmpty()
        || token.get().kind() != OidcToken.Kind.ACCESS
        || !token.get().validAt(clock.instant())
        || db.portalUsers().find(token.get().userId()).disabled()) {
      throw new PortalException.Unauthorized();
    }
    User user =
        db.users().findById(token.get().userId()).orElseThrow(PortalException.Unauthorized::new);
    Instant mfa =
        token.get().sessionHash() == null
            ? null
            : db.portalSessions()
                .find(token.get().sessionHash())
                .map(PortalSession::mfaAuthenticated)
                .orElse(null);
    return new Bearer(token.get(), user, mfa);
  }

  /**
   * Identity Center's Logout: ends the token's grant (its refresh tokens too) and the portal
   * session that approved it. Credentials already issued live on until they expire.
   *
   * @throws PortalException.Unauthorized when the token is not valid
   */
  public void logout(String accessToken, Origin origin) {
    Bearer bearer = authenticate(accessToken);
    Instant now = clock.instant();
    db.oidc().revokeGrant(bearer.token().grantId(), now);
    String session = bearer.token().sessionHash();
    if (session != null) {
      db.portalSessions().signOut(session, now);
      db.oidc().revokeSession(session, now);
    }
    audit.success(
        origin.as(bearer.user().arn()),
        "Logout",
        bearer.user().arn(),
        "client=" + bearer.token().clientId());
  }

  /** Deletes tokens, codes, device authorizations and clients that expired a day ago or more. */
  public int prune() {
    return db.oidc().deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
  }

  private Tokens refresh(OidcClient client, String refreshToken, Origin origin) {
    requireGrant(client, OidcClients.REFRESH_TOKEN);
    if (refreshToken == null
        || !refreshToken.startsWith(REFRESH_PREFIX)
        || refreshToken.length() > 128) {
      throw new OidcException(INVALID_GRANT, "Invalid refresh token provided");
    }
    Instant now = clock.instant();
    String hash = Secrets.hash(refreshToken);
    OidcToken old =
        db.oidc()
            .findToken(hash)
            .filter(t -> t.kind() == OidcToken.Kind.REFRESH && t.clientId().equals(client.id()))
            .orElseThrow(() -> new OidcException(INVALID_GRANT, "Invalid refresh token provided"));
    if (old.revoked() != null) {
      // A rotated refresh token came back: someone kept a copy. End the whole grant.
      db.oidc().revokeGrant(old.grantId(), now);
      throw new OidcException(INVALID_GRANT, "Invalid refresh token provided");
    }
    if (!now.isBefore(old.expires())) {
      throw new OidcException(INVALID_GRANT, "Refresh token has expired");
    }
    if (db.portalUsers().find(old.userId()).disabled()) {
      throw new OidcException(INVALID_GRANT, "Invalid refresh token provided");
    }
    if (!db.oidc().revokeToken(hash, now)) {
      throw new OidcException(INVALID_GRANT, "Invalid refresh token provided");
    }
    return issue(
        client,
        old.userId(),
        old.sessionHash(),
        old.scopes(),
        old.grantId(),
        origin,
        "refresh_token");
  }

  private Tokens issue(
      OidcClient client,
      String userId,
      String sessionHash,
      List<String> scopes,
      String grantId,
      Origin origin,
      String grant) {
    Instant now = clock.instant();
    Duration length = settings.sessionLength();
    String access = secrets.next(ACCESS_PREFIX);
    String refresh = secrets.next(REFRESH_PREFIX);
    List<String> s = scopes.isEmpty() ? client.scopes() : scopes;
    db.oidc()
        .createToken(
            new OidcToken(
                Secrets.hash(access),
                OidcToken.Kind.ACCESS,
                grantId,
                client.id(),
                userId,
                sessionHash,
                s,
                now,
                now.plus(length),
                null));
    db.oidc()
        .createToken(
            new OidcToken(
                Secrets.hash(refresh),
                OidcToken.Kind.REFRESH,
                grantId,
                client.id(),
                userId,
                sessionHash,
                s,
                now,
                now.plus(REFRESH_TOKEN_LENGTH),
                null));
    String actor = db.users().findById(userId).map(User::arn).orElse(userId);
    audit.record(
        origin.as(actor),
        "CreateToken",
        actor,
        dev.stint.server.store.AuditEvent.Outcome.SUCCESS,
        "grantType=" + grant + " client=" + client.id() + " grant=" + grantId,
        null,
        now.plus(length));
    return new Tokens(access, refresh, length);
  }

  private String newGrantId() {
    return secrets.hex(16);
  }

  private static void requireGrant(OidcClient client, String grantType) {
    if (!OidcClients.grants(client, grantType)) {
      throw new OidcException(
          UNAUTHORIZED_CLIENT, "The client is not registered for this grant type");
    }
  }
}
