package dev.stint.server.web;

import dev.stint.server.portal.AuditTrail;
import dev.stint.server.portal.PortalException;
import dev.stint.server.portal.PortalSettings;
import dev.stint.server.store.AuditEvent;
import dev.stint.server.store.AuditQuery;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The portal settings ({@code /admin/settings}: how long a portal session lasts) and the audit view
 * ({@code /admin/audit}: sign-ins, credential issuances and administrators' changes, newest first
 * and {@value Pager#SIZE} to a page, filtered by time range, actor and action). The page links
 * carry the time range as shown, so that the pages of a list stay the same list while new events
 * arrive after it. Thread-safe.
 */
final class AdminAuditPages {
  /**
   * The last page that can be read: the store answers at most {@link AuditQuery#MAX_LIMIT} events
   * of a query, and a page needs its own events, those of the pages before it and one more.
   */
  static final int MAX_PAGE = (AuditQuery.MAX_LIMIT - 1) / Pager.SIZE;

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);

  /** Actions offered as suggestions in the filter; any other may be typed. */
  static final List<String> KNOWN_ACTIONS =
      List.of(
          "portal:SignIn",
          "portal:SignOut",
          "sso:GetRoleCredentials",
          "sts:AssumeRole",
          "sts:GetSessionToken",
          "sts:GetFederationToken",
          "portal:CreateUser",
          "portal:ResetPassword",
          "portal:ChangePassword",
          "portal:DisableUser",
          "portal:EnableUser",
          "portal:SetMfaRequired",
          "portal:ResetMfa",
          "portal:Unlock",
          "portal:EnableMFADevice",
          "portal:CreateGroup",
          "portal:UpdateGroup",
          "portal:DeleteGroup",
          "portal:AddGroupMember",
          "portal:RemoveGroupMember",
          "portal:CreatePermissionSet",
          "portal:UpdatePermissionSet",
          "portal:DeletePermissionSet",
          "portal:CreateAccountAssignment",
          "portal:DeleteAccountAssignment",
          "portal:CreateAccount",
          "portal:UpdateSessionLength",
          "portal:ApproveDevice",
          "portal:DenyDevice",
          "portal:ApproveAuthorization",
          "portal:CreateToken",
          "portal:Logout");

  private final Site site;
  private final PortalSettings settings;
  private final AuditTrail audit;

  AdminAuditPages(Site site, PortalSettings settings, AuditTrail audit) {
    this.site = site;
    this.settings = settings;
    this.audit = audit;
  }

  /** {@code /admin/settings}: the session length in whole hours, or as ISO-8601 when not. */
  record SettingsPage(Duration sessionLength) {
    String hours() {
      return sessionLength.toMinutesPart() == 0 ? Long.toString(sessionLength.toHours()) : "";
    }
  }

  /**
   * The audit filter as typed: times as {@code datetime-local} values in UTC.
   *
   * @param actor an ARN, or empty for everyone
   * @param action an action such as {@code portal:SignIn}, or empty for all
   */
  record AuditFilter(String from, String to, String actor, String action) {

    /** The filter as page links carry it. */
    Map<String, String> query() {
      var query = new LinkedHashMap<String, String>();
      query.put("from", from);
      query.put("to", to);
      query.put("actor", actor);
      query.put("action", action);
      return query;
    }
  }

  /** {@code /admin/audit}: one page of the events that match the filter, newest first. */
  record AuditPage(
      AuditFilter filter, List<AuditEvent> events, Pager pager, List<String> actions) {}

  void register(RoutesConfig routes) {
    routes.get("/admin/settings", site.admin(AdminArea.SETTINGS, this::settings));
    routes.post(
        "/admin/settings", site.adminForm(AdminArea.SETTINGS, this::saveSettings, this::settings));
    routes.get("/admin/audit", site.admin(AdminArea.AUDIT, this::audit));
  }

  private void settings(Context ctx, Visitor v) {
    site.render(
        ctx,
        "adminSettings",
        site.frame(ctx, v, "Settings", AdminArea.SETTINGS.section()),
        new SettingsPage(settings.sessionLength()));
  }

  private void saveSettings(Context ctx, Visitor v) {
    String hours = Forms.text(ctx, "hours");
    Duration length;
    try {
      length = Duration.ofHours(Long.parseLong(hours));
    } catch (NumberFormatException e) {
      throw new PortalException.Invalid(
          "sessionLength", "The session length must be a whole number of hours.");
    }
    settings.setSessionLength(length, v.origin());
    Site.redirect(ctx, "/admin/settings?notice=settings-saved");
  }

  private void audit(Context ctx, Visitor v) {
    Instant now = site.clock().instant();
    Instant to = now.plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
    Instant from = to.minus(Duration.ofDays(1));
    List<AuditEvent> events = List.of();
    boolean more = false;
    String actor = text(ctx.queryParam("actor"));
    String action = text(ctx.queryParam("action"));
    int page = Pager.requested(ctx);
    try {
      from = time(ctx.queryParam("from"), from);
      to = time(ctx.queryParam("to"), to);
      if (page > MAX_PAGE) {
        Site.refused(
            ctx,
            400,
            "Only the newest "
                + MAX_PAGE * Pager.SIZE
                + " events of a filter can be paged through: narrow the time range to see older"
                + " ones.");
      } else {
        // The events of this page, those of the pages before it, and one to tell if more follow.
        int wanted = page * Pager.SIZE + 1;
        List<AuditEvent> read =
            audit.query(
                new AuditQuery(
                    from,
                    to,
                    actor.isEmpty() ? null : actor,
                    action.isEmpty() ? null : action,
                    wanted));
        events = Pager.items(read, page);
        more = read.size() == wanted;
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      // AuditQuery refuses an empty range with an IllegalArgumentException.
      Site.refused(
          ctx,
          400,
          "The filter is not valid: times must be like 2030-01-02T03:04 and the range must not"
              + " be empty.");
    }
    var filter =
        new AuditFilter(
            LOCAL.format(LocalDateTime.ofInstant(from, ZoneOffset.UTC)),
            LOCAL.format(LocalDateTime.ofInstant(to, ZoneOffset.UTC)),
            actor,
            action);
    site.render(
        ctx,
        "adminAudit",
        site.frame(ctx, v, "Audit log", AdminArea.AUDIT.section()),
        new AuditPage(
            filter,
            events,
            Pager.of(page, events.size(), more, AdminArea.AUDIT.path(), filter.query()),
            KNOWN_ACTIONS));
  }

  private static Instant time(String value, Instant fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }
}
