package dev.stint.server.portal;

import static dev.stint.server.portal.OidcException.Error.INVALID_CLIENT;
import static dev.stint.server.portal.OidcException.Error.INVALID_CLIENT_METADATA;
import static dev.stint.server.portal.OidcException.Error.INVALID_REDIRECT_URI;
import static dev.stint.server.portal.OidcException.Error.INVALID_SCOPE;
import static dev.stint.server.portal.OidcException.Error.UNSUPPORTED_GRANT_TYPE;

import dev.stint.server.store.Database;
import dev.stint.server.store.OidcClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * OIDC {@code RegisterClient}: public clients (the AWS CLI, the SDKs, {@code stint login}) get an
 * id and a secret valid for 90 days; later calls authenticate with both. Thread-safe.
 */
public final class OidcClients {
  public static final Duration REGISTRATION_LENGTH = Duration.ofDays(90);
  public static final String DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";
  public static final String AUTHORIZATION_CODE = "authorization_code";
  public static final String REFRESH_TOKEN = "refresh_token";
  static final Set<String> GRANT_TYPES = Set.of(DEVICE_CODE, AUTHORIZATION_CODE, REFRESH_TOKEN);
  private static final Pattern SCOPE = Pattern.compile("[\\w:.*/-]{1,128}");
  private static final int MAX_LIST = 25;

  private final Database db;
  private final Secrets secrets;
  private final Clock clock;

  OidcClients(Database db, Secrets secrets, Clock clock) {
    this.db = db;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** What RegisterClient answers. {@code toString} leaves the secret out. */
  public record Registered(
      String clientId, String clientSecret, Instant issuedAt, Instant secretExpiresAt) {
    public Registered {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
      return "Registered[clientId="
          + clientId
          + ", clientSecret=<redacted>, expires "
          + secretExpiresAt
          + "]";
    }
  }

  /**
   * Registers a public client.
   *
   * @param grantTypes empty for the device code and refresh token grants
   * @param redirectUris where {@code /authorize} may return a code; {@code http} only to loopback
   * @throws OidcException with {@code InvalidClientMetadataException}, {@code
   *     InvalidScopeException}, {@code UnsupportedGrantTypeException} or {@code
   *     InvalidRedirectUriException}
   */
  public Registered register(
      String clientName,
      String clientType,
      List<String> scopes,
      List<String> grantTypes,
      List<String> redirectUris,
      String issuerUrl) {
    if (clientName == null || clientName.isBlank() || clientName.length() > 256) {
      throw new OidcException(INVALID_CLIENT_METADATA, "Invalid client name");
    }
    if (!"public".equals(clientType)) {
      throw new OidcException(
          INVALID_CLIENT_METADATA, "Invalid client type: only public is supported");
    }
    List<String> s = list(scopes);
    if (s.size() > MAX_LIST || s.stream().anyMatch(x -> !SCOPE.matcher(x).matches())) {
      throw new OidcException(INVALID_SCOPE, "Invalid scope requested");
    }
    List<String> g = list(grantTypes);
    if (g.isEmpty()) {
      g = List.of(DEVICE_CODE, REFRESH_TOKEN);
    }
    for (String grant : g) {
      if (!GRANT_TYPES.contains(grant)) {
        throw new OidcException(
            UNSUPPORTED_GRANT_TYPE, "Unsupported grant type: " + shorten(grant));
      }
    }
    List<String> uris = list(redirectUris);
    if (uris.size() > MAX_LIST) {
      throw new OidcException(INVALID_REDIRECT_URI, "Too many redirect URIs");
    }
    uris.forEach(OidcClients::checkRedirectUri);
    if (g.contains(AUTHORIZATION_CODE) && uris.isEmpty()) {
      throw new OidcException(
          INVALID_REDIRECT_URI, "The authorization_code grant needs at least one redirect URI");
    }
    if (issuerUrl != null && issuerUrl.length() > 1024) {
      throw new OidcException(INVALID_CLIENT_METADATA, "Invalid issuer URL");
    }
    Instant now = clock.instant();
    String clientId = secrets.urlSafe(16);
    String secret = secrets.next("scs_");
    var client =
        new OidcClient(
            clientId,
            Secrets.hash(secret),
            clientName,
            clientType,
            s,
            g,
            uris,
            issuerUrl,
            now,
            now.plus(REGISTRATION_LENGTH));
    db.oidc().createClient(client);
    return new Registered(clientId, secret, client.created(), client.expires());
  }

  /**
   * The client with this id and secret, registration not expired.
   *
   * @throws OidcException {@code InvalidClientException} otherwise
   */
  public OidcClient authenticate(String clientId, String clientSecret) {
    if (clientId == null || clientSecret == null || clientId.length() > 64) {
      throw invalidClient();
    }
    Optional<OidcClient> client = db.oidc().findClient(clientId);
    if (client.isEmpty() || !Secrets.same(client.get().secretHash(), Secrets.hash(clientSecret))) {
      throw invalidClient();
    }
    if (!clock.instant().isBefore(client.get().expires())) {
      throw new OidcException(INVALID_CLIENT, "Client registration has expired");
    }
    return client.get();
  }

  /** A registered client that has not expired, by id (for the {@code /authorize} page). */
  public Optional<OidcClient> find(String clientId) {
    if (clientId == null || clientId.length() > 64) {
      return Optional.empty();
    }
    return db.oidc().findClient(clientId).filter(c -> clock.instant().isBefore(c.expires()));
  }

  static boolean grants(OidcClient client, String grantType) {
    return client.grantTypes().contains(grantType);
  }

  private static OidcException invalidClient() {
    return new OidcException(INVALID_CLIENT, "Invalid client");
  }

  private static void checkRedirectUri(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw badRedirect();
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    String host = parsed.getHost() == null ? "" : parsed.getHost().toLowerCase(Locale.ROOT);
    boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
    if (uri.length() > 1024
        || parsed.getFragment() != null
        || !(scheme.equals("https") || (scheme.equals("http") && loopback))
        || host.isEmpty()) {
      throw badRedirect();
    }
  }

  private static OidcException badRedirect() {
    return new OidcException(INVALID_REDIRECT_URI, "Invalid redirect URI");
  }

  private static List<String> list(List<String> values) {
    return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
  }

  private static String shorten(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
