package dev.stint.server.organizations;

import dev.stint.core.internal.json.Json;
import dev.stint.core.internal.json.JsonParseException;
import dev.stint.server.auth.Authorizer;
import dev.stint.server.auth.Caller;
import dev.stint.server.http.RequestLog;
import dev.stint.server.portal.MemberAccounts;
import dev.stint.server.portal.Origin;
import dev.stint.server.portal.PortalException;
import dev.stint.server.query.ApiException;
import dev.stint.server.query.Authenticator;
import dev.stint.server.query.ErrorCode;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.QueryParams;
import dev.stint.server.query.QueryRoutes;
import dev.stint.server.store.Account;
import dev.stint.server.store.CreateAccountRequest;
import dev.stint.server.store.Page;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Organizations subset on AWS JSON 1.1 ({@code POST /} with {@code X-Amz-Target:
 * AWSOrganizationsV20161128.<Op>}, SigV4 service {@code organizations}): CreateAccount,
 * DescribeCreateAccountStatus, ListAccounts and DescribeAccount, with botocore's shapes. Only
 * principals of the management account may call it, and their IAM policies must allow the action
 * ({@code organizations:CreateAccount}, ...). Errors are {@code {"__type": ..., "message": ...}}.
 * Thread-safe.
 */
public final class OrganizationsRoutes {
  private static final Logger log = LoggerFactory.getLogger(OrganizationsRoutes.class);
  static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";
  static final String SIGNING_NAME = "organizations";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final String NOT_MANAGEMENT = "You don't have permissions to access this resource.";
  static final java.util.Set<String> OPERATIONS =
      java.util.Set.of(
          "CreateAccount", "DescribeCreateAccountStatus", "ListAccounts", "DescribeAccount");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern REQUEST_ID = Pattern.compile("car-[a-z0-9]{8,32}");

  private final MemberAccounts accounts;
  private final Authenticator authenticator;
  private final Authorizer authorizer;
  private final Clock clock;

