package dev.stint.server.iam;

import dev.stint.server.query.QueryCall;
import dev.stint.server.store.PolicyAttachment;
import dev.stint.server.store.Role;
import dev.stint.server.store.User;
import java.util.List;
import java.util.Map;

/**
 * A user or a role as the owner of inline and attached policies, found by name for an action and
 * authorized for it. IAM's policy actions for the two differ only in names, which {@link Kind}
 * holds. Immutable.
 */
record PolicyOwner(String id, String name, String arn, String accountId) {

  /** Users or roles. */
  enum Kind {
    USER("User", PolicyAttachment.PrincipalType.USER),
    ROLE("Role", PolicyAttachment.PrincipalType.ROLE);

    private final String word;
    private final PolicyAttachment.PrincipalType principalType;

    Kind(String word, PolicyAttachment.PrincipalType principalType) {
      this.word = word;
      this.principalType = principalType;
    }

    /** {@code User} or {@code Role}, as in {@code PutUserPolicy} and {@code RoleName}. */
    String word() {
      return word;
    }

    /** {@code UserName} or {@code RoleName}: the parameter and the response element. */
    String nameParameter() {
      return word + "Name";
    }

    PolicyAttachment.PrincipalType principalType() {
      return principalType;
    }

    /** The owner, for an action that reads its policies. */
    PolicyOwner read(
        Iam iam, QueryCall call, String name, String action, Map<String, List<String>> keys) {
      return switch (this) {
        case USER -> of(iam.user(call, name, action, keys));
        case ROLE -> of(iam.role(call, name, action, keys));
      };
    }

    /** The owner, for an action that changes its policies (roles the portal provisions refuse). */
    PolicyOwner modify(
        Iam iam, QueryCall call, String name, String action, Map<String, List<String>> keys) {
      return switch (this) {
        case USER -> of(iam.user(call, name, action, keys));
        case ROLE -> of(iam.modifiableRole(call, name, action, keys));
      };
    }
  }

  private static PolicyOwner of(User user) {
    return new PolicyOwner(user.id(), user.name(), user.arn(), user.accountId());
  }

  private static PolicyOwner of(Role role) {
    return new PolicyOwner(role.id(), role.name(), role.arn(), role.accountId());
  }
}
