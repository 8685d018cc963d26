package dev.stint.server.sso;

import dev.stint.core.internal.json.Json;
import dev.stint.core.internal.json.JsonParseException;
import dev.stint.server.http.RequestLog;
import dev.stint.server.portal.DeviceAuthorizations;
import dev.stint.server.portal.Directory;
import dev.stint.server.portal.OidcClients;
import dev.stint.server.portal.OidcException;
import dev.stint.server.portal.OidcTokens;
import dev.stint.server.portal.Origin;
import dev.stint.server.portal.Portal;
import dev.stint.server.portal.PortalException;
import dev.stint.server.sts.Issuer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity Center's portal API ({@code sso} 2019-06-10: ListAccounts, ListAccountRoles,
 * GetRoleCredentials, Logout; unsigned, the bearer token in {@code x-amz-sso_bearer_token}) and its
 * OIDC API ({@code sso-oidc} 2019-06-10: RegisterClient, StartDeviceAuthorization, CreateToken),
 * REST-JSON with the shapes of botocore's models. Errors carry {@code x-amzn-ErrorType}, which is
 * how the AWS CLI and the SDKs tell them apart. Thread-safe.
 */
public final class SsoRoutes {
  private static final Logger log = LoggerFactory.getLogger(SsoRoutes.class);
  static final String BEARER = "x-amz-sso_bearer_token";
  static final String JSON = "application/json";
  static final int DEFAULT_PAGE = 20;
  static final int MAX_PAGE = 100;
  static final String INTERNAL = "An internal error occurred.";

  private final Portal portal;

  public SsoRoutes(Portal portal) {
    this.portal = portal;
  }

  public void register(RoutesConfig routes) {
    routes.get(
        "/federation/credentials",
        ctx -> portalCall(ctx, "GetRoleCredentials", this::getRoleCredentials));
    routes.get("/assignment/accounts", ctx -> portalCall(ctx, "ListAccounts", this::listAccounts));
    routes.get(
        "/assignment/roles", ctx -> portalCall(ctx, "ListAccountRoles", this::listAccountRoles));
    routes.post("/logout", ctx -> portalCall(ctx, "Logout", this::logout));
    routes.post("/client/register", ctx -> oidcCall(ctx, "RegisterClient", this::registerClient));
    routes.post(
        "/device_authorization",
        ctx -> oidcCall(ctx, "StartDeviceAuthorization", this::startDeviceAuthorization));
    routes.post("/token", ctx -> oidcCall(ctx, "CreateToken", this::createToken));
  }

  // ---- the portal API

  /** A portal API refusal other than the bearer's: the model's error shape and its status. */
  private static final class PortalError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String type;
    final int status;

