package dev.stint.server.mfa;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), as virtual MFA
 * apps compute them, and the base32 seed encoding (RFC 4648) they read. Stateless and thread-safe.
 */
public final class Totp {
  static final int STEP_SECONDS = 30;
  static final int DIGITS = 6;
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private Totp() {}

  /** The time step that contains {@code time}. */
  public static long step(Instant time) {
    return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
  }

  /** The six-digit code for a step. */
  public static String code(byte[] seed, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(seed, "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = h[h.length - 1] & 0x0f;
      int binary =
          (h[offset] & 0x7f) << 24
              | (h[offset + 1] & 0xff) << 16
              | (h[offset + 2] & 0xff) << 8
              | (h[offset + 3] & 0xff);
      return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /**
   * The step, among {@code step - window .. step + window}, whose code equals {@code code}
   * (compared in constant time), or -1.
   */
  public static long match(byte[] seed, String code, long step, int window) {
    if (code == null || code.length() != DIGITS) {
      return -1;
    }
    long found = -1;
    for (long s = step - window; s <= step + window; s++) {
      if (MessageDigest.isEqual(code(seed, s).getBytes(), code.getBytes()) && found < 0) {
        found = s;
      }
    }
    return found;
  }

  /** RFC 4648 base32 without padding, as {@code Base32StringSeed} and otpauth URIs carry it. */
  public static String base32(byte[] bytes) {
    var out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = buffer << 8 | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }
}
