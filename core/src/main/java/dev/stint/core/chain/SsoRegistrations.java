package dev.stint.core.chain;

import dev.stint.core.internal.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The OIDC client registrations a sign-in reuses, kept beside the tokens in {@code
 * ~/.aws/sso/cache} as the AWS CLI v2 keeps them: one file per start URL, region, scopes and
 * session name, shared by the device code and the authorization code flows, each reusing only a
 * registration for its own grant with at least 15 minutes left. Thread-safe (the cache is).
 */
final class SsoRegistrations {

  /** botocore's {@code _EXPIRY_WINDOW}: a registration closer than this to its end is renewed. */
  static final Duration EXPIRY_WINDOW = Duration.ofMinutes(15);

  private final CliCache cache;

  SsoRegistrations(CliCache cache) {
    this.cache = cache;
  }

  /**
   * botocore's {@code _registration_cache_key}: the SHA-1 of {@code json.dumps({"tool": "botocore",
   * "startUrl", "region", "scopes", "session_name"}, sort_keys=True)}, with {@code null} for scopes
   * that are not configured and for a legacy profile's session name.
   */
  static String key(SsoLogin.Session session) {
    Map<String, Object> arguments = new TreeMap<>();
    arguments.put("tool", "botocore");
    arguments.put("startUrl", session.startUrl());
    arguments.put("region", session.region());
    arguments.put("scopes", session.registrationScopes().orElse(null));
    arguments.put("session_name", session.name().orElse(null));
    return CliCache.sha1(Json.write(arguments, Json.Style.SPACED));
  }

  /** The cached registration for the flow, if there is one with 15 minutes or more left. */
  Optional<SsoOidc.Registration> reusable(
      SsoLogin.Session session, boolean forAuthorizationCode, Instant now) {
    return cache
        .read(key(session))
        .flatMap(SsoRegistrations::parse)
        .filter(r -> r.forAuthorizationCode() == forAuthorizationCode)
        .filter(r -> !Duration.between(now, r.expiresAt()).minus(EXPIRY_WINDOW).isNegative());
  }

  /**
   * Keeps a registration as the AWS CLI writes it: {@code clientId}, {@code clientSecret}, {@code
   * expiresAt}, then {@code scopes} and {@code grantTypes} when it registered them.
   */
  void keep(SsoLogin.Session session, SsoOidc.Registration registration) throws IOException {
    cache.write(key(session), entry(registration));
  }

  static Map<String, Object> entry(SsoOidc.Registration registration) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("clientId", registration.clientId());
    entry.put("clientSecret", registration.clientSecret());
    entry.put("expiresAt", Timestamps.zulu(registration.expiresAt()));
    registration.scopes().ifPresent(scopes -> entry.put("scopes", scopes));
    registration.grantTypes().ifPresent(grants -> entry.put("grantTypes", grants));
    return entry;
  }

  private static Optional<SsoOidc.Registration> parse(Map<String, Object> entry) {
    if (!(entry.get("clientId") instanceof String clientId)
        || !(entry.get("clientSecret") instanceof String secret)
        || !(entry.get("expiresAt") instanceof String expiresAt)) {
      return Optional.empty();
    }
    return Timestamps.parse(expiresAt)
        .map(
            expiry ->
                new SsoOidc.Registration(
                    clientId,
                    secret,
                    expiry,
                    strings(entry.get("scopes")),
                    strings(entry.get("grantTypes"))));
  }

  private static Optional<List<String>> strings(Object value) {
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return Optional.of(list.stream().map(String.class::cast).toList());
    }
    return Optional.empty();
  }
}
