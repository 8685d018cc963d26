package dev.stint.server.store;

import java.time.Instant;

/**
 * A customer managed policy: ARN, owning account (or {@code aws} for AWS-managed ones), name unique
 * per account regardless of case, path, and the default version's document. Immutable and
 * thread-safe.
 */
public record ManagedPolicy(
    String arn, String accountId, String name, String path, String document, Instant created) {

  public ManagedPolicy {
    Checks.text(arn, "policy arn", Checks.MAX_ARN);
    if (!"aws".equals(accountId)) {
      Checks.matching(accountId, Checks.ACCOUNT_ID, "account id");
    }
    Checks.matching(name, Checks.POLICY_NAME, "policy name");
    Checks.matching(path, Checks.PATH, "path");
    Checks.text(document, "policy document", Checks.MAX_DOCUMENT);
    created = Checks.millis(created, "created");
  }
}
