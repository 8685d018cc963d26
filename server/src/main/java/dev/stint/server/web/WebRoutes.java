package dev.stint.server.web;

import dev.stint.server.audit.AuditLog;
import dev.stint.server.portal.Portal;
import dev.stint.server.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The access portal in HTML, server-rendered: sign-in with MFA ({@code /portal/...}), the accounts
 * and roles of the signed-in user with the credentials dialog ({@code GET /}), the administration
 * pages ({@code /admin/...}), the OIDC device and PKCE pages ({@code /device}, {@code /authorize})
 * and the stylesheet and script ({@code /static/...}). Every form carries an anti-forgery token;
 * every page carries a strict Content-Security-Policy and no-store. Built on the {@link Portal}
 * services. Thread-safe.
 */
public final class WebRoutes {
  private final StaticAssets assets = new StaticAssets();
  private final SignInPages signIn;
  private final HomePages home;
  private final AdminUserPages adminUsers;
  private final AdminAccessPages adminAccess;
  private final AdminAuditPages adminAudit;
  private final OidcPages oidc;

  /**
   * @param audit where sign-outs are recorded (the portal services record everything else)
   */
  public WebRoutes(Portal portal, Database db, AuditLog audit, SecureRandom random, Clock clock) {
    var site = new Site(new Pages(), portal.sessions(), db, portal.administration(), random, clock);
    this.signIn = new SignInPages(site, portal.signIn(), portal.sessions(), portal.users(), audit);
    this.home =
        new HomePages(site, portal.directory(), portal.permissionSets(), portal.credentials());
    this.adminUsers = new AdminUserPages(site, portal.users(), portal.groups());
    this.adminAccess =
        new AdminAccessPages(
            site,
            portal.accounts(),
            portal.permissionSets(),
            portal.assignments(),
            portal.users(),
            portal.groups(),
            db);
    this.adminAudit = new AdminAuditPages(site, portal.settings(), portal.auditTrail());
    this.oidc = new OidcPages(site, portal.devices(), portal.pkce());
  }

  /** Registers every portal route except {@code GET /}, which {@link #home} answers. */
  public void register(RoutesConfig routes) {
    assets.register(routes);
    signIn.register(routes);
    home.register(routes);
    adminUsers.register(routes);
    adminAccess.register(routes);
    adminAudit.register(routes);
    oidc.register(routes);
  }

  /**
   * {@code GET /} when it is not a query-protocol call: the portal home, or the sign-in page for
   * visitors without a session.
   */
  public void home(Context ctx) throws Exception {
    home.home(ctx);
  }
}
