package dev.stint.server.query;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.core.sigv4.HttpRequestParts;
import dev.stint.server.auth.Caller;
import dev.stint.server.http.RequestLog;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS query protocol on {@code POST /} and {@code GET /?Action=...}: parses the parameters,
 * picks the service by {@code Version} (or, without one, by the signing scope), authenticates,
 * dispatches to the action and writes its XML or AWS's error envelope. Thread-safe.
 */
public final class QueryRoutes {
  private static final Logger log = LoggerFactory.getLogger(QueryRoutes.class);
  // Answers deferred responses (issuances waiting on their audit record), each on a new virtual
  // thread: the audit writer completes their futures and must not write responses itself. Parking
  // the request's own thread instead froze and thawed its whole Jetty stack for every issuance.
  private static final Executor ANSWERS = Thread::startVirtualThread;
  private static final String XML = "text/xml";
  private static final String FORM = "application/x-www-form-urlencoded";
  static final String INTERNAL_MESSAGE =
      "The request processing has failed because of an unknown error, exception or failure.";

  private final Map<String, QueryService> byVersion;
  private final Map<String, QueryService> bySigningName;
  private final String fallbackNamespace;
  private final Authenticator authenticator;
  private final Clock clock;

  public QueryRoutes(List<QueryService> services, Authenticator authenticator, Clock clock) {
    if (services.isEmpty()) {
      throw new IllegalArgumentException("no query services");
    }
    this.byVersion =
        services.stream().collect(Collectors.toUnmodifiableMap(QueryService::version, s -> s));
    this.bySigningName =
        services.stream()
            .collect(Collectors.toUnmodifiableMap(QueryService::signingName, Function.identity()));
    this.fallbackNamespace = services.get(0).namespace();
    this.authenticator = authenticator;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.post("/", this::handle);
  }

  /** Whether a {@code GET /} is a query-protocol call (it names an action) rather than a page. */
  public static boolean isQueryGet(Context ctx) {
    return ctx.queryParam("Action") != null;
  }

  /** Handles one request; also called for {@code GET /?Action=...}. */
  public void handle(Context ctx) {
    String namespace = fallbackNamespace;
    try {
      QueryParams params = params(ctx);
      QueryService service = service(params, ctx);
      namespace = service.namespace();
      String action = params.get("Action").filter(a -> !a.isEmpty()).orElse(null);
      if (action == null) {
        throw rejected(ErrorCode.MISSING_ACTION, "Missing Action");
      }
      QueryAction handler = service.actions().get(action);
      RequestLog.action(ctx, handler == null ? "unknown" : action);
      if (handler == null) {
        throw rejected(
            ErrorCode.INVALID_ACTION,
            "Could not find operation " + action + " for version " + service.version());
      }
      Optional<Caller> caller = Optional.empty();
      if (!service.unsigned().contains(action)) {
        Caller signer = authenticator.authenticate(parts(ctx), service.signingName());
        RequestLog.accessKeyId(ctx, signer.accessKeyId());
        caller = Optional.of(signer);
      }
      var call =
          new QueryCall(
              action, params, caller, RequestLog.requestId(ctx), ctx.ip(), clock.instant());
      Xml.Body result = handler.handle(call);
      if (result instanceof Xml.Deferred deferred) {
        defer(ctx, action, namespace, call.requestId(), deferred);
        return;
      }
      answer(ctx, action, namespace, call.requestId(), result);
    } catch (ApiException.Rejected e) {
      error(ctx, e.code(), e.getMessage(), namespace);
    } catch (ApiException.Failed e) {
      log.error("request {} failed: {}", RequestLog.requestId(ctx), e.getMessage(), e.getCause());
      error(ctx, ErrorCode.INTERNAL_FAILURE, INTERNAL_MESSAGE, namespace);
    } catch (RuntimeException e) {
      log.error("request {} failed", RequestLog.requestId(ctx), e);
      error(ctx, ErrorCode.INTERNAL_FAILURE, INTERNAL_MESSAGE, namespace);
    }
  }

