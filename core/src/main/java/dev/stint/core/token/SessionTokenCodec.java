package dev.stint.core.token;

import static dev.stint.core.token.TokenException.invalid;

import dev.stint.core.ids.IdShapes;
import dev.stint.core.token.TokenException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals {@link SessionClaims} into a stateless session token and opens them again, so any node
 * holding the {@link TokenKeyRing} verifies any token without a database read (DESIGN.md §4).
 * Thread-safe: each call takes a {@link Cipher} of its own from a pool.
 *
 * <p>A token is standard base64 (padded, as AWS's tokens are) of:
 *
 * <pre>
 * token = u8 version(1)  u8 key-id-length  key-id  nonce(12)  ciphertext  tag(16)
 * </pre>
 *
 * The ciphertext is AES-256-GCM under the named key of the claims in {@link ClaimsFormat}, with a
 * fresh random nonce; the associated data is {@code version ‖ key-id-length ‖ key-id ‖
 * access-key-id}, so a token opens only with the access key id it was issued with. Random 96-bit
 * nonces stay safe for some 2^32 tokens per key, which key rotation keeps far away.
 *
 * <p>The secret access key travels inside the ciphertext; no store ever holds it.
 */
public final class SessionTokenCodec {

  /** The format version this codec writes and reads. */
  public static final int VERSION = 1;

  /**
   * Tokens longer than this many characters are refused before decoding. Every claims object within
   * {@link #PACKED_BUDGET_BYTES} encodes to fewer (at most 7,956 with the longest ARNs, names, key
   * id and a full budget).
   */
  public static final int MAX_TOKEN_LENGTH = 8192;

  /**
   * The budget {@link #packedPolicySize} measures against: the session policy, policy ARNs, tags
   * and transitive tag keys may take this many bytes in the token, counting each string's UTF-8
   * bytes and two for its length. A 2,048-character ASCII session policy alone takes 51%.
   */
  public static final int PACKED_BUDGET_BYTES = 4096;

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BYTES = 16;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  /**
   * The provider of AES-GCM, found once: asking by name alone walks the installed providers on
   * every call, a measurable share of an issuance.
   */
  private static final Provider PROVIDER = provider();

  // Smallest well-formed token: version, id length, a 1-character id, nonce, 1 byte of claims, tag.
  private static final int MIN_RAW = 2 + 1 + NONCE_BYTES + 1 + TAG_BYTES;
  private static final Base64.Encoder BASE64 = Base64.getEncoder();
  private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

  private final TokenKeyRing ring;
  private final SecureRandom random;
  // Reused: a new cipher per token cost more than sealing it. One pool per codec, since the JDK
  // refuses to seal twice with one cipher under the same key and nonce, which codecs with the same
  // deterministic random (tests) would otherwise do.
  private final CipherPool ciphers = new CipherPool(TRANSFORMATION, PROVIDER);

  public SessionTokenCodec(TokenKeyRing ring, SecureRandom random) {
    this.ring = Objects.requireNonNull(ring, "ring");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * The session token for {@code claims}, sealed under the ring's current key and bound to {@code
   * accessKeyId}. Two calls with the same arguments give different tokens.
   *
   * @throws IllegalArgumentException if {@code accessKeyId} is not a temporary access key id, or
   *     the claims exceed the packed budget ({@link #packedPolicySize} above 100): callers reject
   *     such requests first, with {@code PackedPolicyTooLarge}
   * @throws IllegalStateException if the current key retires before the claims expire
   */
  public String encode(String accessKeyId, SessionClaims claims) {
    Objects.requireNonNull(claims, "claims");
    if (!IdShapes.isTemporaryAccessKeyId(accessKeyId)) {
      throw new IllegalArgumentException(
          "'" + accessKeyId + "' is not a temporary access key id (ASIA and 16 of [A-Z2-7])");
    }
    int packed = packedPolicySize(claims);
    if (packed > 100) {
      throw new IllegalArgumentException(
          "session policy, policy ARNs and tags pack to " + packed + "% of the budget");
    }
    TokenKey key = ring.current();
    if (key.retireAfter() != null && claims.expiresAt().isAfter(key.retireAfter())) {
      throw new IllegalStateException(
          "token key "
              + key.id()
              + " retires at "
              + key.retireAfter()
              + ", before the claims expire at "
              + claims.expiresAt());
    }

    byte[] plaintext = ClaimsFormat.write(claims);
    byte[] header = header(key.id());
    byte[] raw = new byte[header.length + NONCE_BYTES + plaintext.length + TAG_BYTES];
    System.arraycopy(header, 0, raw, 0, header.length);
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    System.arraycopy(nonce, 0, raw, header.length, NONCE_BYTES);
    try {
      Cipher cipher = ciphers.take();
      cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BYTES * 8, nonce));
      cipher.updateAAD(header);
      cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.US_ASCII));
      cipher.doFinal(plaintext, 0, plaintext.length, raw, header.length + NONCE_BYTES);
      ciphers.give(cipher);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available to seal a session token", e);
    }
    String token = BASE64.encodeToString(raw);
    if (token.length() > MAX_TOKEN_LENGTH) {
      // Unreachable while the claims limits and the budget hold; a guard, not a code path.
      throw new IllegalStateException(
          "a session token of " + token.length() + " characters exceeds " + MAX_TOKEN_LENGTH);
    }
    return token;
  }

  /**
   * Opens {@code token}, which must have been issued with {@code accessKeyId}, and checks it has
   * not expired at {@code now} (a token is expired from its {@code expiresAt} on). Nothing is
   * decrypted before the size, encoding, version and key are known good, and {@link
   * TokenException.Expired} is only raised for an authentic token.
   *
   * @param now the verifier's time, from its {@link java.time.Clock}
   */
  public SessionClaims decode(String accessKeyId, String token, Instant now) throws TokenException {
    Objects.requireNonNull(now, "now");
    if (token == null || token.isEmpty()) {
      throw invalid(Reason.MALFORMED);
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw invalid(Reason.TOO_LARGE);
    }
    if (!IdShapes.isTemporaryAccessKeyId(accessKeyId)) {
      throw invalid(Reason.ACCESS_KEY_ID);
    }
    byte[] raw;
    try {
      raw = BASE64_DECODER.decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid(Reason.MALFORMED, e);
    }
    // One token, one spelling: refuse unpadded forms and stray low bits in the last character.
    if (raw.length < MIN_RAW || !BASE64.encodeToString(raw).equals(token)) {
      throw invalid(Reason.MALFORMED);
    }
    if (raw[0] != VERSION) {
      throw invalid(Reason.UNSUPPORTED_VERSION);
    }
    int idLength = raw[1] & 0xff;
    int headerLength = 2 + idLength;
    if (idLength < 1
        || idLength > TokenKey.MAX_ID_LENGTH
        || raw.length < headerLength + NONCE_BYTES + 1 + TAG_BYTES) {
      throw invalid(Reason.MALFORMED);
    }
    String keyId = new String(raw, 2, idLength, StandardCharsets.ISO_8859_1);
    TokenKey key = ring.find(keyId).orElse(null);
    if (key == null || key.isRetiredAt(now)) {
      throw invalid(Reason.UNKNOWN_KEY);
    }

    byte[] plaintext;
    try {
      Cipher cipher = ciphers.take();
      cipher.init(
          Cipher.DECRYPT_MODE,
          key.secretKey(),
          new GCMParameterSpec(TAG_BYTES * 8, raw, headerLength, NONCE_BYTES));
      cipher.updateAAD(raw, 0, headerLength);
      cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.US_ASCII));
      int offset = headerLength + NONCE_BYTES;
      plaintext = cipher.doFinal(raw, offset, raw.length - offset);
      ciphers.give(cipher);
    } catch (AEADBadTagException e) {
      throw invalid(Reason.NOT_AUTHENTIC, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available to open a session token", e);
    }

    SessionClaims claims;
    try {
      claims = ClaimsFormat.read(ByteBuffer.wrap(plaintext));
    } catch (IllegalArgumentException | NullPointerException e) {
      // Authentic bytes that do not read back: the claims validation said why, for the log.
      throw invalid(Reason.BAD_CLAIMS, e);
    }
    if (!now.isBefore(claims.expiresAt())) {
      throw new TokenException.Expired(claims.expiresAt());
    }
    return claims;
  }

  /**
   * How much of {@link #PACKED_BUDGET_BYTES} the claims' session policy, policy ARNs, tags and
   * transitive tag keys take, in percent rounded up: 0 for none, 100 for exactly the budget, above
   * 100 when {@link #encode} would refuse them. STS returns it as {@code PackedPolicySize} and
   * rejects above 100 with {@code PackedPolicyTooLarge}, as AWS does with its own (compressed)
   * measure.
   */
  public static int packedPolicySize(SessionClaims claims) {
    long bytes = ClaimsFormat.packedBytes(claims);
    return (int) ((bytes * 100 + PACKED_BUDGET_BYTES - 1) / PACKED_BUDGET_BYTES);
  }

  private static byte[] header(String keyId) {
    byte[] header = new byte[2 + keyId.length()];
    header[0] = VERSION;
    header[1] = (byte) keyId.length();
    // Key ids are ASCII by TokenKey's pattern.
    System.arraycopy(keyId.getBytes(StandardCharsets.US_ASCII), 0, header, 2, keyId.length());
    return header;
  }

  private static Provider provider() {
    try {
      return Cipher.getInstance(TRANSFORMATION).getProvider();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available for session tokens", e);
    }
  }
}
