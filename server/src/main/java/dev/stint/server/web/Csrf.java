package dev.stint.server.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Anti-forgery tokens for every form, stateless: a token is an HMAC-SHA256 of a fixed label keyed
 * by the cookie the form's visitor holds (the portal session id once signed in, the pre-sign-in
 * cookie before), the same construction as {@link
 * dev.stint.server.portal.PortalSessions#csrfToken}. Another site cannot read that HttpOnly cookie,
 * so it cannot compute the token; any node checks it without a database read; and the token reveals
 * nothing about the cookie. Stateless and thread-safe.
 */
final class Csrf {
  /** The form field that carries the token. */
  static final String FIELD = "csrf";

  private static final String ALGORITHM = "HmacSHA256";
  private static final byte[] LABEL = "stint portal csrf v1".getBytes(StandardCharsets.UTF_8);

  private Csrf() {}

  /** The token of forms shown to the holder of the cookie value {@code binding}. */
  static String token(String binding) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(binding.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(LABEL));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Whether {@code presented} is the token of {@code binding}; compared in constant time. */
  static boolean valid(String binding, String presented) {
    if (binding == null || binding.isEmpty() || presented == null || presented.length() > 128) {
      return false;
    }
    return MessageDigest.isEqual(
        token(binding).getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.UTF_8));
  }
}
