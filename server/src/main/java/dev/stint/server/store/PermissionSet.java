package dev.stint.server.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A permission set: what a role provisioned from it may do (an inline policy and managed policy
 * ARNs) and how long its sessions last (one to twelve hours). Names follow Identity Center's rule
 * ({@code [\w+=,.@-]{1,32}}) and are unique regardless of case. Immutable and thread-safe.
 *
 * @param description free text, or {@code null}
 * @param inlinePolicy a policy document, or {@code null}
 * @param managedPolicyArns managed policy ARNs, sorted, without repeats
 */
public record PermissionSet(
    String id,
    String name,
    String description,
    Duration sessionDuration,
    String inlinePolicy,
    List<String> managedPolicyArns,
    Instant created) {

  public static final Duration MIN_SESSION = Duration.ofHours(1);
  public static final Duration MAX_SESSION = Duration.ofHours(12);

  /** Identity Center allows ten managed policies per permission set by default. */
  public static final int MAX_MANAGED_POLICIES = 10;

  public PermissionSet {
    Checks.matching(id, Checks.PORTAL_ID, "permission set id");
    Checks.matching(name, Checks.PERMISSION_SET_NAME, "permission set name");
    Checks.optionalText(description, "permission set description", 700);
    Objects.requireNonNull(sessionDuration, "sessionDuration");
    if (sessionDuration.compareTo(MIN_SESSION) < 0
        || sessionDuration.compareTo(MAX_SESSION) > 0
        || sessionDuration.toSecondsPart() != 0
        || sessionDuration.getNano() != 0) {
      throw new IllegalArgumentException(
          "Invalid session duration "
              + sessionDuration
              + ": must be whole minutes from PT1H to PT12H");
    }
    Checks.optionalText(inlinePolicy, "inline policy", Checks.MAX_DOCUMENT);
    Objects.requireNonNull(managedPolicyArns, "managedPolicyArns");
    managedPolicyArns = managedPolicyArns.stream().distinct().sorted().toList();
    if (managedPolicyArns.size() > MAX_MANAGED_POLICIES) {
      throw new IllegalArgumentException(
          "Too many managed policies: "
              + managedPolicyArns.size()
              + " is more than "
              + MAX_MANAGED_POLICIES);
    }
    managedPolicyArns.forEach(arn -> Checks.text(arn, "managed policy arn", Checks.MAX_ARN));
    created = Checks.millis(created, "created");
  }
}
