package dev.stint.server.web;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The portal's two cookies, both HttpOnly, SameSite=Lax, path {@code /}, and Secure when the
 * request came over TLS (a TLS connector, or {@code X-Forwarded-Proto: https} from a proxy in
 * front): {@value #SESSION}, the portal session id; {@value #PENDING}, the id of a sign-in waiting
 * for its MFA step; and {@value #PRE}, a random id given before sign-in so that the sign-in form,
 * too, carries an anti-forgery token bound to something another site cannot read. Stateless;
 * thread-safe.
 */
final class Cookies {
  static final String SESSION = "stint_session";
  static final String PRE = "stint_pre";
  static final String PENDING = "stint_signin";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Cookies() {}

  /** Whether the browser reached us over TLS, directly or through a proxy that says so. */
  static boolean secure(Context ctx) {
    if ("https".equalsIgnoreCase(ctx.scheme())) {
      return true;
    }
    String forwarded = ctx.header("X-Forwarded-Proto");
    if (forwarded == null) {
      return false;
    }
    int comma = forwarded.indexOf(',');
    String first = (comma < 0 ? forwarded : forwarded.substring(0, comma)).strip();
    return first.toLowerCase(Locale.ROOT).equals("https");
  }

  /** A cookie value: 32 random bytes, base64url. */
  static String newValue(RandomGenerator random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return B64.encodeToString(bytes);
  }

  /** Whether a presented cookie value has the shape {@link #newValue} gives. */
  static boolean wellFormed(String value) {
    return value != null && value.length() == 43 && value.chars().allMatch(Cookies::base64url);
  }

  private static boolean base64url(int c) {
    return c >= 'A' && c <= 'Z'
        || c >= 'a' && c <= 'z'
        || c >= '0' && c <= '9'
        || c == '-'
        || c == '_';
  }

  /** Sets a cookie that lives {@code maxAge}. */
  static void set(Context ctx, String name, String value, Duration maxAge) {
    ctx.res().addHeader("Set-Cookie", header(name, value, maxAge.toSeconds(), secure(ctx)));
  }

  /** Tells the browser to drop a cookie. */
  static void clear(Context ctx, String name) {
    ctx.res().addHeader("Set-Cookie", header(name, "", 0, secure(ctx)));
  }

  static String header(String name, String value, long maxAgeSeconds, boolean secure) {
    return name
        + "="
        + value
        + "; Path=/; Max-Age="
        + Math.max(0, maxAgeSeconds)
        + "; HttpOnly; SameSite=Lax"
        + (secure ? "; Secure" : "");
  }
}
