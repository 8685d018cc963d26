package dev.stint.server.sts;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Access key ids that carry their account, as AWS's do: after the four-letter prefix, 16 base32
 * characters hold 80 bits, the account id in the upper 40 and random bits in the lower 40. So
 * GetAccessKeyInfo answers for any key, temporary ones included, without storing them. The secret
 * and the session token, not the id, are what authenticate. Thread-safe.
 */
public final class AccessKeyIds {
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private final SecureRandom random;

  public AccessKeyIds(SecureRandom random) {
    this.random = random;
  }

  /** {@code ASIA...} for temporary credentials of {@code accountId}. */
  public String temporary(String accountId) {
    return "ASIA" + body(accountId);
  }

  /** {@code AKIA...} for a user's long-term access key in {@code accountId}. */
  public String longTerm(String accountId) {
    return "AKIA" + body(accountId);
  }

  /** The account an access key id of this shape was issued in. */
  public static Optional<String> accountOf(String accessKeyId) {
    if (accessKeyId == null || accessKeyId.length() != 20) {
      return Optional.empty();
    }
    long high = 0;
    for (int i = 4; i < 12; i++) {
      int v = value(accessKeyId.charAt(i));
      if (v < 0) {
        return Optional.empty();
      }
      high = high << 5 | v;
    }
    if (high < 100_000_000_000L || high > 999_999_999_999L) {
      return Optional.empty();
    }
    return Optional.of(Long.toString(high));
  }

  private String body(String accountId) {
    long account = Long.parseLong(accountId);
    // Five bytes, one call: nextLong would make two calls for eight.
    var bytes = new byte[5];
    random.nextBytes(bytes);
    long low = 0;
    for (byte b : bytes) {
      low = low << 8 | (b & 0xff);
    }
    var out = new char[16];
    for (int i = 7; i >= 0; i--) {
      out[i] = BASE32[(int) (account & 31)];
      account >>>= 5;
    }
    for (int i = 15; i >= 8; i--) {
      out[i] = BASE32[(int) (low & 31)];
      low >>>= 5;
    }
    return new String(out);
  }

  private static int value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= '2' && c <= '7') {
      return c - '2' + 26;
    }
    return -1;
  }
}
