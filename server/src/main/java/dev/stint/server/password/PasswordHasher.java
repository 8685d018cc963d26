package dev.stint.server.password;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Portal passwords hashed with Argon2id and stored as PHC strings ({@code
 * $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH}, OWASP's recommended minimum). Verification reads the
 * parameters from the stored string, so they can be raised later without breaking old hashes.
 * Thread-safe.
 */
public final class PasswordHasher {
  /** Longer passwords are refused before hashing: hashing cost must not be the caller's choice. */
  public static final int MAX_PASSWORD_CHARS = 256;

  private static final int MEMORY_KIB = 19_456;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{16,88})\\$([A-Za-z0-9+/]{16,88})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final SecureRandom random;

  public PasswordHasher(SecureRandom random) {
    this.random = random;
  }

  /** Hashes a password with a fresh salt. */
  public String hash(char[] password) {
    checkLength(password);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + ITERATIONS
        + ",p="
        + PARALLELISM
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  /** Whether the password matches the stored hash; false for a malformed hash. Constant-time. */
  public boolean verify(char[] password, String stored) {
    if (password.length > MAX_PASSWORD_CHARS || stored == null) {
      return false;
    }
    var m = PHC.matcher(stored);
    if (!m.matches()) {
      return false;
    }
    int memory = Integer.parseInt(m.group(1));
    int iterations = Integer.parseInt(m.group(2));
    int parallelism = Integer.parseInt(m.group(3));
    if (memory > 1 << 20 || iterations < 1 || parallelism < 1) {
      return false;
    }
    byte[] salt = B64D.decode(m.group(4));
    byte[] expected = B64D.decode(m.group(5));
    byte[] actual = derive(password, salt, memory, iterations, parallelism, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static void checkLength(char[] password) {
    if (password.length == 0 || password.length > MAX_PASSWORD_CHARS) {
      throw new IllegalArgumentException(
          "a password must have 1 to " + MAX_PASSWORD_CHARS + " characters");
    }
  }

  private static byte[] derive(
      char[] password, byte[] salt, int memory, int iterations, int parallelism, int length) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    Arrays.fill(encoded.array(), (byte) 0);
    try {
      var generator = new Argon2BytesGenerator();
      generator.init(
          new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
              .withVersion(Argon2Parameters.ARGON2_VERSION_13)
              .withMemoryAsKB(memory)
              .withIterations(iterations)
              .withParallelism(parallelism)
              .withSalt(salt)
              .build());
      byte[] out = new byte[length];
      generator.generateBytes(bytes, out);
      return out;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
