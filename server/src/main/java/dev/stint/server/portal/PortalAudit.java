package dev.stint.server.portal;

import dev.stint.server.audit.AuditLog;
import dev.stint.server.store.AuditEvent;
import java.time.Clock;
import java.time.Instant;

/**
 * Writes the portal's audit records (sign-ins, administrators' changes, device and PKCE approvals)
 * through the durable {@link AuditLog}. Action names read {@code portal:SignIn}, {@code
 * portal:CreatePermissionSet}, ... Thread-safe.
 */
final class PortalAudit {
  static final String ANONYMOUS = "anonymous";

  private final AuditLog log;
  private final Clock clock;

  PortalAudit(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  void success(Origin origin, String action, String target, String details) {
    record(origin, action, target, AuditEvent.Outcome.SUCCESS, details, null, null);
  }

  void denied(Origin origin, String action, String target, String details) {
    record(origin, action, target, AuditEvent.Outcome.DENIED, details, null, null);
  }

  void record(
      Origin origin,
      String action,
      String target,
      AuditEvent.Outcome outcome,
      String details,
      String sessionId,
      Instant expiry) {
    Instant now = clock.instant();
    log.record(
        new AuditEvent(
            AuditEvent.newId(now),
            now,
            origin.requestId(),
            origin.actor() == null ? ANONYMOUS : origin.actor(),
            "portal:" + action,
            target,
            origin.sourceIp().isEmpty() ? null : origin.sourceIp(),
            sessionId,
            expiry,
            outcome,
            details));
  }
}
