package dev.stint.server.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer secrets (session ids, tokens, codes, client secrets): 256 random bits in unpadded
 * base64url with a short prefix that says what the secret is, and the SHA-256 hex digest under
 * which the store keeps it. A digest suffices (no salt, no stretching) because every secret carries
 * 256 bits of entropy. Thread-safe.
 */
final class Secrets {
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final int BYTES = 32;

  private final SecureRandom random;

  Secrets(SecureRandom random) {
    this.random = random;
  }

  /** A new secret: {@code prefix} and 43 characters of base64url. */
  String next(String prefix) {
    return prefix + urlSafe(BYTES);
  }

  /** {@code bytes} random bytes in unpadded base64url. */
  String urlSafe(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return URL.encodeToString(b);
  }

  /** A new id of {@code bytes} random bytes in lower-case hex. */
  String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** {@code count} characters drawn uniformly from {@code alphabet}. */
  String draw(String alphabet, int count) {
    var out = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  /** The SHA-256 of a secret's UTF-8 bytes, lower-case hex: the only form the store holds. */
  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Constant-time comparison of two texts. */
  static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
