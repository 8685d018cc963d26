package dev.stint.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code Principal} / {@code NotPrincipal}: {@code "*"} or an object with {@code AWS}, {@code
 * Service}, {@code Federated} or {@code CanonicalUser} entries, each a string or an array of
 * strings. AWS entries must be {@code "*"}, an account id, or an IAM/STS principal ARN. Stateless
 * and thread-safe.
 */
final class PrincipalParser {
  private static final Set<String> TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");
  private static final Set<String> IAM_TYPES =
      Set.of("root", "user", "role", "federated-user", "assumed-role");

  private PrincipalParser() {}

  static void checkSyntax(JsonNode node) throws PolicyException {
    if (node.isTextual()) {
      if (!node.textValue().equals("*")) {
        throw PolicyParser.malformed("Invalid principal in policy: \"" + node.textValue() + "\"");
      }
      return;
    }
    if (!node.isObject() || node.isEmpty()) {
      throw PolicyParser.malformed(PolicyParser.SYNTAX);
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!TYPES.contains(entry.getKey())) {
        throw PolicyParser.malformed("Invalid principal in policy: \"" + entry.getKey() + "\"");
      }
      PolicyParser.stringList(entry.getValue());
    }
  }

  /** Compiles a principal that passed {@link #checkSyntax}. */
  static PrincipalSpec parse(JsonNode node) throws PolicyException {
    if (node.isTextual()) {
      return new PrincipalSpec(true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }
    boolean everyone = false;
    Set<String> arns = new HashSet<>();
    Set<String> accounts = new HashSet<>();
    Set<String> services = new HashSet<>();
    Set<String> federated = new HashSet<>();
    Set<String> canonical = new HashSet<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      List<String> values = PolicyParser.stringList(entry.getValue());
      for (String v : values) {
        if (v.isEmpty()) {
          throw invalid(entry.getKey(), v);
        }
        switch (entry.getKey()) {
          case "AWS" -> {
            if (v.equals("*")) {
              everyone = true;
            } else if (AuthorizationRequest.isAccountId(v)) {
              accounts.add(v);
            } else {
              String account = rootAccount(v);
              if (account != null) {
                accounts.add(account);
              } else if (isPrincipalArn(v)) {
                arns.add(v);
              } else {
                throw invalid("AWS", v);
              }
            }
          }
          case "Service" -> services.add(v);
          case "Federated" -> federated.add(v);
          default -> canonical.add(v);
        }
      }
    }
    return new PrincipalSpec(everyone, arns, accounts, services, federated, canonical);
  }

  private static PolicyException.Malformed invalid(String type, String value) {
    return PolicyParser.malformed(
        "Invalid principal in policy: \"" + type + "\":\"" + value + "\"");
  }

  private static String rootAccount(String arn) {
    String[] p = arn.split(":", -1);
    boolean root =
        p.length == 6
            && p[0].equals("arn")
            && p[2].equals("iam")
            && p[3].isEmpty()
            && AuthorizationRequest.isAccountId(p[4])
            && p[5].equals("root");
    return root ? p[4] : null;
  }

  // grammar: arn:PARTITION:(iam|sts)::ACCOUNT:TYPE/NAME, no wildcards
  private static boolean isPrincipalArn(String arn) {
    String[] p = arn.split(":", 6);
    if (p.length != 6 || !p[0].equals("arn") || p[1].isEmpty() || !p[3].isEmpty()) {
      return false;
    }
    if (!(p[2].equals("iam") || p[2].equals("sts")) || !AuthorizationRequest.isAccountId(p[4])) {
      return false;
    }
    int slash = p[5].indexOf('/');
    if (slash <= 0 || slash == p[5].length() - 1 || !IAM_TYPES.contains(p[5].substring(0, slash))) {
      return false;
    }
    return arn.indexOf('*') < 0 && arn.indexOf('?') < 0;
  }
}
