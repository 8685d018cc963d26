package dev.stint.server.web;

import dev.stint.server.http.RequestLog;
import dev.stint.server.portal.Administration;
import dev.stint.server.portal.PortalException;
import dev.stint.server.portal.PortalSessions;
import dev.stint.server.store.Database;
import dev.stint.server.store.LoginProfile;
import dev.stint.server.store.PortalSession;
import dev.stint.server.store.User;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every portal page shares: finding out who the visitor is, refusing forms without the
 * visitor's anti-forgery token (403), sending people who are not signed in to the sign-in page and
 * people who may not administer an area to a 403 page, turning the portal services' refusals into
 * the page again with the reason, and our own failures into a 500 page that gives away nothing.
 * Thread-safe.
 */
final class Site {
  private static final Logger log = LoggerFactory.getLogger(Site.class);
  private static final String ERROR = "stint.web.error";
  private static final String STATUS = "stint.web.status";
  static final Duration PRE_COOKIE_LIFE = Duration.ofDays(1);
  static final String PASSWORD = "/portal/password";

  /** The success messages a redirect may ask for, by key: a URL cannot put other text on a page. */
  private static final Map<String, String> NOTICES =
      Map.ofEntries(
          Map.entry("signed-out", "You signed out."),
          Map.entry("password-changed", "Your password was changed."),
          Map.entry("user-created", "The user was created."),
          Map.entry("password-set", "The password was set."),
          Map.entry("user-disabled", "The user was disabled and signed out everywhere."),
          Map.entry("user-enabled", "The user was enabled."),
          Map.entry("mfa-required", "The user must now sign in with MFA."),
          Map.entry("mfa-optional", "MFA is now optional for the user."),
          Map.entry("mfa-reset", "The user's MFA devices were removed."),
          Map.entry("user-unlocked", "The user's sign-in lockout was lifted."),
          Map.entry("group-created", "The group was created."),
          Map.entry("group-updated", "The group was updated."),
          Map.entry("group-deleted", "The group was deleted."),
          Map.entry("member-added", "The user was added to the group."),
          Map.entry("member-removed", "The user was removed from the group."),
          Map.entry("account-created", "The account was created."),
          Map.entry("permission-set-created", "The permission set was created."),
          Map.entry("permission-set-updated", "The permission set was updated."),
          Map.entry("permission-set-deleted", "The permission set was deleted."),
          Map.entry("assigned", "The assignment was made and its role provisioned."),
          Map.entry("unassigned", "The assignment was removed."),
          Map.entry("settings-saved", "The settings were saved."),
          Map.entry("device-approved", "Access was allowed. You can close this window."),
          Map.entry("device-denied", "Access was denied."));

  /** A page: what it does for one request by one visitor. */
  @FunctionalInterface
  interface Page {
    void handle(Context ctx, Visitor visitor) throws Exception;
  }

  private final Pages pages;
  private final PortalSessions sessions;
  private final Database db;
  private final Administration administration;
  private final SecureRandom random;
  private final Clock clock;

  Site(
      Pages pages,
      PortalSessions sessions,
      Database db,
      Administration administration,
      SecureRandom random,
      Clock clock) {
    this.pages = pages;
    this.sessions = sessions;
    this.db = db;
    this.administration = administration;
    this.random = random;
    this.clock = clock;
  }

  Clock clock() {
    return clock;
  }

  /** A page anyone may see; forms posted to it need the visitor's token. */
  Handler open(Page page) {
    return ctx -> run(ctx, page, null, false);
  }

  /** A page for signed-in users; others go to the sign-in page and come back. */
  Handler signedIn(Page page) {
    return ctx -> run(ctx, page, null, true);
  }

  /** A page of an administration area. */
  Handler admin(AdminArea area, Page page) {
    return ctx -> run(ctx, page, area, true);
  }

  /**
   * A form of an administration area: runs {@code action}, which redirects on success; when the
   * portal refuses, shows {@code view} again with the reason.
   */
  Handler adminForm(AdminArea area, Page action, Page view) {
    return ctx ->
        run(
            ctx,
            (c, v) -> {
              try {
                action.handle(c, v);
              } catch (PortalException e) {
                c.attribute(ERROR, e.getMessage());
                c.attribute(STATUS, status(e));
                view.handle(c, v);
              }
            },
            area,
            true);
  }

  private void run(Context ctx, Page page, AdminArea area, boolean needsSession) {
    Visitor visitor = null;
    try {
      visitor = visitor(ctx);
      boolean post = "POST".equals(ctx.method().name());
      // A form from an expired session goes to sign-in (it is not run), rather than a 403.
      if (needsSession && !visitor.signedIn()) {
        redirect(ctx, "/portal/signin" + (post ? "" : "?next=" + encode(here(ctx))));
        return;
      }
      if (post && !csrfOk(ctx, visitor)) {
        message(
            ctx,
            visitor,
            403,
            "Form refused",
            "This form expired or did not come from this site. Go back, reload the page and"
                + " try again.");
        return;
      }
      if (needsSession && visitor.mustChangePassword() && !ctx.path().equals(PASSWORD)) {
        // Until the password an administrator chose is replaced, nothing else opens.
        redirect(ctx, PASSWORD + (post ? "" : "?next=" + encode(here(ctx))));
        return;
      }
      if (area != null && !visitor.may(area)) {
        message(
            ctx,
            visitor,
            403,
            "Not allowed",
            "Your policies do not allow " + area.action() + ", which this page needs.");
        return;
      }
      page.handle(ctx, visitor);
    } catch (PortalException e) {
      // A page about something that is not there (or no longer): say so, with the status.
      message(
          ctx,
          visitor,
          status(e),
          e instanceof PortalException.NotFound ? "Not found" : "Refused",
          e.getMessage());
    } catch (Exception e) {
      log.error("portal page {} failed (request {})", ctx.path(), RequestLog.requestId(ctx), e);
      Pages.headers(ctx, null);
      ctx.status(500)
          .contentType(Pages.HTML)
          .result(
              "<!doctype html><title>Error</title><p>Something went wrong on our side. Request "
                  + RequestLog.requestId(ctx)
                  + ".</p>");
    }
  }

