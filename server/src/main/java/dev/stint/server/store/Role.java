package dev.stint.server.store;

import java.time.Instant;
import java.util.Map;

/**
 * An IAM role: id {@code AROA...}, name unique per account regardless of case, path, ARN, trust
 * policy document, optional description, maximum session duration (3600..43200 seconds) and tags
 * (sorted by key). Immutable and thread-safe.
 */
public record Role(
    String id,
    String accountId,
    String name,
    String path,
    String arn,
    String trustPolicy,
    String description,
    int maxSessionDurationSeconds,
    Instant created,
    Map<String, String> tags) {

  public static final int MIN_SESSION_SECONDS = 3600;
  public static final int MAX_SESSION_SECONDS = 43_200;

  public Role {
    Checks.matching(id, Checks.ROLE_ID, "role id");
    Checks.matching(accountId, Checks.ACCOUNT_ID, "account id");
    Checks.matching(name, Checks.PRINCIPAL_NAME, "role name");
    Checks.matching(path, Checks.PATH, "path");
    Checks.text(arn, "role arn", Checks.MAX_ARN);
    Checks.text(trustPolicy, "trust policy", Checks.MAX_DOCUMENT);
    Checks.optionalText(description, "role description", 1000);
    if (maxSessionDurationSeconds < MIN_SESSION_SECONDS
        || maxSessionDurationSeconds > MAX_SESSION_SECONDS) {
      throw new IllegalArgumentException(
          "Invalid max session duration "
              + maxSessionDurationSeconds
              + ": must be between 3600 and 43200 seconds");
    }
    created = Checks.millis(created, "created");
    tags = Checks.tags(tags);
  }
}
