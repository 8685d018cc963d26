package dev.stint.core.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256 as SigV4 uses them, from the JDK's providers. Thread-safe: the digest
 * prototype is never updated, only cloned, which saves the provider look-up on every request.
 */
final class Crypto {

  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static final String HMAC_SHA256 = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();
  private static final MessageDigest SHA256_PROTOTYPE = newSha256();

  private Crypto() {}

  private static MessageDigest newSha256() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.clone();
      return digest;
    } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
      throw new IllegalStateException("this JDK has no cloneable SHA-256", e);
    }
  }

  static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA256_PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] sha256(byte[] data) {
    return sha256().digest(data);
  }

  static String sha256Hex(byte[] data) {
    return HEX.formatHex(sha256(data));
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /**
   * An HMAC-SHA256 keyed with the SigV4 signing key for this secret and scope: kSecret = "AWS4" +
   * secret; kDate = HMAC(kSecret, date); kRegion; kService; kSigning = HMAC(kService,
   * "aws4_request").
   */
  static Mac signingMac(byte[] secret, String date, String region, String service) {
    byte[] kSecret = new byte[4 + secret.length];
    kSecret[0] = 'A';
    kSecret[1] = 'W';
    kSecret[2] = 'S';
    kSecret[3] = '4';
    System.arraycopy(secret, 0, kSecret, 4, secret.length);
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      byte[] key = kSecret;
      for (String part : new String[] {date, region, service, Canonical.TERMINATOR}) {
        mac.init(new SecretKeySpec(key, HMAC_SHA256));
        byte[] next = mac.doFinal(part.getBytes(StandardCharsets.UTF_8));
        java.util.Arrays.fill(key, (byte) 0);
        key = next;
      }
      mac.init(new SecretKeySpec(key, HMAC_SHA256));
      java.util.Arrays.fill(key, (byte) 0);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no HmacSHA256", e);
    }
  }

  /** A fresh copy of a keyed prototype, so the prototype itself is never updated. */
  static Mac copy(Mac prototype) {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("HmacSHA256 is not cloneable in this JDK", e);
    }
  }
}
