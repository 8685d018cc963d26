package dev.stint.server.store;

import java.time.Instant;
import java.util.Map;

/**
 * An IAM user: id {@code AIDA...}, name unique per account regardless of case, path, ARN and tags
 * (sorted by key). Immutable and thread-safe.
 */
public record User(
    String id,
    String accountId,
    String name,
    String path,
    String arn,
    Instant created,
    Map<String, String> tags) {

  public User {
    Checks.matching(id, Checks.USER_ID, "user id");
    Checks.matching(accountId, Checks.ACCOUNT_ID, "account id");
    Checks.matching(name, Checks.PRINCIPAL_NAME, "user name");
    Checks.matching(path, Checks.PATH, "path");
    Checks.text(arn, "user arn", Checks.MAX_ARN);
    created = Checks.millis(created, "created");
    tags = Checks.tags(tags);
  }
}
