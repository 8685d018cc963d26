package dev.stint.bench;

import dev.stint.core.token.SessionClaims;
import dev.stint.core.token.SessionClaims.PrincipalType;
import dev.stint.core.token.SessionClaims.Tag;
import dev.stint.core.token.SessionTokenCodec;
import dev.stint.core.token.TokenException;
import dev.stint.core.token.TokenKeyRing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Session tokens on the hot path: sealing one at issue, opening and checking one on every request
 * signed with temporary keys. The baseline, in the same run, is bare AES-256-GCM over as many bytes
 * as the token's claims take, with a fresh nonce from the same kind of {@link SecureRandom}; what
 * the codec adds on top is the claims serialisation, the validation, base64 and the checks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenBench {

  private static final String ACCESS_KEY_ID = "ASIAIOSFODNN7EXAMPLE";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BYTES = 16;

  private SessionTokenCodec codec;
  private SessionClaims claims;
  private String token;
  private Instant now;

  private SecureRandom random;
  private SecretKeySpec key;
  private byte[] aad;
  private byte[] plaintext;
  private byte[] sealedNonce;
  private byte[] sealed;

  @Setup
  public void setUp() throws GeneralSecurityException {
    random = new SecureRandom();
    Instant issued = Instant.parse("2026-03-01T10:00:00Z");
    TokenKeyRing ring = TokenKeyRing.generate(issued, random);
    codec = new SessionTokenCodec(ring, random);
    // What the portal or AssumeRole hands out: one session tag and a short session policy.
    claims =
        SessionClaims.builder()
            .secretAccessKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
            .principalType(PrincipalType.ASSUMED_ROLE)
            .accountId("123456789012")
            .principalArn("arn:aws:sts::123456789012:assumed-role/Deploy/alice@example.com")
            .entityArn("arn:aws:iam::123456789012:role/Deploy")
            .entityId("AROA3XFRBF535PLBIFPI4")
            .sessionName("alice@example.com")
            .issuedAt(issued)
            .expiresAt(issued.plus(Duration.ofHours(1)))
            .tags(List.of(new Tag("team", "platform")))
            .sessionPolicy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::builds/*\"}]}")
            .sessionId("Q2hhbmdlTWVQbGVhc2UxMg")
            .build();
    token = codec.encode(ACCESS_KEY_ID, claims);
    now = issued.plus(Duration.ofMinutes(30));

    // The baseline seals exactly as many bytes as the token's ciphertext holds, under the same
    // associated data: version, key id length, key id, access key id.
    byte[] raw = Base64.getDecoder().decode(token);
    int header = 2 + raw[1];
    plaintext = new byte[raw.length - header - NONCE_BYTES - TAG_BYTES];
    random.nextBytes(plaintext);
    byte[] akid = ACCESS_KEY_ID.getBytes(StandardCharsets.US_ASCII);
    aad = new byte[header + akid.length];
    System.arraycopy(raw, 0, aad, 0, header);
    System.arraycopy(akid, 0, aad, header, akid.length);
    key = new SecretKeySpec(ring.current().key(), "AES");
    sealedNonce = new byte[NONCE_BYTES];
    random.nextBytes(sealedNonce);
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealedNonce));
    cipher.updateAAD(aad);
    sealed = cipher.doFinal(plaintext);
  }

  @Benchmark
  public String encode() {
    return codec.encode(ACCESS_KEY_ID, claims);
  }

  @Benchmark
  public SessionClaims decodeAndCheck() throws TokenException {
    return codec.decode(ACCESS_KEY_ID, token, now);
  }

  @Benchmark
  public byte[] baselineGcmEncrypt() throws GeneralSecurityException {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
    cipher.updateAAD(aad);
    return cipher.doFinal(plaintext);
  }

  @Benchmark
  public byte[] baselineGcmDecrypt() throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealedNonce));
    cipher.updateAAD(aad);
    return cipher.doFinal(sealed);
  }
}
