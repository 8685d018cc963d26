package dev.stint.core.chain;

import dev.stint.core.internal.http.HttpTransport;
import dev.stint.core.internal.json.Json;
import dev.stint.core.internal.json.JsonParseException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The IAM Identity Center OIDC calls of a sign-in ({@code sso-oidc} 2019-06-10, REST-JSON,
 * unsigned): RegisterClient, StartDeviceAuthorization and CreateToken. A refusal comes back as
 * {@link AwsCallException.ServiceError} with the code of {@code x-amzn-ErrorType}, polling answers
 * ({@code AuthorizationPendingException}, {@code SlowDownException}) included. Immutable and
 * thread-safe.
 */
final class SsoOidc {

  /**
   * A registered public client.
   *
   * @param scopes the scopes it registered, when it named any
   * @param grantTypes the grant types it registered, when it named them (the authorization code
   *     grant); a registration without is for the device code grant
   */
  record Registration(
      String clientId,
      String clientSecret,
      Instant expiresAt,
      Optional<List<String>> scopes,
      Optional<List<String>> grantTypes) {
    Registration {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
      Objects.requireNonNull(expiresAt, "expiresAt");
      scopes = scopes.map(List::copyOf);
      grantTypes = grantTypes.map(List::copyOf);
    }

    boolean forAuthorizationCode() {
      return grantTypes.map(g -> g.contains(SsoLogin.AUTHORIZATION_CODE)).orElse(false);
    }

    @Override
    public String toString() {
      return "Registration[clientId=" + clientId + ", expiresAt=" + expiresAt + "]";
    }
  }

  /** What StartDeviceAuthorization answers; {@code toString} leaves the device code out. */
  record DeviceAuthorization(
      String deviceCode,
      String userCode,
      String verificationUri,
      String verificationUriComplete,
      Duration expiresIn,
      Optional<Duration> interval) {
    @Override
    public String toString() {
      return "DeviceAuthorization[userCode=" + userCode + ", expiresIn=" + expiresIn + "]";
    }
  }

  /** What CreateToken answers; {@code toString} leaves the tokens out. */
  record Tokens(String accessToken, Duration expiresIn, Optional<String> refreshToken) {
    @Override
    public String toString() {
      return "Tokens[expiresIn=" + expiresIn + "]";
    }
  }

  private final ChainContext context;
  private final URI endpoint;

  SsoOidc(ChainContext context, String region) {
    this.context = context;
    this.endpoint =
        context.endpoints().resolve(Endpoints.Service.SSO_OIDC, Optional.of(region)).uri();
  }

  /** The service's base URI; {@code /authorize} lives beside {@code /token}. */
  URI endpoint() {
    return endpoint;
  }

  Registration register(
      String clientName,
      Optional<List<String>> scopes,
      Optional<List<String>> grantTypes,
      List<String> redirectUris,
      String issuerUrl) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("clientName", clientName);
    request.put("clientType", "public");
    scopes.filter(s -> !s.isEmpty()).ifPresent(s -> request.put("scopes", s));
    grantTypes.ifPresent(g -> request.put("grantTypes", g));
    if (!redirectUris.isEmpty()) {
      request.put("redirectUris", redirectUris);
    }
    if (issuerUrl != null) {
      request.put("issuerUrl", issuerUrl);
    }
    Map<String, Object> answer = call("RegisterClient", "/client/register", request);
    return new Registration(
        text(answer, "RegisterClient", "clientId"),
        text(answer, "RegisterClient", "clientSecret"),
        Instant.ofEpochSecond(number(answer, "RegisterClient", "clientSecretExpiresAt")),
        scopes.filter(s -> !s.isEmpty()),
        grantTypes);
  }

  DeviceAuthorization startDeviceAuthorization(Registration client, String startUrl) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("clientId", client.clientId());
    request.put("clientSecret", client.clientSecret());
    request.put("startUrl", startUrl);
    String op = "StartDeviceAuthorization";
    Map<String, Object> answer = call(op, "/device_authorization", request);
    return new DeviceAuthorization(
        text(answer, op, "deviceCode"),
        text(answer, op, "userCode"),
        text(answer, op, "verificationUri"),
        text(answer, op, "verificationUriComplete"),
        Duration.ofSeconds(number(answer, op, "expiresIn")),
        answer.get("interval") instanceof Long seconds
            ? Optional.of(Duration.ofSeconds(seconds))
            : Optional.empty());
  }

  /** CreateToken with a device code: one poll. */
  Tokens pollDeviceCode(Registration client, String deviceCode) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("clientId", client.clientId());
    request.put("clientSecret", client.clientSecret());
    request.put("grantType", SsoLogin.DEVICE_CODE_GRANT);
    request.put("deviceCode", deviceCode);
    return tokens(request);
  }

  /** CreateToken with an authorization code and its PKCE verifier. */
  Tokens redeemCode(Registration client, String code, String redirectUri, String verifier) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("clientId", client.clientId());
    request.put("clientSecret", client.clientSecret());
    request.put("grantType", SsoLogin.AUTHORIZATION_CODE);
    request.put("code", code);
    request.put("redirectUri", redirectUri);
    request.put("codeVerifier", verifier);
    return tokens(request);
  }

  /** CreateToken with a refresh token (the cached token's refresh, see {@link SsoToken}). */
  Tokens refresh(String clientId, String clientSecret, String refreshToken) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("clientId", clientId);
    request.put("clientSecret", clientSecret);
    request.put("grantType", "refresh_token");
    request.put("refreshToken", refreshToken);
    return tokens(request);
  }

  private Tokens tokens(Map<String, Object> request) {
    Map<String, Object> answer = call("CreateToken", "/token", request);
    return new Tokens(
        text(answer, "CreateToken", "accessToken"),
        Duration.ofSeconds(number(answer, "CreateToken", "expiresIn")),
        answer.get("refreshToken") instanceof String refresh
            ? Optional.of(refresh)
            : Optional.empty());
  }

  private Map<String, Object> call(String operation, String path, Map<String, Object> request) {
    HttpTransport.Response response =
        Calls.send(
            context.transport(),
            operation,
            new HttpTransport.Request(
                "POST",
                Calls.resolve(endpoint, path, null),
                List.of(Map.entry("Content-Type", "application/json")),
                Json.write(request, Json.Style.COMPACT).getBytes(StandardCharsets.UTF_8),
                context.httpTimeout()));
    if (response.status() / 100 != 2) {
      throw Calls.restJsonError(operation, response);
    }
    try {
      return Json.readObject(response.text());
    } catch (JsonParseException e) {
      throw malformed(operation, response, "the answer is not a JSON object");
    }
  }

  private static String text(Map<String, Object> answer, String operation, String key) {
    if (answer.get(key) instanceof String value && !value.isEmpty()) {
      return value;
    }
    throw malformed(operation, null, "the answer has no " + key);
  }

  private static long number(Map<String, Object> answer, String operation, String key) {
    if (answer.get(key) instanceof Long value) {
      return value;
    }
    throw malformed(operation, null, "the answer has no " + key);
  }

  private static AwsCallException.ServiceError malformed(
      String operation, HttpTransport.Response response, String what) {
    return new AwsCallException.ServiceError(
        operation,
        "MalformedResponse",
        what,
        response == null ? 200 : response.status(),
        response == null ? null : response.header("x-amzn-RequestId").orElse(null));
  }
}
