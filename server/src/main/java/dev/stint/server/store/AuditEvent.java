package dev.stint.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One audit record: who did what to what, from where, when, with which outcome; for credential
 * issuance also the session id and expiry. Immutable and thread-safe. Never put a secret in {@code
 * details}.
 *
 * @param target what the action was about (a role ARN, a user), or {@code null}
 * @param sourceIp the caller's address, or {@code null}
 * @param sessionId the issued or used session's id, or {@code null}
 * @param expiry when issued credentials expire, or {@code null}
 * @param details free text for people reading the log, or {@code null}
 */
public record AuditEvent(
    String id,
    Instant time,
    String requestId,
    String actor,
    String action,
    String target,
    String sourceIp,
    String sessionId,
    Instant expiry,
    Outcome outcome,
    String details) {

  /** How the audited request ended. */
  public enum Outcome {
    SUCCESS,
    DENIED,
    ERROR
  }

  public AuditEvent {
    Checks.text(id, "audit event id", 128);
    time = Checks.millis(time, "time");
    Checks.text(requestId, "request id", 128);
    Checks.text(actor, "actor", Checks.MAX_ARN);
    Checks.text(action, "action", 128);
    Checks.optionalText(target, "target", Checks.MAX_ARN);
    Checks.optionalText(sourceIp, "source ip", 64);
    Checks.optionalText(sessionId, "session id", 128);
    expiry = Checks.optionalMillis(expiry);
    Objects.requireNonNull(outcome, "outcome");
    Checks.optionalText(details, "details", 8192);
  }

  /**
   * A new record id: a version 7 UUID (RFC 9562), the time's milliseconds then 74 random bits. Ids
   * in time order make each insert append to the end of the id index rather than rewrite a random
   * page of it, which is most of what a commit of many records costs. The random bits need only be
   * unique, not secret, so they come from a thread-local generator without a shared lock.
   */
  public static String newId(Instant time) {
    var random = ThreadLocalRandom.current();
    long high = (time.toEpochMilli() << 16) | 0x7000L | (random.nextInt() & 0x0fffL);
    long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
