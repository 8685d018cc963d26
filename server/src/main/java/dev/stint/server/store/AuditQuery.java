package dev.stint.server.store;

import java.time.Instant;

/**
 * Which audit events to read: those at or after {@code from} and before {@code to}, optionally only
 * one actor's or one action's, newest first, at most {@code limit}. Immutable and thread-safe.
 *
 * @param actor only this actor's events, or {@code null} for all
 * @param action only this action's events, or {@code null} for all
 */
public record AuditQuery(Instant from, Instant to, String actor, String action, int limit) {

  public static final int MAX_LIMIT = 10_000;

  public AuditQuery {
    from = Checks.millis(from, "from");
    to = Checks.millis(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("Audit query range is empty: " + from + " to " + to);
    }
    Checks.optionalText(actor, "actor", Checks.MAX_ARN);
    Checks.optionalText(action, "action", 128);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "Audit query limit " + limit + " is not between 1 and " + MAX_LIMIT);
    }
  }
}
