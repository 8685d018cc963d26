package dev.stint.server.portal;

import dev.stint.server.store.Database;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Settings administrators change on the portal: how long a portal session lasts (eight hours by
 * default, fifteen minutes to seven days). Also the organization id that Organizations' account
 * ARNs carry, made once. Thread-safe: every read goes to the store, so nodes agree.
 */
public final class PortalSettings {
  public static final Duration DEFAULT_SESSION_LENGTH = Duration.ofHours(8);
  public static final Duration MIN_SESSION_LENGTH = Duration.ofMinutes(15);
  public static final Duration MAX_SESSION_LENGTH = Duration.ofDays(7);

  static final String SESSION_LENGTH = "portal.session_length";
  static final String ORGANIZATION_ID = "organizations.id";
  private static final String ORG_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final Database db;
  private final Secrets secrets;
  private final PortalAudit audit;

  PortalSettings(Database db, Secrets secrets, PortalAudit audit) {
    this.db = db;
    this.secrets = secrets;
    this.audit = audit;
  }

  /** The length of a portal session and of the access tokens it approves. */
  public Duration sessionLength() {
    return db.settings()
        .get(SESSION_LENGTH)
        .map(
            text -> {
              try {
                return Duration.parse(text);
              } catch (DateTimeParseException e) {
                return DEFAULT_SESSION_LENGTH;
              }
            })
        .orElse(DEFAULT_SESSION_LENGTH);
  }

  /**
   * Sets the portal session length; sessions already running keep theirs.
   *
   * @throws PortalException.Invalid outside fifteen minutes to seven days
   */
  public void setSessionLength(Duration length, Origin origin) {
    if (length == null
        || length.compareTo(MIN_SESSION_LENGTH) < 0
        || length.compareTo(MAX_SESSION_LENGTH) > 0) {
      throw new PortalException.Invalid(
          "sessionLength",
          "The session length " + length + " is not between PT15M and P7D (7 days).");
    }
    db.settings().put(SESSION_LENGTH, length.toString());
    audit.success(origin, "UpdateSessionLength", null, "sessionLength=" + length);
  }

  /** The organization id ({@code o-} and 10 lower-case letters or digits), made on first use. */
  public String organizationId() {
    return db.settings()
        .get(ORGANIZATION_ID)
        .orElseGet(
            () ->
                db.settings().putIfAbsent(ORGANIZATION_ID, "o-" + secrets.draw(ORG_ALPHABET, 10)));
  }
}
