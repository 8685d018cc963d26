package dev.stint.server.web;

import dev.stint.server.audit.AuditLog;
import dev.stint.server.portal.PortalException;
import dev.stint.server.portal.PortalSessions;
import dev.stint.server.portal.PortalUsers;
import dev.stint.server.portal.SignIn;
import dev.stint.server.store.AuditEvent;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * Signing in and out: {@code /portal/signin} (user name and password), {@code /portal/mfa} (a TOTP
 * code), {@code /portal/mfa/enrol} (a QR code to scan and two codes, when an administrator requires
 * MFA), {@code /portal/password} (change one's password) and {@code POST /portal/signout}. Every
 * step that moves on gets a fresh id from {@link SignIn}; a signed-in session's id goes in the
 * session cookie only. Thread-safe.
 */
final class SignInPages {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Site site;
  private final SignIn signIn;
  private final PortalSessions sessions;
  private final PortalUsers users;
  private final AuditLog audit;

  SignInPages(
      Site site, SignIn signIn, PortalSessions sessions, PortalUsers users, AuditLog audit) {
    this.site = site;
    this.signIn = signIn;
    this.sessions = sessions;
    this.users = users;
    this.audit = audit;
  }

  /**
   * The sign-in form's contents.
   *
   * @param username the name typed before, kept after a refusal
   * @param next where to go once signed in
   */
  record SignInForm(String username, String next) {}

  /**
   * The MFA enrolment page.
   *
   * @param qrDataUri the QR code as a {@code data:image/png} URI
   * @param secret the seed in base32, for typing in by hand
   */
  record EnrolForm(String serialNumber, String qrDataUri, String secret, String next) {
    @Override
    public String toString() {
      return "EnrolForm[" + serialNumber + "]";
    }
  }

  void register(RoutesConfig routes) {
    routes.get("/portal/signin", site.open(this::signInForm));
    routes.post("/portal/signin", site.open(this::password));
    routes.get("/portal/mfa", site.open(this::mfaForm));
    routes.post("/portal/mfa", site.open(this::totp));
    routes.get("/portal/mfa/enrol", site.open(this::enrolForm));
    routes.post("/portal/mfa/enrol", site.open(this::enrol));
    routes.post("/portal/signout", site.open(this::signOut));
    routes.get("/portal/password", site.signedIn(this::passwordForm));
    routes.post("/portal/password", site.signedIn(this::changePassword));
  }

  private void signInForm(Context ctx, Visitor v) {
    String next = Site.safeNext(ctx.queryParam("next"));
    if (v.signedIn()) {
      Site.redirect(ctx, next);
      return;
    }
    site.render(ctx, "signin", site.frame(ctx, v, "Sign in", null), new SignInForm("", next));
  }

  private void password(Context ctx, Visitor v) {
    String next = Site.safeNext(ctx.formParam("next"));
    String username = nonNull(ctx.formParam("username")).strip();
    char[] password = nonNull(ctx.formParam("password")).toCharArray();
    SignIn.Outcome outcome;
    try {
      outcome = signIn.password(username, password, v.origin());
    } finally {
      Arrays.fill(password, '\0');
    }
    switch (outcome) {
      case SignIn.SignedIn done -> finish(ctx, v, done, next);
      case SignIn.MfaRequired mfa -> {
        Cookies.set(ctx, Cookies.PENDING, mfa.pendingId(), PortalSessions.PENDING_LENGTH);
        Site.redirect(ctx, "/portal/mfa?next=" + Site.encode(next));
      }
      case SignIn.EnrolmentRequired enrol -> {
        Cookies.set(ctx, Cookies.PENDING, enrol.pendingId(), PortalSessions.PENDING_LENGTH);
        Site.redirect(ctx, "/portal/mfa/enrol?next=" + Site.encode(next));
      }
      case SignIn.Refused refused -> {
        refuse(ctx, refused);
        site.render(
            ctx, "signin", site.frame(ctx, v, "Sign in", null), new SignInForm(username, next));
      }
    }
  }

  private void mfaForm(Context ctx, Visitor v) {
    String next = Site.safeNext(ctx.queryParam("next"));
    if (ctx.cookie(Cookies.PENDING) == null) {
      Site.redirect(ctx, "/portal/signin?next=" + Site.encode(next));
      return;
    }
    site.render(ctx, "mfa", site.frame(ctx, v, "Multi-factor authentication", null), next);
  }

  private void totp(Context ctx, Visitor v) {
    String next = Site.safeNext(ctx.formParam("next"));
    String pending = ctx.cookie(Cookies.PENDING);
    SignIn.Outcome outcome =
        pending == null
            ? new SignIn.Refused(SignIn.Reason.EXPIRED, null)
            : signIn.totp(pending, ctx.formParam("code"), v.origin());
    switch (outcome) {
      case SignIn.SignedIn done -> finish(ctx, v, done, next);
      case SignIn.Refused refused when refused.reason() == SignIn.Reason.EXPIRED -> {
        Cookies.clear(ctx, Cookies.PENDING);
        refuse(ctx, refused);
        site.render(ctx, "signin", site.frame(ctx, v, "Sign in", null), new SignInForm("", next));
      }
      case SignIn.Refused refused -> {
        refuse(ctx, refused);
        site.render(ctx, "mfa", site.frame(ctx, v, "Multi-factor authentication", null), next);
      }
      default -> throw new IllegalStateException("unexpected MFA outcome " + outcome);
    }
  }

  private void enrolForm(Context ctx, Visitor v) {
    showEnrolment(ctx, v, Site.safeNext(ctx.queryParam("next")));
  }

  private void showEnrolment(Context ctx, Visitor v, String next) {
    String pending = ctx.cookie(Cookies.PENDING);
    SignIn.MfaEnrolment enrolment;
    try {
      if (pending == null) {
        throw new PortalException.Unauthorized();
      }
      enrolment = signIn.startEnrolment(pending);
    } catch (PortalException.Unauthorized e) {
      Cookies.clear(ctx, Cookies.PENDING);
      Site.redirect(ctx, "/portal/signin?next=" + Site.encode(next));
      return;
    }
    var form =
        new EnrolForm(
            enrolment.serialNumber(),
            "data:image/png;base64," + Base64.getEncoder().encodeToString(enrolment.qrPng()),
            enrolment.secretBase32(),
            next);
    site.render(ctx, "enrol", site.frame(ctx, v, "Set up MFA", null), form);
  }

  private void enrol(Context ctx, Visitor v) {
    String next = Site.safeNext(ctx.formParam("next"));
    String pending = ctx.cookie(Cookies.PENDING);
    SignIn.Outcome outcome =
        pending == null
            ? new SignIn.Refused(SignIn.Reason.EXPIRED, null)
            : signIn.completeEnrolment(
                pending,
                ctx.formParam("serial"),
                ctx.formParam("code1"),
                ctx.formParam("code2"),
                v.origin());
    switch (outcome) {
      case SignIn.SignedIn done -> finish(ctx, v, done, next);
      case SignIn.Refused refused -> {
        refuse(ctx, refused);
        if (refused.reason() == SignIn.Reason.INVALID_CODE) {
          // The device that was refused stays unconfirmed; a new one replaces it.
          Site.refused(
              ctx,
              401,
              "Those codes did not match. Remove the entry from your app, scan this new code and"
                  + " try again.");
        }
        showEnrolment(ctx, v, next);
      }
      default -> throw new IllegalStateException("unexpected enrolment outcome " + outcome);
    }
  }

  /** Signed in: the old session (if any) ends, the new id goes in the cookie. */
  private void finish(Context ctx, Visitor v, SignIn.SignedIn done, String next) {
    if (v.sessionId() != null) {
      sessions.signOut(v.sessionId());
    }
    Instant now = site.clock().instant();
    Cookies.set(
        ctx,
        Cookies.SESSION,
        done.session().id(),
        Duration.between(now, done.session().session().expires()));
    Cookies.clear(ctx, Cookies.PENDING);
    if (done.passwordResetRequired()) {
      Site.redirect(ctx, "/portal/password?next=" + Site.encode(next));
    } else {
      Site.redirect(ctx, next);
    }
  }

  private void refuse(Context ctx, SignIn.Refused refused) {
    switch (refused.reason()) {
      case INVALID_CREDENTIALS -> Site.refused(ctx, 401, "The user name or password is not right.");
      case INVALID_CODE ->
          Site.refused(ctx, 401, "That code is not right, or it was used already.");
      case LOCKED -> {
        if (refused.retryAfter() != null) {
          long seconds =
              Math.max(
                  1, Duration.between(site.clock().instant(), refused.retryAfter()).toSeconds());
          ctx.header("Retry-After", Long.toString(seconds));
        }
        Site.refused(
            ctx,
            429,
            "Too many failed attempts in a row. Try again after "
                + (refused.retryAfter() == null ? "a while" : TIME.format(refused.retryAfter()))
                + ".");
      }
      case DISABLED ->
          Site.refused(ctx, 403, "This user is disabled. Ask an administrator for help.");
      case EXPIRED ->
          Site.refused(ctx, 401, "Your sign-in took too long. Enter your password again.");
    }
  }

  private void signOut(Context ctx, Visitor v) {
    if (v.sessionId() != null) {
      sessions.signOut(v.sessionId());
      Instant now = site.clock().instant();
      audit.record(
          new AuditEvent(
              AuditEvent.newId(now),
              now,
              v.requestId(),
              v.user().arn(),
              "portal:SignOut",
              v.user().arn(),
              v.sourceIp(),
              null,
              null,
              AuditEvent.Outcome.SUCCESS,
              null));
    }
    Cookies.clear(ctx, Cookies.SESSION);
    Site.redirect(ctx, "/portal/signin?notice=signed-out");
  }

  private void passwordForm(Context ctx, Visitor v) {
    Frame frame = site.frame(ctx, v, "Change your password", null);
    if (v.mustChangePassword() && frame.error() == null) {
      frame = frame.withNotice("Choose a new password to continue.");
    }
    site.render(ctx, "password", frame, Site.safeNext(ctx.queryParam("next")));
  }

  private void changePassword(Context ctx, Visitor v) {
    String next = Site.safeNext(ctx.formParam("next"));
    char[] current = nonNull(ctx.formParam("current")).toCharArray();
    char[] replacement = nonNull(ctx.formParam("new")).toCharArray();
    char[] confirm = nonNull(ctx.formParam("confirm")).toCharArray();
    try {
      if (!Arrays.equals(replacement, confirm)) {
        Site.refused(ctx, 400, "The new password and its confirmation differ.");
      } else {
        users.changePassword(v.user().id(), current, replacement, v.origin());
        Site.redirect(ctx, next.equals("/") ? "/?notice=password-changed" : next);
        return;
      }
    } catch (PortalException.Invalid e) {
      Site.refused(ctx, 400, e.getMessage());
    } finally {
      Arrays.fill(current, '\0');
      Arrays.fill(replacement, '\0');
      Arrays.fill(confirm, '\0');
    }
    site.render(ctx, "password", site.frame(ctx, v, "Change your password", null), next);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
