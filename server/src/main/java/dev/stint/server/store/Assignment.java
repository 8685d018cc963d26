package dev.stint.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Who may use a permission set in an account: a user or a group. Immutable and thread-safe.
 *
 * @param principalId a user id ({@code AIDA...}) or a group id
 */
public record Assignment(
    PrincipalType principalType,
    String principalId,
    String accountId,
    String permissionSetId,
    Instant created) {

  /** What an assignment is made to; the names are Identity Center's. */
  public enum PrincipalType {
    USER,
    GROUP
  }

  public Assignment {
    Objects.requireNonNull(principalType, "principalType");
    if (principalType == PrincipalType.USER) {
      Checks.matching(principalId, Checks.USER_ID, "user id");
    } else {
      Checks.matching(principalId, Checks.PORTAL_ID, "group id");
    }
    Checks.matching(accountId, Checks.ACCOUNT_ID, "account id");
    Checks.matching(permissionSetId, Checks.PORTAL_ID, "permission set id");
    created = Checks.millis(created, "created");
  }
}
