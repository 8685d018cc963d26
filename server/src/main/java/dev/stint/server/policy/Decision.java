package dev.stint.server.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating a request against policies, with the {@code Sid} of the statement that
 * decided it (for logs and audit; empty for an implicit deny or a statement without a Sid).
 * Immutable.
 */
public record Decision(Outcome outcome, Optional<String> sid) {

  /** IAM's three outcomes: an explicit deny wins, then an allow, else the implicit deny. */
  public enum Outcome {
    ALLOW,
    EXPLICIT_DENY,
    IMPLICIT_DENY
  }

  public Decision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(sid, "sid");
    if (outcome == Outcome.IMPLICIT_DENY && sid.isPresent()) {
      throw new IllegalArgumentException("an implicit deny has no statement");
    }
  }

  public static Decision allow(Optional<String> sid) {
    return new Decision(Outcome.ALLOW, sid);
  }

  public static Decision explicitDeny(Optional<String> sid) {
    return new Decision(Outcome.EXPLICIT_DENY, sid);
  }

  public static Decision implicitDeny() {
    return new Decision(Outcome.IMPLICIT_DENY, Optional.empty());
  }

  public boolean allowed() {
    return outcome == Outcome.ALLOW;
  }
}
