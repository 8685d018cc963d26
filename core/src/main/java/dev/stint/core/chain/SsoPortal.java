package dev.stint.core.chain;

import dev.stint.core.internal.http.HttpTransport;
import dev.stint.core.internal.json.Json;
import dev.stint.core.internal.json.JsonParseException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The IAM Identity Center portal calls of a sign-in's aftermath ({@code sso} 2019-06-10, REST-JSON,
 * unsigned, the token in {@code x-amz-sso_bearer_token}): ListAccounts and ListAccountRoles, every
 * page, and Logout. Immutable and thread-safe.
 */
final class SsoPortal {

  static final String BEARER = "x-amz-sso_bearer_token";

  /** The largest page the model allows; fewer calls for people with many accounts. */
  static final int PAGE_SIZE = 100;

  /** A bound on pages, so a portal that keeps answering with a next token cannot loop us. */
  static final int MAX_PAGES = 1000;

  private final ChainContext context;
  private final URI endpoint;

  SsoPortal(ChainContext context, String region) {
    this.context = context;
    this.endpoint = context.endpoints().resolve(Endpoints.Service.SSO, Optional.of(region)).uri();
  }

  List<SsoLogin.Account> accounts(String accessToken) {
    return pages(
        "ListAccounts",
        "/assignment/accounts",
        "",
        accessToken,
        "accountList",
        account ->
            account.get("accountId") instanceof String id
                ? Optional.of(
                    new SsoLogin.Account(
                        id, text(account, "accountName"), text(account, "emailAddress")))
                : Optional.empty());
  }

  List<String> roles(String accessToken, String accountId) {
    return pages(
        "ListAccountRoles",
        "/assignment/roles",
        "account_id=" + Calls.percentEncode(accountId) + "&",
        accessToken,
        "roleList",
        role -> role.get("roleName") instanceof String name ? Optional.of(name) : Optional.empty());
  }

  /**
   * Logout: ends the token at the portal.
   *
   * @throws AwsCallException when the portal refused or could not be reached
   */
  void logout(String accessToken) {
    HttpTransport.Response response =
        Calls.send(
            context.transport(),
            "Logout",
            new HttpTransport.Request(
                "POST",
                Calls.resolve(endpoint, "/logout", null),
                List.of(Map.entry(BEARER, accessToken)),
                null,
                context.httpTimeout()));
    if (response.status() / 100 != 2) {
      throw Calls.restJsonError("Logout", response);
    }
  }

  private <T> List<T> pages(
      String operation,
      String path,
      String query,
      String accessToken,
      String listKey,
      Function<Map<String, Object>, Optional<T>> item) {
    List<T> all = new ArrayList<>();
    String next = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String pageQuery =
          query
              + "max_result="
              + PAGE_SIZE
              + (next == null ? "" : "&next_token=" + Calls.percentEncode(next));
      HttpTransport.Response response =
          Calls.send(
              context.transport(),
              operation,
              new HttpTransport.Request(
                  "GET",
                  Calls.resolve(endpoint, path, pageQuery),
                  List.of(Map.entry(BEARER, accessToken)),
                  null,
                  context.httpTimeout()));
      if (response.status() / 100 != 2) {
        throw Calls.restJsonError(operation, response);
      }
      Map<String, Object> answer;
      try {
        answer = Json.readObject(response.text());
      } catch (JsonParseException e) {
        throw new AwsCallException.ServiceError(
            operation,
            "MalformedResponse",
            "the answer is not a JSON object",
            response.status(),
            response.header("x-amzn-RequestId").orElse(null));
      }
      if (answer.get(listKey) instanceof List<?> list) {
        for (Object value : list) {
          if (value instanceof Map<?, ?> map) {
            item.apply(cast(map)).ifPresent(all::add);
          }
        }
      }
      next = answer.get("nextToken") instanceof String token && !token.isEmpty() ? token : null;
      if (next == null) {
        return all;
      }
    }
    throw new AwsCallException.ServiceError(
        operation,
        "TooManyPages",
        "the portal kept answering with a next token after " + MAX_PAGES + " pages",
        200,
        null);
  }

  private static String text(Map<String, Object> values, String key) {
    return values.get(key) instanceof String s ? s : "";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
