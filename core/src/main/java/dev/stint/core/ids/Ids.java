package dev.stint.core.ids;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Makes the random identifiers stint hands out, in the shapes AWS uses for them: access key ids,
 * secret keys, role and user ids, account ids, and stint's own session ids. {@link IdShapes} checks
 * the same shapes.
 *
 * <p>Every character is drawn independently and uniformly from its alphabet, so an id carries
 * {@code length * log2(alphabet)} bits: 80 for an access key id's tail, 240 for a secret key. An
 * alphabet of 2^k symbols takes k random bits a character (a secret key's 40 characters take 30
 * bytes); any other takes a byte a character and drops bytes at or above the largest multiple of
 * its size, so that none is favoured. An id costs one call to the {@link SecureRandom}, and a new
 * session's secret and session id one call together ({@link #sessionSecrets}): the platform's
 * generator takes a lock on every call and costs some 9 ns a byte, which an issuance felt under
 * load. Thread-safe: the only state is the {@link SecureRandom}, which is.
 */
public final class Ids {

  static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  static final String SECRET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+";
  static final int SESSION_ID_BYTES = 16;
  private static final int SECRET_LENGTH = 40;

  private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  /**
   * A new session's secret access key and session id, drawn together. {@link #toString} leaves the
   * secret out.
   */
  public record SessionSecrets(String secretAccessKey, String sessionId) {
    public SessionSecrets {
      if (!IdShapes.isSecretAccessKey(secretAccessKey) || !IdShapes.isSessionId(sessionId)) {
        throw new IllegalArgumentException("not a secret access key and a session id");
      }
    }

    @Override
    public String toString() {
      return "SessionSecrets[sessionId=" + sessionId + "]";
    }
  }

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
    return draw("", SECRET, SECRET_LENGTH);
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

  /**
   * A {@link #secretAccessKey} and a {@link #sessionId} for a new session, from one call to the
   * {@link SecureRandom}.
   */
  public SessionSecrets sessionSecrets() {
    int secretBytes = bitsBytes(SECRET, SECRET_LENGTH);
    byte[] bytes = new byte[secretBytes + SESSION_ID_BYTES];
    random.nextBytes(bytes);
    var secret = new StringBuilder(SECRET_LENGTH);
    appendBits(secret, SECRET, SECRET_LENGTH, bytes);
    byte[] session = Arrays.copyOfRange(bytes, secretBytes, bytes.length);
    return new SessionSecrets(secret.toString(), URL_SAFE.encodeToString(session));
  }

  /** Twelve digits, the first not 0, so the id never loses a digit when read as a number. */
  public String accountId() {
    return draw(String.valueOf((char) ('1' + random.nextInt(9))), "0123456789", 11);
  }

  private String draw(String prefix, String alphabet, int length) {
    var out = new StringBuilder(prefix.length() + length).append(prefix);
    int size = alphabet.length();
    if (Integer.bitCount(size) == 1) {
      byte[] bytes = new byte[bitsBytes(alphabet, length)];
      random.nextBytes(bytes);
      appendBits(out, alphabet, length, bytes);
      return out.toString();
    }
    int limit = 256 - 256 % size;
    // Enough bytes for the alphabets here (36 symbols drop 1.6% of bytes, 10 symbols 2.3%) in one
    // draw, most of the time; more are drawn when rejections run long.
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

  /** How many bytes {@code length} symbols of an alphabet of 2^k symbols take, k bits each. */
  private static int bitsBytes(String alphabet, int length) {
    int bits = Integer.numberOfTrailingZeros(alphabet.length());
    return (length * bits + 7) / 8;
  }

  /**
   * Appends {@code length} symbols of an alphabet of 2^k symbols, each named by the next k bits of
   * {@code bytes}, most significant bit first.
   */
  private static void appendBits(StringBuilder out, String alphabet, int length, byte[] bytes) {
    int k = Integer.numberOfTrailingZeros(alphabet.length());
    int mask = alphabet.length() - 1;
    int buffer = 0;
    int buffered = 0;
    int next = 0;
    for (int i = 0; i < length; i++) {
      if (buffered < k) {
        buffer = buffer << 8 | (bytes[next++] & 0xff);
        buffered += 8;
      }
      buffered -= k;
      out.append(alphabet.charAt(buffer >>> buffered & mask));
    }
  }
}
