package dev.stint.server.store;

/**
 * A policy embedded in one user or role, by name (exact case). Immutable and thread-safe.
 *
 * @param name the policy name, unique per owner
 * @param document the policy document as the caller gave it
 */
public record InlinePolicy(String name, String document) {

  public InlinePolicy {
    Checks.matching(name, Checks.POLICY_NAME, "policy name");
    Checks.text(document, "policy document", Checks.MAX_DOCUMENT);
  }
}
