package dev.stint.server.web;

import dev.stint.core.credentials.Credentials;
import dev.stint.server.portal.Directory;
import dev.stint.server.portal.PermissionSets;
import dev.stint.server.portal.PortalCredentials;
import dev.stint.server.portal.PortalException;
import dev.stint.server.store.PermissionSet;
import dev.stint.server.sts.Issuer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * The portal home ({@code GET /}): the accounts the user may use, each with its roles; and {@code
 * POST /portal/credentials}, which issues credentials for one role in one account and shows them in
 * the credentials dialog on the same page. The credentials travel only in that response, which no
 * cache keeps. Thread-safe.
 */
final class HomePages {
  private final Site site;
  private final Directory directory;
  private final PermissionSets permissionSets;
  private final PortalCredentials credentials;

  HomePages(
      Site site,
      Directory directory,
      PermissionSets permissionSets,
      PortalCredentials credentials) {
    this.site = site;
    this.directory = directory;
    this.permissionSets = permissionSets;
    this.credentials = credentials;
  }

  void register(RoutesConfig routes) {
    routes.post("/portal/credentials", site.signedIn(this::issue));
  }

  /** {@code GET /} when it is not a query-protocol call: home, or the sign-in page. */
  void home(Context ctx) throws Exception {
    site.signedIn(this::show).handle(ctx);
  }

  private void show(Context ctx, Visitor v) {
    render(ctx, v, null, ctx.queryParam("account"));
  }

  private void issue(Context ctx, Visitor v) {
    String accountId = ctx.formParam("account");
    String roleName = ctx.formParam("role");
    List<HomePage.Account> accounts = accounts(v);
    HomePage.Account account =
        accounts.stream()
            .filter(a -> a.id().equals(accountId))
            .filter(a -> a.roles().stream().anyMatch(r -> r.name().equals(roleName)))
            .findFirst()
            .orElse(null);
    if (account == null) {
      Site.refused(ctx, 404, "You have no role by that name in that account.");
      render(ctx, v, null, accountId);
      return;
    }
    Issuer.Issued issued;
    try {
      issued =
          credentials.issue(
              v.user().id(), accountId, roleName, v.session().mfaAuthenticated(), v.origin());
    } catch (PortalException.NotFound e) {
      Site.refused(ctx, 404, "You have no role by that name in that account.");
      render(ctx, v, null, accountId);
      return;
    }
    var view =
        CredentialsView.of(
            account.id(),
            account.name(),
            roleName,
            new Credentials(
                issued.accessKeyId(),
                issued.secretAccessKey(),
                issued.sessionToken(),
                issued.expiration()),
            site.clock().instant());
    render(ctx, v, view, accountId);
  }

  private void render(Context ctx, Visitor v, CredentialsView dialog, String open) {
    site.render(
        ctx,
        "home",
        site.frame(ctx, v, "AWS accounts", "accounts"),
        new HomePage(accounts(v), dialog, open));
  }

  private List<HomePage.Account> accounts(Visitor v) {
    return directory.access(v.user().id()).stream()
        .map(
            a ->
                new HomePage.Account(
                    a.account().id(),
                    a.account().name(),
                    a.account().email(),
                    a.roleNames().stream()
                        .map(
                            name ->
                                new HomePage.Role(
                                    name,
                                    permissionSets
                                        .findByName(name)
                                        .map(PermissionSet::description)
                                        .orElse(null)))
                        .toList()))
        .toList();
  }
}
