package dev.stint.server.policy;

import dev.stint.server.policy.AuthorizationRequest.Principal;
import dev.stint.server.policy.AuthorizationRequest.PrincipalType;
import java.util.Set;

/**
 * A statement's {@code Principal} or {@code NotPrincipal}, normalised: {@code "*"} and {@code
 * {"AWS":"*"}} (everyone), account ids and {@code arn:aws:iam::ACCT:root} (any principal of the
 * account), exact principal ARNs, service principals and federated providers. Principal ARNs take
 * no wildcards, as in IAM. Immutable and thread-safe.
 */
record PrincipalSpec(
    boolean everyone,
    Set<String> arns,
    Set<String> accounts,
    Set<String> services,
    Set<String> federated,
    Set<String> canonicalUsers) {

  /** How a caller matched: not at all, by its own ARN, or through its role, account or "*". */
  enum Match {
    NONE,
    DIRECT,
    INDIRECT
  }

  PrincipalSpec {
    arns = Set.copyOf(arns);
    accounts = Set.copyOf(accounts);
    services = Set.copyOf(services);
    federated = Set.copyOf(federated);
    canonicalUsers = Set.copyOf(canonicalUsers);
  }

  Match match(Principal p) {
    if (everyone) {
      return arns.contains(p.arn()) ? Match.DIRECT : Match.INDIRECT;
    }
    return switch (p.type()) {
      case ANONYMOUS -> Match.NONE;
      case SERVICE -> services.contains(p.arn()) ? Match.DIRECT : Match.NONE;
      case WEB_IDENTITY -> federated.contains(p.arn()) ? Match.DIRECT : Match.NONE;
      case ACCOUNT, USER, ASSUMED_ROLE, FEDERATED_USER -> {
        if (arns.contains(p.arn())) {
          yield Match.DIRECT;
        }
        if (arns.contains(p.identityArn()) || accounts.contains(p.account())) {
          yield Match.INDIRECT;
        }
        yield Match.NONE;
      }
    };
  }

  /**
   * Whether {@code NotPrincipal} exempts the caller. IAM exempts a principal only when the entry
   * for it and for every principal above it (its role, its account) are listed; listing a user
   * without its account still denies the user, so this errs towards applying the statement.
   */
  boolean exempts(Principal p) {
    if (everyone) {
      return true;
    }
    if (p.type() == PrincipalType.SERVICE) {
      return services.contains(p.arn());
    }
    if (p.type() == PrincipalType.WEB_IDENTITY) {
      return federated.contains(p.arn());
    }
    if (p.type() == PrincipalType.ANONYMOUS) {
      return false;
    }
    boolean self = arns.contains(p.arn()) || p.type() == PrincipalType.ACCOUNT;
    boolean parent = p.identityArn().equals(p.arn()) || arns.contains(p.identityArn());
    return self && parent && accounts.contains(p.account());
  }
}