  public OrganizationsRoutes(
      MemberAccounts accounts, Authenticator authenticator, Authorizer authorizer, Clock clock) {
    this.accounts = accounts;
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  /** A refusal in the JSON protocol: the error shape's name, its status and the message. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String type;
    final int status;

    Refused(String type, int status, String message) {
      super(message, null, false, false);
      this.type = type;
      this.status = status;
    }
  }

  private static Refused invalidInput(String message) {
    return new Refused("InvalidInputException", 400, message);
  }

  /** Handles one {@code POST /} that carries {@code X-Amz-Target}. */
  public void handle(Context ctx) {
    try {
      String target = ctx.header("X-Amz-Target");
      if (target == null || !target.startsWith(TARGET_PREFIX)) {
        throw new Refused("UnknownOperationException", 400, "Unknown operation " + shorten(target));
      }
      String op = target.substring(TARGET_PREFIX.length());
      if (OPERATIONS.contains(op)) {
        // Only known operations name a metric series; anything else would let callers mint them.
        RequestLog.action(ctx, op);
      }
      Caller caller = authenticate(ctx);
      Map<String, Object> body = body(ctx);
      QueryCall call =
          new QueryCall(
              op,
              QueryParams.parse(""),
              Optional.of(caller),
              RequestLog.requestId(ctx),
              ctx.ip(),
              clock.instant());
      Map<String, Object> out =
          switch (op) {
            case "CreateAccount" -> createAccount(call, body);
            case "DescribeCreateAccountStatus" -> describeCreateAccountStatus(call, body);
            case "ListAccounts" -> listAccounts(call, body);
            case "DescribeAccount" -> describeAccount(call, body);
            default ->
                throw new Refused(
                    "UnknownOperationException", 400, "Unknown operation " + shorten(op));
          };
      ctx.status(200).contentType(CONTENT_TYPE).result(Json.write(out, Json.Style.COMPACT));
    } catch (Refused e) {
      error(ctx, e.type, e.status, e.getMessage());
    } catch (ApiException.Rejected e) {
      error(
          ctx,
          type(e.code()),
          e.code() == ErrorCode.ACCESS_DENIED ? 400 : e.code().httpStatus(),
          e.getMessage());
    } catch (PortalException.Invalid e) {
      error(ctx, "InvalidInputException", 400, e.getMessage());
    } catch (RuntimeException e) {
      log.error("request {} failed", RequestLog.requestId(ctx), e);
      error(
          ctx,
          "ServiceException",
          500,
          "AWS Organizations can't complete your request because of an internal service error. Try again later.");
    }
  }

  private Caller authenticate(Context ctx) {
    Caller caller = authenticator.authenticate(QueryRoutes.parts(ctx), SIGNING_NAME);
    RequestLog.accessKeyId(ctx, caller.accessKeyId());
    if (!caller.accountId().equals(accounts.management().id())) {
      throw new Refused("AccessDeniedException", 400, NOT_MANAGEMENT);
    }
    return caller;
  }

  private Map<String, Object> createAccount(QueryCall call, Map<String, Object> body) {
    String email = string(body, "Email", true);
    String name = string(body, "AccountName", true);
    String roleName = string(body, "RoleName", false);
    authorizer.require(call, "organizations:CreateAccount", "*");
    CreateAccountRequest r =
        accounts.create(
            name,
            email,
            roleName,
            new Origin(call.signer().arn(), call.requestId(), call.sourceIp()));
    return Map.of("CreateAccountStatus", status(r));
  }

  private Map<String, Object> describeCreateAccountStatus(
      QueryCall call, Map<String, Object> body) {
    String id = string(body, "CreateAccountRequestId", true);
    if (!REQUEST_ID.matcher(id).matches()) {
      throw invalidInput("You provided a value that does not match the required pattern.");
    }
    authorizer.require(call, "organizations:DescribeCreateAccountStatus", "*");
    CreateAccountRequest r =
        accounts
            .status(id)
            .orElseThrow(
                () ->
                    new Refused(
                        "CreateAccountStatusNotFoundException",
                        400,
                        "We can't find an create account request with the CreateAccountRequestId that you specified."));
    return Map.of("CreateAccountStatus", status(r));
  }

  private Map<String, Object> listAccounts(QueryCall call, Map<String, Object> body) {
    String next = string(body, "NextToken", false);
    int max = 20;
    Object maxValue = body.get("MaxResults");
    if (maxValue != null) {
      if (!(maxValue instanceof Long l) || l < 1 || l > 20) {
        throw invalidInput(
            "You provided a value that is outside the allowed range for MaxResults.");
      }
      max = l.intValue();
    }
    authorizer.require(call, "organizations:ListAccounts", "*");
    Page<Account> page;
    try {
      page = accounts.list(next, max);
    } catch (PortalException.Invalid e) {
      throw invalidInput("You specified an invalid value for nextToken.");
    }
    List<Map<String, Object>> list = new ArrayList<>();
    page.items().forEach(a -> list.add(account(a)));
    var out = new LinkedHashMap<String, Object>();
    out.put("Accounts", list);
    if (page.nextMarker() != null) {
      out.put("NextToken", page.nextMarker());
    }
    return out;
  }

  private Map<String, Object> describeAccount(QueryCall call, Map<String, Object> body) {
    String id = string(body, "AccountId", true);
    if (!ACCOUNT_ID.matcher(id).matches()) {
      throw invalidInput("You provided a value that does not match the required pattern.");
    }
    Optional<Account> account = accounts.find(id);
    String resource =
        account
            .map(accounts::arn)
            .orElse("arn:aws:organizations::" + accounts.management().id() + ":account/*/" + id);
    authorizer.require(call, "organizations:DescribeAccount", resource);
    return Map.of(
        "Account",
        account(
            account.orElseThrow(
                () ->
                    new Refused(
                        "AccountNotFoundException",
                        400,
                        "You specified an account that doesn't exist."))));
  }

  private Map<String, Object> account(Account a) {
    var out = new LinkedHashMap<String, Object>();
    out.put("Id", a.id());
    out.put("Arn", accounts.arn(a));
    out.put("Email", a.email());
    out.put("Name", a.name());
    out.put("Status", "ACTIVE");
    out.put("State", "ACTIVE");
    out.put("JoinedMethod", "CREATED");
    out.put("JoinedTimestamp", seconds(a.created()));
    return out;
  }

  private static Map<String, Object> status(CreateAccountRequest r) {
    var out = new LinkedHashMap<String, Object>();
    out.put("Id", r.id());
    out.put("AccountName", r.accountName());
    out.put("State", r.state().name());
    out.put("RequestedTimestamp", seconds(r.requested()));
    if (r.completed() != null) {
      out.put("CompletedTimestamp", seconds(r.completed()));
    }
    if (r.accountId() != null) {
      out.put("AccountId", r.accountId());
    }
    if (r.failureReason() != null) {
      out.put("FailureReason", r.failureReason());
    }
    return out;
  }

  /** JSON 1.1 timestamps: epoch seconds, with the milliseconds as a fraction. */
  private static java.math.BigDecimal seconds(Instant t) {
    return java.math.BigDecimal.valueOf(t.toEpochMilli(), 3);
  }

  private static Map<String, Object> body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      return Map.of();
    }
    try {
      return Json.readObject(text);
    } catch (JsonParseException e) {
      throw new Refused("SerializationException", 400, "Invalid JSON in the request body.");
    }
  }

  private static String string(Map<String, Object> body, String name, boolean required) {
    Object value = body.get(name);
    if (value == null) {
      if (required) {
        throw invalidInput("You must specify a value for " + name + ".");
      }
      return null;
    }
    if (!(value instanceof String s)) {
      throw new Refused("SerializationException", 400, "Invalid value for " + name + ".");
    }
    return s;
  }

  /** The JSON protocol's names for the signature and authorization errors. */
  static String type(ErrorCode code) {
    return switch (code) {
      case ACCESS_DENIED -> "AccessDeniedException";
      case INVALID_CLIENT_TOKEN_ID -> "UnrecognizedClientException";
      case SIGNATURE_DOES_NOT_MATCH, REQUEST_EXPIRED -> "InvalidSignatureException";
      case EXPIRED_TOKEN -> "ExpiredTokenException";
      case INCOMPLETE_SIGNATURE -> "IncompleteSignatureException";
      case MISSING_AUTHENTICATION_TOKEN -> "MissingAuthenticationTokenException";
      default -> code.httpStatus() >= 500 ? "ServiceException" : "InvalidInputException";
    };
  }

  private static void error(Context ctx, String type, int status, String message) {
    var out = new LinkedHashMap<String, Object>();
    out.put("__type", type);
    out.put("message", message);
    ctx.status(status)
        .header("x-amzn-ErrorType", type)
        .contentType(CONTENT_TYPE)
        .result(Json.write(out, Json.Style.COMPACT));
  }

  private static String shorten(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 64 ? s.substring(0, 64) : s;
  }
}
