package dev.stint.server.store;

import java.util.Objects;

/**
 * A managed policy attached to a user or a role. Immutable and thread-safe.
 *
 * @param principalArn the user's or role's ARN
 * @param policyArn the managed policy's ARN
 */
public record PolicyAttachment(PrincipalType principalType, String principalArn, String policyArn) {

  /** What a policy can be attached to. */
  public enum PrincipalType {
    USER("user"),
    ROLE("role");

    private final String column;

    PrincipalType(String column) {
      this.column = column;
    }

    String column() {
      return column;
    }

    static PrincipalType fromColumn(String column) {
      return "user".equals(column) ? USER : ROLE;
    }
  }

  public PolicyAttachment {
    Objects.requireNonNull(principalType, "principalType");
    Checks.text(principalArn, "principal arn", Checks.MAX_ARN);
    Checks.text(policyArn, "policy arn", Checks.MAX_ARN);
  }
}
