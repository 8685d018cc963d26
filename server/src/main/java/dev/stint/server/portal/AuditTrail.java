package dev.stint.server.portal;

import dev.stint.server.audit.AuditLog;
import dev.stint.server.store.AuditEvent;
import dev.stint.server.store.AuditQuery;
import java.util.List;

/**
 * The audit records for the administration pages: sign-ins ({@code portal:SignIn}), credential
 * issuances ({@code sts:*}, {@code sso:GetRoleCredentials}), administrators' changes ({@code
 * portal:*}), newest first. Thread-safe.
 */
public final class AuditTrail {
  private final AuditLog log;

  AuditTrail(AuditLog log) {
    this.log = log;
  }

  /** The events in the query's time range, optionally one actor's or one action's. */
  public List<AuditEvent> query(AuditQuery query) {
    return log.query(query);
  }
}
