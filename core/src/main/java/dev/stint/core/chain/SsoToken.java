package dev.stint.core.chain;

import dev.stint.core.internal.http.HttpTransport;
import dev.stint.core.internal.json.Json;
import dev.stint.core.internal.json.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IAM Identity Center access token from {@code ~/.aws/sso/cache}, as botocore finds it: under
 * the SHA-1 of the {@code sso-session} name (refreshed through OIDC {@code CreateToken} with the
 * cached refresh token when less than 15 minutes remain, and written back), or for a legacy profile
 * under the SHA-1 of the start URL (never refreshed). The refresh holds the cache file's lock and
 * reads it again first, so parallel processes refresh once. Immutable and thread-safe.
 */
final class SsoToken {

  static final Duration REFRESH_WINDOW = Duration.ofMinutes(15);

  /**
   * The logger, looked up only when there is something to say: the first lookup searches every jar
   * of the class path for a logging provider, which a command started for each AWS call (such as
   * {@code credential_process}) cannot afford on its quiet path.
   */
  private static System.Logger log() {
    return System.getLogger(SsoToken.class.getName());
  }

  /**
   * Where the token is.
   *
   * @param startUrl the portal start URL
   * @param region the Identity Center region
   * @param sessionName the {@code sso-session} name, or null for a legacy profile
   */
  record Config(String startUrl, String region, String sessionName) {}

  private final ChainContext context;
  private final CliCache cache;

  SsoToken(ChainContext context) {
    this.context = context;
    this.cache = context.ssoTokenCache();
  }

  static String cacheKey(Config config) {
    return CliCache.sha1(config.sessionName() != null ? config.sessionName() : config.startUrl());
  }

  String accessToken(Config config) {
    String key = cacheKey(config);
    Map<String, Object> token = load(config, key);
    Instant expiresAt = expiresAt(config, token);
    if (config.sessionName() == null) {
      if (!expiresAt.isAfter(context.clock().instant())) {
        throw CredentialException.SsoLoginRequired.unauthorized(null);
      }
      return (String) token.get("accessToken");
    }
    if (remaining(expiresAt).compareTo(REFRESH_WINDOW) < 0) {
      try {
        token = cache.locked(key, () -> refreshIfNeeded(config, key));
      } catch (IOException e) {
        log().log(System.Logger.Level.WARNING, "Cannot lock " + cache.file(key), e);
        token = refreshIfNeeded(config, key);
      }
      expiresAt = expiresAt(config, token);
    }
    if (!expiresAt.isAfter(context.clock().instant())) {
      throw new CredentialException.SsoLoginRequired(
          "Error when retrieving token from sso: Token has expired and refresh failed", null);
    }
    return (String) token.get("accessToken");
  }

  private Map<String, Object> refreshIfNeeded(Config config, String key) {
    Map<String, Object> token = load(config, key);
    if (remaining(expiresAt(config, token)).compareTo(REFRESH_WINDOW) >= 0) {
      return token; // another process refreshed while we waited for the lock
    }
    Optional<Map<String, Object>> refreshed = refresh(config, token);
    if (refreshed.isEmpty()) {
      return token;
    }
    try {
      cache.write(key, refreshed.get());
    } catch (IOException e) {
      log().log(System.Logger.Level.WARNING, "Cannot write " + cache.file(key), e);
    }
    return refreshed.get();
  }

  private Map<String, Object> load(Config config, String key) {
    String name = config.sessionName() != null ? config.sessionName() : config.startUrl();
    Map<String, Object> token =
        cache
            .read(key)
            .orElseThrow(
                () ->
                    new CredentialException.SsoLoginRequired(
                        "Error loading SSO Token: Token for " + name + " does not exist", null));
    if (!(token.get("accessToken") instanceof String) || !token.containsKey("expiresAt")) {
      throw new CredentialException.SsoLoginRequired(
          "Error loading SSO Token: Token for " + config.startUrl() + " is invalid", null);
    }
    return token;
  }

  private Instant expiresAt(Config config, Map<String, Object> token) {
    return Timestamps.parse(token.get("expiresAt") instanceof String s ? s : null)
        .orElseThrow(
            () ->
                new CredentialException.SsoLoginRequired(
                    "Error loading SSO Token: Token for " + config.startUrl() + " is invalid",
                    null));
  }

  private Duration remaining(Instant expiresAt) {
    return Duration.between(context.clock().instant(), expiresAt);
  }

  /** OIDC CreateToken with the refresh token, or empty when it cannot or did not work. */
  private Optional<Map<String, Object>> refresh(Config config, Map<String, Object> token) {
    for (String key :
        List.of("refreshToken", "clientId", "clientSecret", "registrationExpiresAt")) {
      if (!(token.get(key) instanceof String)) {
        log().log(System.Logger.Level.INFO, "Unable to refresh SSO token: missing " + key);
        return Optional.empty();
      }
    }
    Optional<Instant> registrationExpiry =
        Timestamps.parse((String) token.get("registrationExpiresAt"));
    if (registrationExpiry.isEmpty()
        || !registrationExpiry.get().isAfter(context.clock().instant())) {
      log().log(System.Logger.Level.INFO, "SSO client registration expired");
      return Optional.empty();
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("clientId", token.get("clientId"));
    request.put("clientSecret", token.get("clientSecret"));
    request.put("grantType", "refresh_token");
    request.put("refreshToken", token.get("refreshToken"));
    Endpoints.Endpoint endpoint =
        context.endpoints().resolve(Endpoints.Service.SSO_OIDC, Optional.of(config.region()));
    Instant now = context.clock().instant();
    HttpTransport.Response response =
        Calls.send(
            context.transport(),
            "CreateToken",
            new HttpTransport.Request(
                "POST",
                Calls.resolve(endpoint.uri(), "/token", null),
                List.of(Map.entry("Content-Type", "application/json")),
                Json.write(request, Json.Style.COMPACT).getBytes(StandardCharsets.UTF_8),
                context.httpTimeout()));
    if (response.status() / 100 != 2) {
      log()
          .log(
              System.Logger.Level.WARNING,
              "SSO token refresh attempt failed",
              Calls.restJsonError("CreateToken", response));
      return Optional.empty();
    }
    Map<String, Object> answer;
    try {
      answer = Json.readObject(response.text());
    } catch (JsonParseException e) {
      log().log(System.Logger.Level.WARNING, "SSO token refresh answer is not JSON", e);
      return Optional.empty();
    }
    if (!(answer.get("accessToken") instanceof String accessToken)
        || !(answer.get("expiresIn") instanceof Long expiresIn)) {
      log()
          .log(System.Logger.Level.WARNING, "SSO token refresh answer lacks accessToken/expiresIn");
      return Optional.empty();
    }
    Map<String, Object> fresh = new LinkedHashMap<>();
    fresh.put("startUrl", config.startUrl());
    fresh.put("region", config.region());
    fresh.put("accessToken", accessToken);
    fresh.put("expiresAt", Timestamps.zulu(now.plusSeconds(expiresIn)));
    fresh.put("clientId", token.get("clientId"));
    fresh.put("clientSecret", token.get("clientSecret"));
    fresh.put("registrationExpiresAt", token.get("registrationExpiresAt"));
    if (answer.get("refreshToken") instanceof String refreshToken) {
      fresh.put("refreshToken", refreshToken);
    }
    return Optional.of(fresh);
  }
}
