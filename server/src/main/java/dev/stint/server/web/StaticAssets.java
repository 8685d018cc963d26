package dev.stint.server.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The portal's stylesheet and script, read from the class path once and served from {@code
 * /static/} with an ETag. Only the named files exist there. Immutable and thread-safe.
 */
final class StaticAssets {
  private record Asset(byte[] bytes, String type, String etag) {}

  private final Map<String, Asset> assets =
      Map.of(
          "portal.css", load("portal.css", "text/css; charset=utf-8"),
          "portal.js", load("portal.js", "text/javascript; charset=utf-8"),
          "favicon.svg", load("favicon.svg", "image/svg+xml"));

  void register(RoutesConfig routes) {
    routes.get("/static/{file}", this::serve);
  }

  private void serve(Context ctx) {
    Asset asset = assets.get(ctx.pathParam("file"));
    Pages.headers(ctx, null);
    if (asset == null) {
      ctx.status(404).contentType("text/plain").result("Not found\n");
      return;
    }
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", asset.etag());
    if (asset.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.status(200).contentType(asset.type()).result(asset.bytes());
  }

  private static Asset load(String name, String type) {
    try (InputStream in = StaticAssets.class.getResourceAsStream("static/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing portal asset " + name);
      }
      byte[] bytes = in.readAllBytes();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return new Asset(bytes, type, "\"" + HexFormat.of().formatHex(digest, 0, 8) + "\"");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read portal asset " + name, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
