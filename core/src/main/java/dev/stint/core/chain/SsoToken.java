package dev.stint.core.chain;

import java.io.IOException;
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
    Instant now = context.clock().instant();
    SsoOidc.Tokens answer;
    try {
      answer =
          new SsoOidc(context, config.region())
              .refresh(
                  (String) token.get("clientId"),
                  (String) token.get("clientSecret"),
                  (String) token.get("refreshToken"));
    } catch (AwsCallException.ServiceError e) {
      log().log(System.Logger.Level.WARNING, "SSO token refresh attempt failed", e);
      return Optional.empty();
    }
    Map<String, Object> fresh = new LinkedHashMap<>();
    fresh.put("startUrl", config.startUrl());
    fresh.put("region", config.region());
    fresh.put("accessToken", answer.accessToken());
    fresh.put("expiresAt", Timestamps.zulu(now.plus(answer.expiresIn())));
    fresh.put("clientId", token.get("clientId"));
    fresh.put("clientSecret", token.get("clientSecret"));
    fresh.put("registrationExpiresAt", token.get("registrationExpiresAt"));
    answer.refreshToken().ifPresent(refreshToken -> fresh.put("refreshToken", refreshToken));
    return Optional.of(fresh);
  }
}
