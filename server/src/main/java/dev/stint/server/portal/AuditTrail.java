package dev.stint.server.portal;

import dev.stint.server.store.AuditEvent;
import dev.stint.server.store.AuditQuery;
import dev.stint.server.store.Database;
import java.util.List;

/**
 * The audit records for the administration pages: sign-ins ({@code portal:SignIn}), credential
 * issuances ({@code sts:*}, {@code sso:GetRoleCredentials}), administrators' changes ({@code
 * portal:*}), newest first. Thread-safe.
 */
public final class AuditTrail {
  private final Database db;

  AuditTrail(Database db) {
    this.db = db;
  }

  /** The events in the query's time range, optionally one actor's or one action's. */
  public List<AuditEvent> query(AuditQuery query) {
    return db.audit().query(query);
  }
}
