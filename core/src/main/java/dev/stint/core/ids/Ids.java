package dev.stint.core.ids;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Makes the random identifiers stint hands out, in the shapes AWS uses for them: access key ids,
 * secret keys, role and user ids, account ids, and stint's own session ids. {@link IdShapes} checks
 * the same shapes.
 *
 * <p>Every character is drawn independently and uniformly from its alphabet (random bytes at or
 * above the largest multiple of the alphabet's size are dropped, so none is favoured), so an id
 * carries {@code length * log2(alphabet)} bits: 80 for an access key id's tail, 240 for a secret
 * key. An id costs one call to the {@link SecureRandom}, not one per character: the platform's
 * generator takes a lock on every call, which an issuance drawing three ids felt under load.
 * Thread-safe: the only state is the {@link SecureRandom}, which is.
 */
public final class Ids {

  static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  static final String SECRET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+";
  static final int SESSION_ID_BYTES = 16;

  private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  public Ids(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** {@code ASIA} and 16 characters of {@code [A-Z2-7]}: the access key id of temporary keys. */
  public String temporaryAccessKeyId() {
    return draw("ASIA", BASE32, 16);
  }

  /** {@code AKIA} and 16 characters of {@code [A-Z2-7]}: the access key id of a user's key. */
  public String longTermAccessKeyId() {
    return draw("AKIA", BASE32, 16);
  }

  /** 40 characters of {@code [A-Za-z0-9/+]}, 240 bits. */
  public String secretAccessKey() {
    return draw("", SECRET, 40);
  }

  /** {@code AROA} and 17 characters of {@code [A-Z0-9]}: a role's unique id. */
  public String roleId() {
    return draw("AROA", UPPER_ALNUM, 17);
  }

  /** {@code AIDA} and 17 characters of {@code [A-Z0-9]}: a user's unique id. */
  public String userId() {
    return draw("AIDA", UPPER_ALNUM, 17);
  }

  /**
   * 128 random bits as 22 characters of unpadded base64url: names one session for revocation and
   * audit, safe in URLs, file names and log lines.
   */
  public String sessionId() {
    byte[] bytes = new byte[SESSION_ID_BYTES];
    random.nextBytes(bytes);
    return URL_SAFE.encodeToString(bytes);
  }

  /** Twelve digits, the first not 0, so the id never loses a digit when read as a number. */
  public String accountId() {
    return draw(String.valueOf((char) ('1' + random.nextInt(9))), "0123456789", 11);
  }

  private String draw(String prefix, String alphabet, int length) {
    int size = alphabet.length();
    int limit = 256 - 256 % size;
    var out = new StringBuilder(prefix.length() + length).append(prefix);
    // Enough bytes for the worst alphabet here (36 symbols drop 12% of bytes) in one draw, most
    // of the time; more are drawn when rejections run long.
    byte[] bytes = new byte[length + length / 2 + 4];
    int next = bytes.length;
    while (out.length() < prefix.length() + length) {
      if (next == bytes.length) {
        random.nextBytes(bytes);
        next = 0;
      }
      int b = bytes[next++] & 0xff;
      if (b < limit) {
        out.append(alphabet.charAt(b % size));
      }
    }
    return out.toString();
  }
}
