package dev.stint.server.policy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What is being asked: an action ({@code service:Action}), a resource ARN (or {@code *}), the
 * calling principal and the request's condition keys. Condition key names are case-insensitive and
 * stored lower-cased; every key may carry several values. {@code aws:PrincipalArn}, {@code
 * aws:PrincipalAccount} and {@code aws:PrincipalType} are filled from the principal unless given.
 * Immutable and thread-safe.
 */
public record AuthorizationRequest(
    String action, String resource, Principal principal, Map<String, List<String>> context) {

  private static final int MAX_ACTION = 256;
  private static final int MAX_RESOURCE = 2048;
  private static final int MAX_KEYS = 256;
  private static final int MAX_VALUES = 256;
  private static final int MAX_VALUE = 4096;

  public AuthorizationRequest {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(principal, "principal");
    if (action.isEmpty() || action.length() > MAX_ACTION) {
      throw new IllegalArgumentException("action must be 1.." + MAX_ACTION + " characters");
    }
    if (resource.isEmpty() || resource.length() > MAX_RESOURCE) {
      throw new IllegalArgumentException("resource must be 1.." + MAX_RESOURCE + " characters");
    }
    if (context.size() > MAX_KEYS) {
      throw new IllegalArgumentException("at most " + MAX_KEYS + " condition keys");
    }
    Map<String, List<String>> keys = new HashMap<>();
    context.forEach(
        (key, values) -> {
          String k = key.toLowerCase(Locale.ROOT);
          if (values.size() > MAX_VALUES) {
            throw new IllegalArgumentException("too many values for condition key " + key);
          }
          for (String v : values) {
            if (v.length() > MAX_VALUE) {
              throw new IllegalArgumentException("value too long for condition key " + key);
            }
          }
          if (keys.put(k, List.copyOf(values)) != null) {
            throw new IllegalArgumentException("condition key given twice: " + key);
          }
        });
    if (principal.type() != PrincipalType.ANONYMOUS) {
      keys.putIfAbsent("aws:principalarn", List.of(principal.identityArn()));
      keys.putIfAbsent("aws:principaltype", List.of(principal.type().contextValue));
      if (principal.account() != null) {
        keys.putIfAbsent("aws:principalaccount", List.of(principal.account()));
      }
    }
    context = Map.copyOf(keys);
  }

  public static Builder builder(String action, String resource, Principal principal) {
    return new Builder(action, resource, principal);
  }

  /** The kinds of caller IAM tells apart; the value is what {@code aws:PrincipalType} holds. */
  public enum PrincipalType {
    ACCOUNT("Account"),
    USER("User"),
    ASSUMED_ROLE("AssumedRole"),
    FEDERATED_USER("FederatedUser"),
    SERVICE("Service"),
    WEB_IDENTITY("WebIdentityUser"),
    ANONYMOUS("Anonymous");

    final String contextValue;

    PrincipalType(String contextValue) {
      this.contextValue = contextValue;
    }
  }

  /**
   * The caller. {@code arn} is the caller's own ARN (a session ARN for a role session, the service
   * name for a service, the identity provider for a web identity); {@code identityArn} is what
   * {@code aws:PrincipalArn} holds (the role ARN for a role session, else {@code arn}). {@code
   * account} is null for services, web identities and anonymous callers.
   */
  public record Principal(PrincipalType type, String arn, String identityArn, String account) {
    public Principal {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(identityArn, "identityArn");
      if (account != null && !isAccountId(account)) {
        throw new IllegalArgumentException("account must be 12 digits: " + account);
      }
    }

    public static Principal user(String userArn) {
      return new Principal(PrincipalType.USER, userArn, userArn, accountOf(userArn));
    }

    public static Principal assumedRole(String sessionArn, String roleArn) {
      return new Principal(PrincipalType.ASSUMED_ROLE, sessionArn, roleArn, accountOf(roleArn));
    }

    public static Principal federatedUser(String federatedUserArn) {
      return new Principal(
          PrincipalType.FEDERATED_USER,
          federatedUserArn,
          federatedUserArn,
          accountOf(federatedUserArn));
    }

    public static Principal accountRoot(String account) {
      String arn = "arn:aws:iam::" + account + ":root";
      return new Principal(PrincipalType.ACCOUNT, arn, arn, account);
    }

    public static Principal service(String servicePrincipal) {
      return new Principal(PrincipalType.SERVICE, servicePrincipal, servicePrincipal, null);
    }

    public static Principal webIdentity(String provider) {
      return new Principal(PrincipalType.WEB_IDENTITY, provider, provider, null);
    }

    public static Principal anonymous() {
      return new Principal(PrincipalType.ANONYMOUS, "*", "*", null);
    }

    private static String accountOf(String arn) {
      String account = accountField(arn);
      if (!arn.startsWith("arn:") || account == null || !isAccountId(account)) {
        throw new IllegalArgumentException("not an ARN with an account: " + arn);
      }
      return account;
    }
  }

  /**
   * The account field of {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}: what stands between
   * the fourth and the fifth colon, or null when there are fewer than five. Every request parses
   * one or two ARNs; String.split made an array and six strings of each.
   */
  static String accountField(String arn) {
    int start = 0;
    for (int colons = 0; colons < 4; colons++) {
      start = arn.indexOf(':', start) + 1;
      if (start == 0) {
        return null;
      }
    }
    int end = arn.indexOf(':', start);
    return end < 0 ? null : arn.substring(start, end);
  }

  static boolean isAccountId(String s) {
    if (s.length() != 12) {
      return false;
    }
    for (int i = 0; i < 12; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Collects condition keys; not thread-safe, used once. */
  public static final class Builder {
    private final String action;
    private final String resource;
    private final Principal principal;
    private final Map<String, List<String>> context = new LinkedHashMap<>();

    private Builder(String action, String resource, Principal principal) {
      this.action = action;
      this.resource = resource;
      this.principal = principal;
    }

    /** Sets {@code key} to these values; an empty list is a present key with no values. */
    public Builder context(String key, List<String> values) {
      context.put(key, List.copyOf(values));
      return this;
    }

    public Builder context(String key, String value) {
      return context(key, List.of(value));
    }

    public AuthorizationRequest build() {
      return new AuthorizationRequest(action, resource, principal, context);
    }
  }
}
