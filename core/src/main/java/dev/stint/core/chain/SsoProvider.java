package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.internal.http.HttpTransport;
import dev.stint.core.internal.json.Json;
import dev.stint.core.internal.json.JsonParseException;
import dev.stint.core.profile.Profile;
import dev.stint.core.profile.Profiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM Identity Center role credentials for a profile with {@code sso_account_id} and {@code
 * sso_role_name}, and {@code sso_start_url} and {@code sso_region} either in the {@code
 * [sso-session x]} its {@code sso_session} names or (legacy) in the profile itself. The portal's
 * {@code GET /federation/credentials} is called with the cached access token ({@link SsoToken});
 * answers go through the AWS CLI's cache under botocore's key. Immutable and thread-safe.
 */
final class SsoProvider implements Provider {

  private final ChainContext context;
  private final String profileName;

  SsoProvider(ChainContext context, String profileName) {
    this.context = context;
    this.profileName = profileName;
  }

  @Override
  public CredentialSource source() {
    return CredentialSource.SSO;
  }

  @Override
  public Outcome load() {
    Map<String, String> profile =
        context.profile(profileName).map(Profile::properties).orElse(Map.of());
    if (!profile.containsKey("sso_role_name") && !profile.containsKey("sso_account_id")) {
      return new Skipped("profile " + profileName + " has no sso_account_id or sso_role_name");
    }
    Map<String, String> config = new LinkedHashMap<>(profile);
    List<String> required =
        new ArrayList<>(List.of("sso_role_name", "sso_account_id", "sso_start_url", "sso_region"));
    String sessionName = profile.get("sso_session");
    if (sessionName != null) {
      Profiles.Section session =
          context
              .profiles()
              .ssoSession(sessionName)
              .orElseThrow(
                  () ->
                      new CredentialException.InvalidConfig(
                          "The specified sso-session does not exist: \"" + sessionName + "\""));
      session
          .properties()
          .forEach(
              (key, value) -> {
                String own = config.get(key);
                if (own != null && !own.equals(value)) {
                  throw new CredentialException.InvalidConfig(
                      "The value for "
                          + key
                          + " is inconsistent between profile ("
                          + own
                          + ") and sso-session ("
                          + value
                          + ").");
                }
                config.put(key, value);
              });
      required.add("sso_session");
    }
    List<String> missing = required.stream().filter(k -> !config.containsKey(k)).toList();
    if (!missing.isEmpty()) {
      throw new CredentialException.InvalidConfig(
          "The profile \""
              + profileName
              + "\" is configured to use SSO but is missing required configuration: "
              + String.join(", ", missing));
    }
    SsoToken.Config token =
        new SsoToken.Config(config.get("sso_start_url"), config.get("sso_region"), sessionName);
    String roleName = config.get("sso_role_name");
    String accountId = config.get("sso_account_id");
    CachedFetch fetch =
        new CachedFetch(
            context.roleCache(),
            cacheKey(roleName, accountId, sessionName, token.startUrl()),
            context.clock(),
            source(),
            () -> getRoleCredentials(token, roleName, accountId));
    return new Found(
        RefreshingCredentials.deferred(fetch, context.clock(), source()), Optional.of(profileName));
  }

  /** botocore's cache key for IAM Identity Center role credentials. */
  static String cacheKey(String roleName, String accountId, String sessionName, String startUrl) {
    Map<String, Object> arguments = new LinkedHashMap<>();
    arguments.put("roleName", roleName);
    arguments.put("accountId", accountId);
    if (sessionName != null) {
      arguments.put("sessionName", sessionName);
    } else {
      arguments.put("startUrl", startUrl);
    }
    return CliCache.ssoRoleKey(arguments);
  }

  private Map<String, Object> getRoleCredentials(
      SsoToken.Config token, String roleName, String accountId) {
    String accessToken = new SsoToken(context).accessToken(token);
    Endpoints.Endpoint endpoint =
        context.endpoints().resolve(Endpoints.Service.SSO, Optional.of(token.region()));
    String query =
        "role_name="
            + Calls.percentEncode(roleName)
            + "&account_id="
            + Calls.percentEncode(accountId);
    HttpTransport.Response response;
    try {
      response =
          Calls.send(
              context.transport(),
              "GetRoleCredentials",
              new HttpTransport.Request(
                  "GET",
                  Calls.resolve(endpoint.uri(), "/federation/credentials", query),
                  List.of(Map.entry("x-amz-sso_bearer_token", accessToken)),
                  null,
                  context.httpTimeout()));
    } catch (AwsCallException e) {
      throw new CredentialException.CallFailed(e);
    }
    if (response.status() / 100 != 2) {
      AwsCallException.ServiceError error = Calls.restJsonError("GetRoleCredentials", response);
      if (error.code().equals("UnauthorizedException")) {
        throw CredentialException.SsoLoginRequired.unauthorized(error);
      }
      throw new CredentialException.CallFailed(error);
    }
    Map<String, Object> role;
    try {
      role =
          Json.readObject(response.text()).get("roleCredentials") instanceof Map<?, ?> values
              ? castMap(values)
              : Map.of();
    } catch (JsonParseException e) {
      role = Map.of();
    }
    if (!(role.get("accessKeyId") instanceof String accessKeyId)
        || !(role.get("secretAccessKey") instanceof String secret)
        || !(role.get("expiration") instanceof Long expiration)) {
      throw new CredentialException.RetrievalFailed(
          source(), "the portal's answer holds no roleCredentials");
    }
    String sessionToken = role.get("sessionToken") instanceof String s ? s : null;
    Credentials credentials =
        new Credentials(
            accessKeyId,
            secret,
            sessionToken,
            Instant.ofEpochSecond(Math.floorDiv(expiration, 1000L)));
    return CacheEntries.sso(credentials, accountId);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> values) {
    return (Map<String, Object>) values;
  }
}
