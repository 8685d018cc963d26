package dev.stint.server.web;

import dev.stint.server.portal.DeviceAuthorizations;
import dev.stint.server.portal.PkceAuthorizations;
import dev.stint.server.portal.PkceAuthorizations.AuthorizeRequest;
import dev.stint.server.portal.PortalException;
import dev.stint.server.store.DeviceAuthorization;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The pages behind the Identity Center OIDC flows. {@code /device}: the signed-in person types or
 * confirms the user code a device shows ({@code aws sso login}, {@code stint login --device-code})
 * and allows or denies it. {@code /authorize}: a program on this machine asks, by PKCE, for the
 * person's sign-in; once signed in they allow or deny it, and the browser goes back to the
 * program's loopback redirect URI with a code or an error. Both ask for a click, so no other site
 * can sign a person in to a program silently. Thread-safe.
 */
final class OidcPages {
  private final Site site;
  private final DeviceAuthorizations devices;
  private final PkceAuthorizations pkce;

  OidcPages(Site site, DeviceAuthorizations devices, PkceAuthorizations pkce) {
    this.site = site;
    this.devices = devices;
    this.pkce = pkce;
  }

  /**
   * The device page.
   *
   * @param userCode the code typed or given in the link, normalized, or what was typed
   * @param pending the authorization to confirm, or {@code null} to ask for a code
   */
  record DevicePage(String userCode, DeviceAuthorizations.Pending pending) {}

  /** The consent page of {@code /authorize}. */
  record AuthorizePage(AuthorizeRequest request, String clientName) {
    String scopes() {
      return String.join(" ", request.scopes());
    }
  }

  void register(RoutesConfig routes) {
    routes.get("/device", site.signedIn(this::device));
    routes.post("/device", site.signedIn(this::decideDevice));
    routes.get("/authorize", site.open(this::authorize));
    routes.post("/authorize", site.signedIn(this::decideAuthorize));
  }

  private void device(Context ctx, Visitor v) {
    String typed = ctx.queryParam("user_code");
    if (typed == null || typed.isBlank()) {
      site.render(
          ctx, "device", site.frame(ctx, v, "Authorize a device", null), new DevicePage("", null));
      return;
    }
    Optional<DeviceAuthorizations.Pending> pending = devices.find(typed);
    if (pending.isEmpty()) {
      Site.refused(ctx, 404, "That code is not valid, or it has expired. Check it and try again.");
      site.render(
          ctx,
          "device",
          site.frame(ctx, v, "Authorize a device", null),
          new DevicePage(typed.strip(), null));
      return;
    }
    if (pending.get().status() != DeviceAuthorization.Status.PENDING) {
      site.message(
          ctx,
          v,
          409,
          "Code already used",
          "The request with code "
              + pending.get().userCode()
              + " was answered already. Start again on your device if you need to.");
      return;
    }
    site.render(
        ctx,
        "device",
        site.frame(ctx, v, "Authorize a device", null),
        new DevicePage(pending.get().userCode(), pending.get()));
  }

  private void decideDevice(Context ctx, Visitor v) {
    String code = Forms.text(ctx, "user_code");
    boolean allow = "allow".equals(Forms.text(ctx, "decision"));
    boolean done =
        allow
            ? devices.approve(code, v.session(), v.origin())
            : devices.deny(code, v.session(), v.origin());
    if (!done) {
      site.message(
          ctx,
          v,
          409,
          "Request not pending",
          "That request has expired or was answered already. Start again on your device.");
      return;
    }
    site.message(
        ctx,
        v,
        200,
        allow ? "Request approved" : "Request denied",
        allow
            ? "The device now has access as you. You can close this window and go back to it."
            : "The device was refused access.");
  }

  private void authorize(Context ctx, Visitor v) {
    AuthorizeRequest request = AuthorizeRequest.fromQuery(ctx::queryParam);
    PkceAuthorizations.Checked checked;
    try {
      checked = pkce.check(request);
    } catch (PkceAuthorizations.Unredirectable e) {
      site.message(ctx, v, 400, "Invalid sign-in request", e.getMessage());
      return;
    }
    if (checked.error() != null) {
      Pages.headers(ctx, null);
      ctx.status(302).header("Location", checked.errorRedirect()).result("");
      return;
    }
    if (!v.signedIn()) {
      Site.redirect(ctx, "/portal/signin?next=" + Site.encode(Site.here(ctx)));
      return;
    }
    site.render(
        ctx,
        200,
        "authorize",
        site.frame(ctx, v, "Allow access", null),
        new AuthorizePage(request, checked.clientName()),
        origin(request.redirectUri()));
  }

  private void decideAuthorize(Context ctx, Visitor v) {
    AuthorizeRequest request = AuthorizeRequest.fromQuery(ctx::formParam);
    String location;
    try {
      location =
          "allow".equals(Forms.text(ctx, "decision"))
              ? pkce.approve(request, v.session(), v.origin())
              : pkce.deny(request);
    } catch (PkceAuthorizations.Unredirectable e) {
      site.message(ctx, v, 400, "Invalid sign-in request", e.getMessage());
      return;
    } catch (PortalException.Invalid e) {
      location = pkce.check(request).errorRedirect();
    }
    Pages.headers(ctx, null);
    ctx.status(303).header("Location", location).result("");
  }

  /**
   * {@code scheme://host:port} of a registered redirect URI, for the consent page's {@code
   * form-action}: the browser follows the answer to the form there.
   */
  static String origin(String redirectUri) {
    try {
      URI uri = new URI(redirectUri);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        return null;
      }
      String host =
          uri.getHost().contains(":") && !uri.getHost().startsWith("[")
              ? "[" + uri.getHost() + "]"
              : uri.getHost();
      return scheme + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
