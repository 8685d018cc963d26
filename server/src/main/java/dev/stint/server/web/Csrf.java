package dev.stint.server.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Anti-forgery tokens for every form, stateless: a token is the HMAC-SHA256 of the cookie it is
 * bound to (the portal session cookie once signed in, the pre-sign-in cookie before), so another
 * site, which cannot read that HttpOnly cookie, cannot compute it, and any node that shares the
 * master key checks it without a database read. Thread-safe.
 */
final class Csrf {
  /** The form field that carries the token. */
  static final String FIELD = "csrf";

  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;

  /**
   * @param key at least 32 bytes; the composition root derives it from the master key
   */
  Csrf(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length < 32) {
      throw new IllegalArgumentException("CSRF key must be at least 32 bytes, not " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /** The token of forms shown to the holder of the cookie {@code binding}. */
  String token(String binding) {
    Objects.requireNonNull(binding, "binding");
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return B64.encodeToString(
          mac.doFinal(("stint-csrf-v1\0" + binding).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Whether {@code presented} is the token of {@code binding}; compared in constant time. */
  boolean valid(String binding, String presented) {
    if (binding == null || presented == null || presented.isEmpty() || presented.length() > 128) {
      return false;
    }
    return MessageDigest.isEqual(
        token(binding).getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Csrf[HmacSHA256]";
  }
}
