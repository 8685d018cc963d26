package dev.stint.core.token;

import static dev.stint.core.token.Fixtures.ACCESS_KEY_ID;
import static dev.stint.core.token.Fixtures.EXPIRES;
import static dev.stint.core.token.Fixtures.OTHER_ACCESS_KEY_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stint.core.token.SessionClaims.PrincipalType;
import dev.stint.core.token.SessionClaims.Tag;
import dev.stint.core.token.TokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SessionTokenCodecTest {

  private static final Instant VALID_AT = Instant.parse("2026-03-01T10:30:00Z");
  private static final String BASE64_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final TokenKeyRing ring = new TokenKeyRing(List.of(Fixtures.key("k1")));
  private final SessionTokenCodec codec = new SessionTokenCodec(ring, Fixtures.seeded(7));

  // Round trips.

  @Test
  void everyFieldSurvivesTheRoundTrip() throws TokenException {
    var claims = Fixtures.full();

    assertThat(codec.decode(ACCESS_KEY_ID, codec.encode(ACCESS_KEY_ID, claims), VALID_AT))
        .isEqualTo(claims)
        .usingRecursiveComparison()
        .isEqualTo(claims);
  }

  @Test
  void sessionsWithoutOptionalFieldsAndFederatedUsersRoundTrip() throws TokenException {
    var user = Fixtures.userSession();
    var federated =
        user.toBuilder()
            .principalType(PrincipalType.FEDERATED_USER)
            .principalArn("arn:aws:sts::123456789012:federated-user/bob")
            .sessionName("bob")
            .build();

    assertThat(codec.decode(ACCESS_KEY_ID, codec.encode(ACCESS_KEY_ID, user), VALID_AT))
        .isEqualTo(user);
    assertThat(codec.decode(ACCESS_KEY_ID, codec.encode(ACCESS_KEY_ID, federated), VALID_AT))
        .isEqualTo(federated);
  }

  @Test
  void textBeyondAsciiRoundTrips() throws TokenException {
    var claims =
        Fixtures.full().toBuilder()
            .tags(List.of(new Tag("Ünïcødé 東京", "𝔘𝔫𝔦"), new Tag("team", "")))
            .sessionPolicy("{\"Sid\":\"café ÿ\"}")
            .build();

    assertThat(codec.decode(ACCESS_KEY_ID, codec.encode(ACCESS_KEY_ID, claims), VALID_AT))
        .isEqualTo(claims);
  }

  @Test
  void twoEncodingsOfTheSameClaimsDifferAndBothOpen() throws TokenException {
    String first = codec.encode(ACCESS_KEY_ID, Fixtures.full());
    String second = codec.encode(ACCESS_KEY_ID, Fixtures.full());

    assertThat(first).isNotEqualTo(second);
    assertThat(Arrays.copyOfRange(raw(first), 4, 16))
        .isNotEqualTo(Arrays.copyOfRange(raw(second), 4, 16));
    assertThat(codec.decode(ACCESS_KEY_ID, second, VALID_AT)).isEqualTo(Fixtures.full());
  }

  // The documented format, checked by an AES-GCM call written here rather than the codec's.

  @Test
  void tokensSealAndOpenOnManyThreadsAtOnce() throws Exception {
    var claims = Fixtures.full();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      var results = new ArrayList<Future<SessionClaims>>();
      for (int i = 0; i < 200; i++) {
        results.add(
            threads.submit(
                () -> codec.decode(ACCESS_KEY_ID, codec.encode(ACCESS_KEY_ID, claims), VALID_AT)));
      }
      for (var result : results) {
        assertThat(result.get()).isEqualTo(claims);
      }
    }
  }

  @Test
  void aTokenThatFailsToOpenDoesNotSpoilTheNextOne() throws TokenException {
    String token = codec.encode(ACCESS_KEY_ID, Fixtures.full());
    for (int i = 0; i < 3 * CipherPool.SLOTS; i++) {
      assertThatThrownBy(() -> codec.decode(OTHER_ACCESS_KEY_ID, token, VALID_AT))
          .isInstanceOf(TokenException.Invalid.class);
      assertThat(codec.decode(ACCESS_KEY_ID, token, VALID_AT)).isEqualTo(Fixtures.full());
    }
  }

  @Test
  void aTokenIsPaddedBase64OfVersionKeyIdNonceAndSealedClaims() throws Exception {
    String token = codec.encode(ACCESS_KEY_ID, Fixtures.full());
    byte[] raw = raw(token);

    assertThat(token).matches("[A-Za-z0-9+/]+={0,2}").hasSizeGreaterThan(0);
    assertThat(token.length() % 4).isZero();
    assertThat(Arrays.copyOfRange(raw, 0, 4)).containsExactly(1, 2, 'k', '1');
    assertThat(openByHand(raw, ACCESS_KEY_ID)).isEqualTo(ClaimsFormat.write(Fixtures.full()));
  }

  @Test
  void aTokenSealedByHandToTheDocumentedFormatOpens() throws Exception {
    String token = sealByHand(1, "k1", ACCESS_KEY_ID, ClaimsFormat.write(Fixtures.full()));

    assertThat(codec.decode(ACCESS_KEY_ID, token, VALID_AT)).isEqualTo(Fixtures.full());
  }

  // Every way a token can be wrong is the one outward Invalid.

  @Test
  void flippingAnyBitOfAnyByteMakesTheTokenInvalid() {
    byte[] raw = raw(codec.encode(ACCESS_KEY_ID, Fixtures.full()));

    for (int position = 0; position < raw.length; position++) {
      for (int mask : new int[] {0x01, 0x80}) {
        byte[] altered = raw.clone();
        altered[position] ^= (byte) mask;
        Reason expected =
            switch (position) {
              case 0 -> Reason.UNSUPPORTED_VERSION;
              case 1 -> mask == 0x01 ? Reason.UNKNOWN_KEY : Reason.MALFORMED;
              case 2, 3 -> Reason.UNKNOWN_KEY;
              default -> Reason.NOT_AUTHENTIC;
            };
        assertThat(invalid(Base64.getEncoder().encodeToString(altered)).reason())
            .as("byte %d ^ 0x%02x", position, mask)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void changingAnyCharacterMakesTheTokenInvalid() {
    String token = codec.encode(ACCESS_KEY_ID, Fixtures.full());

    for (int position = 0; position < token.length(); position++) {
      char c = token.charAt(position);
      char replacement =
          c == '=' ? 'A' : BASE64_ALPHABET.charAt((BASE64_ALPHABET.indexOf(c) + 1) % 64);
      String altered = token.substring(0, position) + replacement + token.substring(position + 1);
      assertThat(invalid(altered)).as("character %d", position).isNotNull();
    }
  }

  @Test
  void aTokenCutAtAnyLengthIsInvalid() {
    String token = codec.encode(ACCESS_KEY_ID, Fixtures.full());
    byte[] raw = raw(token);

    for (int length = 0; length < raw.length; length++) {
      String cut = Base64.getEncoder().encodeToString(Arrays.copyOf(raw, length));
      assertThat(invalid(cut)).as("%d bytes", length).isNotNull();
    }
    for (int length = 0; length < token.length(); length++) {
      assertThat(invalid(token.substring(0, length))).as("%d characters", length).isNotNull();
    }
  }

  @Test
  void aTokenWithAnythingAddedIsInvalid() {
    String token = codec.encode(ACCESS_KEY_ID, Fixtures.full());
    byte[] longer = Arrays.copyOf(raw(token), raw(token).length + 1);

    assertThat(invalid(Base64.getEncoder().encodeToString(longer)).reason())
        .isEqualTo(Reason.NOT_AUTHENTIC);
    assertThat(invalid(token + "AAAA")).isNotNull();
    assertThat(invalid(token + "=").reason()).isEqualTo(Reason.MALFORMED);
    assertThat(invalid(token + "\n").reason()).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void aTokenMovedToAnotherAccessKeyIdIsInvalid() {
    String token = codec.encode(ACCESS_KEY_ID, Fixtures.full());

    var e =
        catchThrowableOfType(
            TokenException.Invalid.class, () -> codec.decode(OTHER_ACCESS_KEY_ID, token, VALID_AT));

    assertThat(e.reason()).isEqualTo(Reason.NOT_AUTHENTIC);
    assertThat(e).hasMessage("session token is invalid");
  }

  @Test
  void aLongTermOrMissingAccessKeyIdIsInvalid() {
    String token = codec.encode(ACCESS_KEY_ID, Fixtures.full());

    assertThat(invalid("AKIAIOSFODNN7EXAMPLE", token).reason()).isEqualTo(Reason.ACCESS_KEY_ID);
    assertThat(invalid(null, token).reason()).isEqualTo(Reason.ACCESS_KEY_ID);
  }

  @Test
  void aTokenUnderAKeyTheRingDoesNotHoldIsInvalid() {
    String token = codec.encode(ACCESS_KEY_ID, Fixtures.full());
    var otherRing = new TokenKeyRing(List.of(Fixtures.key("k2")));
    byte[] otherBytes = Fixtures.keyBytes();
    otherBytes[0] ^= 1;
    var sameIdOtherKey =
        new TokenKeyRing(List.of(new TokenKey("k1", otherBytes, Fixtures.KEY_CREATED, null)));

    assertThat(
            invalid(new SessionTokenCodec(otherRing, Fixtures.seeded(1)), ACCESS_KEY_ID, token)
                .reason())
        .isEqualTo(Reason.UNKNOWN_KEY);
    assertThat(
            invalid(new SessionTokenCodec(sameIdOtherKey, Fixtures.seeded(1)), ACCESS_KEY_ID, token)
                .reason())
        .isEqualTo(Reason.NOT_AUTHENTIC);
  }

  @Test
  void anotherFormatVersionIsInvalid() throws Exception {
    byte[] plaintext = ClaimsFormat.write(Fixtures.full());

    assertThat(invalid(sealByHand(2, "k1", ACCESS_KEY_ID, plaintext)).reason())
        .isEqualTo(Reason.UNSUPPORTED_VERSION);
    assertThat(invalid(sealByHand(0, "k1", ACCESS_KEY_ID, plaintext)).reason())
        .isEqualTo(Reason.UNSUPPORTED_VERSION);
  }

  @Test
  void authenticClaimsThatDoNotReadBackAreInvalid() throws Exception {
    byte[] plaintext = ClaimsFormat.write(Fixtures.full());
    byte[] trailing = Arrays.copyOf(plaintext, plaintext.length + 1);
    byte[] cut = Arrays.copyOf(plaintext, plaintext.length - 1);

    var e = invalid(sealByHand(1, "k1", ACCESS_KEY_ID, trailing));
    assertThat(e.reason()).isEqualTo(Reason.BAD_CLAIMS);
    assertThat(e.getCause()).hasMessage("1 bytes after the claims");
    assertThat(invalid(sealByHand(1, "k1", ACCESS_KEY_ID, cut)).reason())
        .isEqualTo(Reason.BAD_CLAIMS);
    assertThat(invalid(sealByHand(1, "k1", ACCESS_KEY_ID, new byte[] {9})).getCause())
        .hasMessage("unknown principal type code 9");
  }

  @Test
  void textThatIsNotCanonicalBase64IsInvalid() {
    // Of three session name lengths in a row, at least one gives a padded token.
    String token =
        java.util.stream.Stream.of("alice", "alicex", "alicexy")
            .map(
                name ->
                    codec.encode(
                        ACCESS_KEY_ID, Fixtures.full().toBuilder().sessionName(name).build()))
            .filter(t -> t.endsWith("="))
            .findFirst()
            .orElseThrow();

    assertThat(token).endsWith("=").containsAnyOf("+", "/");
    assertThat(invalid("not base64!").reason()).isEqualTo(Reason.MALFORMED);
    assertThat(invalid(token.replace("=", "")).reason()).isEqualTo(Reason.MALFORMED);
    assertThat(invalid(token.replace('+', '-').replace('/', '_')).reason())
        .isEqualTo(Reason.MALFORMED);
    assertThat(invalid(token.substring(0, 76) + "\r\n" + token.substring(76)).reason())
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void emptyAndMissingTokensAreInvalid() {
    assertThat(invalid("").reason()).isEqualTo(Reason.MALFORMED);
    assertThat(invalid((String) null).reason()).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void anOversizeTokenIsRefusedBeforeDecoding() {
    assertThat(invalid("A".repeat(8193)).reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(invalid("A".repeat(8192)).reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
    assertThat(invalid("!".repeat(8193)).reason()).isEqualTo(Reason.TOO_LARGE);
  }

  @Test
  void everyInvalidTokenSaysTheSameThing() {
    assertThat(invalid("")).hasMessage("session token is invalid");
    assertThat(invalid("A".repeat(9000))).hasMessage("session token is invalid");
    assertThat(invalid(codec.encode(ACCESS_KEY_ID, Fixtures.full()) + "AAAA"))
        .hasMessage("session token is invalid");
  }

  // Expiry, with the verifier's time passed in.

  @Test
  void aTokenIsValidUntilTheSecondBeforeItsExpiry() throws TokenException {
    String token = codec.encode(ACCESS_KEY_ID, Fixtures.full());

    assertThat(codec.decode(ACCESS_KEY_ID, token, EXPIRES.minusSeconds(1)))
        .isEqualTo(Fixtures.full());
    assertThat(codec.decode(ACCESS_KEY_ID, token, EXPIRES.minusNanos(1)))
        .isEqualTo(Fixtures.full());
  }

  @Test
  void aTokenIsExpiredFromItsExpiryOn() {
    String token = codec.encode(ACCESS_KEY_ID, Fixtures.full());

    for (Instant now :
        List.of(EXPIRES, EXPIRES.plusSeconds(1), EXPIRES.plus(Duration.ofDays(365)))) {
      var e =
          catchThrowableOfType(
              TokenException.Expired.class, () -> codec.decode(ACCESS_KEY_ID, token, now));
      assertThat(e.expiredAt()).isEqualTo("2026-03-01T11:00:00Z");
      assertThat(e).hasMessage("session token expired at 2026-03-01T11:00:00Z");
    }
  }

  @Test
  void anExpiredTokenThatIsAlsoAlteredIsInvalidNotExpired() {
    byte[] raw = raw(codec.encode(ACCESS_KEY_ID, Fixtures.full()));
    raw[raw.length - 1] ^= 1;

    assertThatThrownBy(
            () ->
                codec.decode(
                    ACCESS_KEY_ID,
                    Base64.getEncoder().encodeToString(raw),
                    EXPIRES.plusSeconds(60)))
        .isInstanceOf(TokenException.Invalid.class);
  }

  // Key rotation.

  @Test
  void afterRotationNewTokensUseTheNewKeyAndOldOnesOpenUntilTheOldKeyRetires()
      throws TokenException {
    String old = codec.encode(ACCESS_KEY_ID, Fixtures.full());
    TokenKey fresh = ring.rotate(Fixtures.ISSUED, Duration.ofHours(1), Fixtures.seeded(3));
    String current = codec.encode(ACCESS_KEY_ID, Fixtures.full());

    assertThat(keyIdOf(old)).isEqualTo("k1");
    assertThat(keyIdOf(current)).isEqualTo(fresh.id());
    assertThat(codec.decode(ACCESS_KEY_ID, old, EXPIRES.minusSeconds(1)))
        .isEqualTo(Fixtures.full());
    assertThat(codec.decode(ACCESS_KEY_ID, current, EXPIRES.minusSeconds(1)))
        .isEqualTo(Fixtures.full());
    assertThatThrownBy(() -> codec.decode(ACCESS_KEY_ID, old, EXPIRES))
        .isInstanceOf(TokenException.Expired.class);

    // Past the old key's retirement it opens nothing, pruned or not.
    assertThat(invalid(codec, ACCESS_KEY_ID, old, EXPIRES.plusSeconds(1)).reason())
        .isEqualTo(Reason.UNKNOWN_KEY);
    assertThat(ring.prune(EXPIRES.plusSeconds(1))).extracting(TokenKey::id).containsExactly("k1");
    assertThat(invalid(codec, ACCESS_KEY_ID, old, VALID_AT).reason()).isEqualTo(Reason.UNKNOWN_KEY);
    assertThat(codec.decode(ACCESS_KEY_ID, current, VALID_AT)).isEqualTo(Fixtures.full());
  }

  @Test
  void encodingRefusesClaimsThatOutliveTheCurrentKey() {
    ring.replace(List.of(Fixtures.key("k1").retiringAfter(EXPIRES.minusSeconds(1))));

    assertThatThrownBy(() -> codec.encode(ACCESS_KEY_ID, Fixtures.full()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "token key k1 retires at 2026-03-01T10:59:59Z, before the claims expire at"
                + " 2026-03-01T11:00:00Z");
  }

  @Test
  void encodingRefusesALongTermAccessKeyId() {
    assertThatThrownBy(() -> codec.encode("AKIAIOSFODNN7EXAMPLE", Fixtures.full()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'AKIAIOSFODNN7EXAMPLE' is not a temporary access key id (ASIA and 16 of [A-Z2-7])");
  }

  // Packed size.

  @Test
  void packedSizeIsThePercentageOfTheBudgetRoundedUp() {
    var none = Fixtures.userSession();
    var hundredCharPolicy = none.toBuilder().sessionPolicy("{" + " ".repeat(98) + "}").build();

    assertThat(SessionTokenCodec.packedPolicySize(none)).isZero();
    // 2 + 100 bytes of 4096: 2.49%.
    assertThat(SessionTokenCodec.packedPolicySize(hundredCharPolicy)).isEqualTo(3);
    // Tags (2+4 + 2+8) + (2+11 + 2+4), transitive 2+4, policy 2+96, ARN 2+38.
    assertThat(ClaimsFormat.packedBytes(Fixtures.full())).isEqualTo(179);
    assertThat(SessionTokenCodec.packedPolicySize(Fixtures.full())).isEqualTo(5);
  }

  @Test
  void exactlyTheBudgetIs100PercentAndEncodesOneByteMoreIsRefused() throws TokenException {
    var atBudget = withPackedBytes(Fixtures.full(), 4096);
    var overBudget = withPackedBytes(Fixtures.full(), 4097);

    assertThat(SessionTokenCodec.packedPolicySize(atBudget)).isEqualTo(100);
    assertThat(SessionTokenCodec.packedPolicySize(overBudget)).isEqualTo(101);
    assertThat(codec.decode(ACCESS_KEY_ID, codec.encode(ACCESS_KEY_ID, atBudget), VALID_AT))
        .isEqualTo(atBudget);
    assertThatThrownBy(() -> codec.encode(ACCESS_KEY_ID, overBudget))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("session policy, policy ARNs and tags pack to 101% of the budget");
  }

  @Test
  void theLargestClaimsWithinTheBudgetFitTheTokenLimit() throws TokenException {
    String keyId = "k".repeat(32);
    ring.replace(List.of(Fixtures.key(keyId)));
    var largest =
        withPackedBytes(
            Fixtures.full().toBuilder()
                .principalArn("arn:aws:sts::123456789012:assumed-role/" + "r".repeat(729))
                .entityArn("arn:aws:iam::123456789012:role/" + "r".repeat(737))
                .sessionName("s".repeat(64))
                .sourceIdentity("i".repeat(64))
                .chainDepth(Integer.MAX_VALUE)
                .build(),
            4096);

    String token = codec.encode(ACCESS_KEY_ID, largest);

    assertThat(largest.principalArn()).hasSize(SessionClaims.MAX_ARN_LENGTH);
    assertThat(largest.entityArn()).hasSize(SessionClaims.MAX_ARN_LENGTH);
    assertThat(token).hasSize(7956);
    assertThat(codec.decode(ACCESS_KEY_ID, token, VALID_AT)).isEqualTo(largest);
  }

  /** Claims whose packed part is exactly {@code bytes}: a 2,048-character policy and six tags. */
  private static SessionClaims withPackedBytes(SessionClaims base, int bytes) {
    var tags = new ArrayList<Tag>();
    for (char c = 'a'; c < 'f'; c++) {
      tags.add(new Tag(c + "k".repeat(127), "v".repeat(256)));
    }
    int rest = bytes - (2 + 2048) - 5 * (4 + 128 + 256);
    tags.add(new Tag("x".repeat(50), "v".repeat(rest - 4 - 50)));
    return base.toBuilder()
        .sessionPolicy("{" + "x".repeat(2046) + "}")
        .tags(tags)
        .transitiveTagKeys(List.of())
        .policyArns(List.of())
        .build();
  }

  private TokenException.Invalid invalid(String token) {
    return invalid(codec, ACCESS_KEY_ID, token, VALID_AT);
  }

  private TokenException.Invalid invalid(String accessKeyId, String token) {
    return invalid(codec, accessKeyId, token, VALID_AT);
  }

  private static TokenException.Invalid invalid(
      SessionTokenCodec codec, String accessKeyId, String token) {
    return invalid(codec, accessKeyId, token, VALID_AT);
  }

  private static TokenException.Invalid invalid(
      SessionTokenCodec codec, String accessKeyId, String token, Instant now) {
    var e =
        catchThrowableOfType(
            TokenException.Invalid.class, () -> codec.decode(accessKeyId, token, now));
    assertThat(e).as("decoding %s", token).isNotNull();
    return e;
  }

  private static byte[] raw(String token) {
    return Base64.getDecoder().decode(token);
  }

  private static String keyIdOf(String token) {
    byte[] raw = raw(token);
    return new String(raw, 2, raw[1], StandardCharsets.US_ASCII);
  }

  private static byte[] aad(int version, String keyId, String accessKeyId) {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    byte[] akid = accessKeyId.getBytes(StandardCharsets.US_ASCII);
    byte[] aad = new byte[2 + id.length + akid.length];
    aad[0] = (byte) version;
    aad[1] = (byte) id.length;
    System.arraycopy(id, 0, aad, 2, id.length);
    System.arraycopy(akid, 0, aad, 2 + id.length, akid.length);
    return aad;
  }

  private static String sealByHand(int version, String keyId, String accessKeyId, byte[] plaintext)
      throws GeneralSecurityException {
    byte[] nonce = new byte[12];
    Arrays.fill(nonce, (byte) 0x5a);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(Fixtures.keyBytes(), "AES"),
        new GCMParameterSpec(128, nonce));
    cipher.updateAAD(aad(version, keyId, accessKeyId));
    byte[] sealed = cipher.doFinal(plaintext);
    byte[] header = Arrays.copyOf(aad(version, keyId, accessKeyId), 2 + keyId.length());
    byte[] raw = new byte[header.length + 12 + sealed.length];
    System.arraycopy(header, 0, raw, 0, header.length);
    System.arraycopy(nonce, 0, raw, header.length, 12);
    System.arraycopy(sealed, 0, raw, header.length + 12, sealed.length);
    return Base64.getEncoder().encodeToString(raw);
  }

  private static byte[] openByHand(byte[] raw, String accessKeyId) throws GeneralSecurityException {
    String keyId = new String(raw, 2, raw[1], StandardCharsets.US_ASCII);
    int header = 2 + keyId.length();
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(Fixtures.keyBytes(), "AES"),
        new GCMParameterSpec(128, raw, header, 12));
    cipher.updateAAD(aad(raw[0], keyId, accessKeyId));
    return cipher.doFinal(raw, header + 12, raw.length - header - 12);
  }
}