  /**
   * Answers once {@code deferred} is ready, without a thread waiting meanwhile. The body is written
   * now, on the request's thread, and only sent, by another, once the record it waits for is
   * durable.
   */
  private static void defer(
      Context ctx, String action, String namespace, String requestId, Xml.Deferred deferred) {
    byte[] body = Xml.response(action, namespace, requestId, deferred.body());
    ctx.future(
        () ->
            deferred
                .ready()
                .handleAsync(
                    (ready, failure) -> {
                      if (failure == null) {
                        ctx.status(200).contentType(XML).result(body);
                      } else {
                        log.error(
                            "request {} failed: audit record not written", requestId, failure);
                        error(
                            ctx,
                            ErrorCode.INTERNAL_FAILURE,
                            INTERNAL_MESSAGE,
                            namespace,
                            requestId);
                      }
                      return null;
                    },
                    ANSWERS));
  }

  /** The action's response. */
  private static void answer(
      Context ctx, String action, String namespace, String requestId, Xml.Body result) {
    byte[] body = Xml.response(action, namespace, requestId, result);
    ctx.status(200).contentType(XML).result(body);
  }

  private static void error(Context ctx, ErrorCode code, String message, String namespace) {
    error(ctx, code, message, namespace, RequestLog.requestId(ctx));
  }

  private static void error(
      Context ctx, ErrorCode code, String message, String namespace, String requestId) {
    ctx.status(code.httpStatus())
        .contentType(XML)
        .result(Xml.error(code, message, namespace, requestId));
  }

  private static QueryParams params(Context ctx) {
    QueryParams query = QueryParams.parse(ctx.req().getQueryString());
    String type = ctx.header("Content-Type");
    if ("POST".equals(ctx.method().name())
        && type != null
        && type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
      return query.with(QueryParams.parse(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8)));
    }
    return query;
  }

  private QueryService service(QueryParams params, Context ctx) {
    Optional<String> version = params.get("Version");
    if (version.isPresent()) {
      QueryService service = byVersion.get(version.get());
      if (service == null) {
        throw rejected(
            ErrorCode.INVALID_ACTION,
            "Could not find operation "
                + params.get("Action").orElse("")
                + " for version "
                + version.get());
      }
      return service;
    }
    return signingService(ctx.header("Authorization"), params)
        .map(bySigningName::get)
        .orElseThrow(
            () ->
                rejected(
                    ErrorCode.MISSING_PARAMETER, "The request must contain the parameter Version"));
  }

  /** The service of the SigV4 credential scope {@code AKID/DATE/REGION/SERVICE/aws4_request}. */
  static Optional<String> signingService(String authorization, QueryParams params) {
    String credential = params.get("X-Amz-Credential").orElse(null);
    if (credential == null && authorization != null) {
      int at = authorization.indexOf("Credential=");
      if (at >= 0) {
        int end = authorization.indexOf(',', at);
        credential = authorization.substring(at + 11, end < 0 ? authorization.length() : end);
      }
    }
    if (credential == null) {
      return Optional.empty();
    }
    String[] scope = credential.strip().split("/", -1);
    return scope.length == 5 ? Optional.of(scope[3]) : Optional.empty();
  }

  /** The request as SigV4 verification sees it; for other protocols on the same origin. */
  public static HttpRequestParts parts(Context ctx) {
    var headers = new ArrayList<HttpRequestParts.Header>(16);
    var req = ctx.req();
    for (Enumeration<String> names = req.getHeaderNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      for (Enumeration<String> values = req.getHeaders(name); values.hasMoreElements(); ) {
        headers.add(new HttpRequestParts.Header(name, values.nextElement()));
      }
    }
    return new HttpRequestParts(
        ctx.method().name(),
        ctx.req().getRequestURI(),
        ctx.req().getQueryString(),
        headers,
        "POST".equals(ctx.method().name()) ? ctx.bodyAsBytes() : new byte[0]);
  }
}