    PortalError(String type, int status, String message) {
      super(message, null, false, false);
      this.type = type;
      this.status = status;
    }
  }

  private static PortalError invalidRequest(String message) {
    return new PortalError("InvalidRequestException", 400, message);
  }

  private void portalCall(Context ctx, String action, Consumer<Context> call) {
    RequestLog.action(ctx, action);
    try {
      call.accept(ctx);
    } catch (PortalException.Unauthorized e) {
      portalError(ctx, "UnauthorizedException", 401, e.getMessage());
    } catch (PortalException.NotFound e) {
      portalError(ctx, "ResourceNotFoundException", 404, "No access");
    } catch (PortalException.Invalid e) {
      portalError(ctx, "InvalidRequestException", 400, e.getMessage());
    } catch (PortalError e) {
      portalError(ctx, e.type, e.status, e.getMessage());
    } catch (RuntimeException e) {
      log.error("request {} failed", RequestLog.requestId(ctx), e);
      portalError(ctx, "InternalServerException", 500, INTERNAL);
    }
  }

  private OidcTokens.Bearer bearer(Context ctx) {
    return portal.tokens().authenticate(ctx.header(BEARER));
  }

  private void getRoleCredentials(Context ctx) {
    OidcTokens.Bearer bearer = bearer(ctx);
    String role = required(ctx, "role_name");
    String account = required(ctx, "account_id");
    Issuer.Issued issued =
        portal
            .credentials()
            .issue(
                bearer.user().id(), account, role, bearer.mfaAuthenticated(), origin(ctx, bearer));
    var credentials = new LinkedHashMap<String, Object>();
    credentials.put("accessKeyId", issued.accessKeyId());
    credentials.put("secretAccessKey", issued.secretAccessKey());
    credentials.put("sessionToken", issued.sessionToken());
    credentials.put("expiration", issued.expiration().toEpochMilli());
    ok(ctx, Map.of("roleCredentials", credentials));
  }

  private void listAccounts(Context ctx) {
    OidcTokens.Bearer bearer = bearer(ctx);
    List<Map<String, Object>> all = new ArrayList<>();
    for (Directory.AccountAccess a : portal.directory().access(bearer.user().id())) {
      var info = new LinkedHashMap<String, Object>();
      info.put("accountId", a.account().id());
      info.put("accountName", a.account().name());
      info.put("emailAddress", a.account().email());
      all.add(info);
    }
    ok(ctx, page(ctx, all, "accountList"));
  }

  private void listAccountRoles(Context ctx) {
    OidcTokens.Bearer bearer = bearer(ctx);
    String account = required(ctx, "account_id");
    List<Map<String, Object>> all = new ArrayList<>();
    for (String role : portal.directory().roleNames(bearer.user().id(), account)) {
      var info = new LinkedHashMap<String, Object>();
      info.put("roleName", role);
      info.put("accountId", account);
      all.add(info);
    }
    ok(ctx, page(ctx, all, "roleList"));
  }

  private void logout(Context ctx) {
    String token = ctx.header(BEARER);
    OidcTokens.Bearer bearer = bearer(ctx);
    portal.tokens().logout(token, origin(ctx, bearer));
    ctx.status(200).contentType(JSON).result("{}");
  }

  /** One page of a listing: {@code next_token} is the base64url of the offset. */
  private static Map<String, Object> page(Context ctx, List<Map<String, Object>> all, String key) {
    int max = DEFAULT_PAGE;
    String maxText = ctx.queryParam("max_result");
    if (maxText != null) {
      try {
        max = Integer.parseInt(maxText);
      } catch (NumberFormatException e) {
        throw invalidRequest("Invalid max_result");
      }
      if (max < 1 || max > MAX_PAGE) {
        throw invalidRequest("max_result must be between 1 and " + MAX_PAGE);
      }
    }
    int from = 0;
    String next = ctx.queryParam("next_token");
    if (next != null) {
      try {
        from =
            Integer.parseInt(
                new String(Base64.getUrlDecoder().decode(next), StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw invalidRequest("Invalid next_token");
      }
      if (from < 0 || from > all.size()) {
        throw invalidRequest("Invalid next_token");
      }
    }
    int to = Math.min(all.size(), from + max);
    var out = new LinkedHashMap<String, Object>();
    if (to < all.size()) {
      out.put(
          "nextToken",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(Integer.toString(to).getBytes(StandardCharsets.US_ASCII)));
    }
    out.put(key, all.subList(from, to));
    return out;
  }

  private static String required(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      throw invalidRequest("Missing required parameter " + name);
    }
    return value;
  }

  private static void portalError(Context ctx, String type, int status, String message) {
    ctx.status(status)
        .header("x-amzn-ErrorType", type)
        .contentType(JSON)
        .result(Json.write(Map.of("message", message), Json.Style.COMPACT));
  }

  // ---- OIDC

  @FunctionalInterface
  private interface JsonCall {
    Map<String, Object> handle(Context ctx, Map<String, Object> body);
  }

  private void oidcCall(Context ctx, String action, JsonCall call) {
    RequestLog.action(ctx, action);
    try {
      Map<String, Object> body;
      try {
        String text = ctx.body();
        body = text.isBlank() ? Map.of() : Json.readObject(text);
      } catch (JsonParseException e) {
        throw new OidcException(OidcException.Error.INVALID_REQUEST, "Invalid request body");
      }
      ok(ctx, call.handle(ctx, body));
    } catch (OidcException e) {
      var error = new LinkedHashMap<String, Object>();
      error.put("error", e.error().code());
      error.put("error_description", e.description());
      ctx.status(e.error().httpStatus())
          .header("x-amzn-ErrorType", e.error().type())
          .contentType(JSON)
          .result(Json.write(error, Json.Style.COMPACT));
    } catch (RuntimeException e) {
      log.error("request {} failed", RequestLog.requestId(ctx), e);
      var error = new LinkedHashMap<String, Object>();
      error.put("error", "server_error");
      error.put("error_description", INTERNAL);
      ctx.status(500)
          .header("x-amzn-ErrorType", "InternalServerException")
          .contentType(JSON)
          .result(Json.write(error, Json.Style.COMPACT));
    }
  }

  private Map<String, Object> registerClient(Context ctx, Map<String, Object> body) {
    OidcClients.Registered r =
        portal
            .oidcClients()
            .register(
                string(body, "clientName"),
                string(body, "clientType"),
                strings(body, "scopes"),
                strings(body, "grantTypes"),
                strings(body, "redirectUris"),
                string(body, "issuerUrl"));
    var out = new LinkedHashMap<String, Object>();
    out.put("clientId", r.clientId());
    out.put("clientSecret", r.clientSecret());
    out.put("clientIdIssuedAt", r.issuedAt().getEpochSecond());
    out.put("clientSecretExpiresAt", r.secretExpiresAt().getEpochSecond());
    out.put("authorizationEndpoint", origin(ctx) + "/authorize");
    out.put("tokenEndpoint", origin(ctx) + "/token");
    return out;
  }

  private Map<String, Object> startDeviceAuthorization(Context ctx, Map<String, Object> body) {
    DeviceAuthorizations.Started s =
        portal
            .devices()
            .start(
                string(body, "clientId"),
                string(body, "clientSecret"),
                string(body, "startUrl"),
                origin(ctx));
    var out = new LinkedHashMap<String, Object>();
    out.put("deviceCode", s.deviceCode());
    out.put("userCode", s.userCode());
    out.put("verificationUri", s.verificationUri());
    out.put("verificationUriComplete", s.verificationUriComplete());
    out.put("expiresIn", s.expiresIn());
    out.put("interval", s.interval());
    return out;
  }

  private Map<String, Object> createToken(Context ctx, Map<String, Object> body) {
    var request =
        new OidcTokens.Request(
            string(body, "clientId"),
            string(body, "clientSecret"),
            string(body, "grantType"),
            string(body, "deviceCode"),
            string(body, "code"),
            string(body, "redirectUri"),
            string(body, "codeVerifier"),
            string(body, "refreshToken"));
    OidcTokens.Tokens t =
        portal.tokens().create(request, new Origin(null, requestId(ctx), ctx.ip()));
    var out = new LinkedHashMap<String, Object>();
    out.put("accessToken", t.accessToken());
    out.put("tokenType", t.tokenType());
    out.put("expiresIn", t.expiresIn().toSeconds());
    out.put("refreshToken", t.refreshToken());
    return out;
  }

  private static String string(Map<String, Object> body, String name) {
    Object value = body.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new OidcException(OidcException.Error.INVALID_REQUEST, "Invalid value for " + name);
    }
    return s;
  }

  private static List<String> strings(Map<String, Object> body, String name) {
    Object value = body.get(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      throw new OidcException(OidcException.Error.INVALID_REQUEST, "Invalid value for " + name);
    }
    return list.stream().map(String.class::cast).toList();
  }

  // ---- shared

  private static void ok(Context ctx, Map<String, Object> body) {
    ctx.status(200).contentType(JSON).result(Json.write(body, Json.Style.COMPACT));
  }

  private static String requestId(Context ctx) {
    String id = RequestLog.requestId(ctx);
    return id.isEmpty() ? "none" : id;
  }

  private static Origin origin(Context ctx, OidcTokens.Bearer bearer) {
    return new Origin(bearer.user().arn(), requestId(ctx), ctx.ip());
  }

  /** The origin the client reached us at, for the URIs we hand back. */
  static String origin(Context ctx) {
    String host = ctx.host();
    if (host == null || host.isEmpty()) {
      host = ctx.req().getLocalAddr() + ":" + ctx.req().getLocalPort();
    }
    return ctx.scheme() + "://" + host;
  }
}
