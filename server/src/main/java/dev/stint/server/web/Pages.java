package dev.stint.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the portal's JTE templates, precompiled at build time into this package, and sends them
 * with the headers every portal response carries: a Content-Security-Policy that allows scripts and
 * styles from this origin only (no inline script), no framing, no referrer, no caching. JTE escapes
 * every {@code ${...}} for its HTML context, so user-controlled text renders as text. Thread-safe.
 */
final class Pages {
  static final String HTML = "text/html; charset=utf-8";

  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; form-action %s; frame-ancestors 'none'; base-uri 'none'";

  private final TemplateEngine engine =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, Pages.class.getClassLoader(), Pages.class.getPackageName());

  /** Renders {@code template} with a frame and a page model. */
  void render(Context ctx, int status, String template, Frame frame, Object page) {
    render(ctx, status, template, frame, page, null);
  }

  /**
   * As {@link #render(Context, int, String, Frame, Object)}, with one more origin that the page's
   * forms may lead to (after the OAuth consent, the client's loopback redirect).
   */
  void render(
      Context ctx, int status, String template, Frame frame, Object page, String formOrigin) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("frame", frame);
    if (page != null) {
      params.put("page", page);
    }
    var out = new StringOutput(8192);
    engine.render(template + ".jte", params, out);
    headers(ctx, formOrigin);
    ctx.status(status).contentType(HTML).result(out.toString());
  }

  /** The security headers of a portal response. */
  static void headers(Context ctx, String formOrigin) {
    String formAction = formOrigin == null ? "'self'" : "'self' " + formOrigin;
    ctx.header("Content-Security-Policy", CSP.formatted(formAction));
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
    if (Cookies.secure(ctx)) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
  }
}