  private static boolean csrfOk(Context ctx, Visitor visitor) {
    String presented = ctx.formParam(Csrf.FIELD);
    return Csrf.valid(visitor.sessionId(), presented) || Csrf.valid(visitor.preId(), presented);
  }

  /** Finds out who is asking, giving a first-time visitor the pre-sign-in cookie. */
  Visitor visitor(Context ctx) {
    String pre = ctx.cookie(Cookies.PRE);
    if (!Cookies.wellFormed(pre)) {
      pre = Cookies.newValue(random);
      Cookies.set(ctx, Cookies.PRE, pre, PRE_COOKIE_LIFE);
    }
    String requestId = RequestLog.requestId(ctx);
    if (requestId.isEmpty()) {
      requestId = "portal";
    }
    String sid = ctx.cookie(Cookies.SESSION);
    Optional<PortalSession> session = sid == null ? Optional.empty() : sessions.find(sid);
    Optional<User> user = session.flatMap(s -> db.users().findById(s.userId()));
    if (session.isEmpty() || user.isEmpty()) {
      return new Visitor(
          pre, null, null, null, Set.of(), false, Csrf.token(pre), requestId, ctx.ip());
    }
    boolean mustChange =
        db.users()
            .findLoginProfile(user.get().id())
            .map(LoginProfile::passwordResetRequired)
            .orElse(false);
    Set<AdminArea> areas =
        mustChange
            ? Set.of()
            : administration
                .areas(
                    user.get().id(),
                    Administration.Conditions.of(session.get(), ctx.ip(), Cookies.secure(ctx)))
                .stream()
                .map(AdminArea::of)
                .collect(Collectors.toUnmodifiableSet());
    return new Visitor(
        pre,
        sid,
        session.get(),
        user.get(),
        areas,
        mustChange,
        Csrf.token(sid),
        requestId,
        ctx.ip());
  }

  /** The frame of a page, with the notice a redirect asked for and the error of a refused form. */
  Frame frame(Context ctx, Visitor visitor, String title, String section) {
    Frame frame = visitor.frame(title, section);
    String key = ctx.queryParam("notice");
    String notice = key == null ? null : NOTICES.get(key);
    if (notice != null) {
      frame = frame.withNotice(notice);
    }
    String error = ctx.attribute(ERROR);
    return error == null ? frame : frame.withError(error);
  }

  /** 200, or the status of the refusal the page is shown again for. */
  static int status(Context ctx) {
    Integer status = ctx.attribute(STATUS);
    return status == null ? 200 : status;
  }

  /** Marks the page being shown as the answer to a refused form. */
  static void refused(Context ctx, int status, String message) {
    ctx.attribute(ERROR, message);
    ctx.attribute(STATUS, status);
  }

  void render(Context ctx, String template, Frame frame, Object page) {
    pages.render(ctx, status(ctx), template, frame, page);
  }

  void render(Context ctx, int status, String template, Frame frame, Object page) {
    pages.render(ctx, status, template, frame, page);
  }

  void render(
      Context ctx, int status, String template, Frame frame, Object page, String formOrigin) {
    pages.render(ctx, status, template, frame, page, formOrigin);
  }

  /** A page with a heading and one paragraph. */
  void message(Context ctx, Visitor visitor, int status, String title, String text) {
    pages.render(
        ctx, status, "message", visitor.frame(title, null), new MessagePage(title, text, null));
  }

  /** 303 See Other: after a form, the browser fetches the result with GET. */
  static void redirect(Context ctx, String location) {
    Pages.headers(ctx, null);
    ctx.status(303).header("Location", location).result("");
  }

  /** The path and query of this request, for coming back after sign-in. */
  static String here(Context ctx) {
    String query = ctx.queryString();
    return ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
  }

  /**
   * Where to go after sign-in: a path on this site only ({@code /...} but not {@code //host} or
   * {@code /\host}, which browsers read as other hosts); anything else goes home.
   */
  static String safeNext(String next) {
    if (next == null
        || next.isEmpty()
        || next.length() > 2048
        || next.charAt(0) != '/'
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '\\')) {
      return "/";
    }
    return next;
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static int status(PortalException e) {
    return switch (e) {
      case PortalException.NotFound n -> 404;
      case PortalException.AlreadyExists a -> 409;
      case PortalException.InUse u -> 409;
      case PortalException.Invalid i -> 400;
      case PortalException.Unauthorized u -> 401;
    };
  }
}
