package dev.stint.core.token;

import dev.stint.core.token.SessionClaims.PrincipalType;
import dev.stint.core.token.SessionClaims.Tag;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

/** Claims, keys and randoms the token tests share. */
final class Fixtures {

  static final String ACCESS_KEY_ID = "ASIAIOSFODNN7EXAMPLE";
  static final String OTHER_ACCESS_KEY_ID = "ASIAIOSFODNN7EXAMPLF";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final Instant ISSUED = Instant.parse("2026-03-01T10:00:00Z");
  static final Instant EXPIRES = Instant.parse("2026-03-01T11:00:00Z");
  static final Instant KEY_CREATED = Instant.parse("2026-01-01T00:00:00Z");
  static final String POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

  private Fixtures() {}

  /** An assumed-role session with every optional field set. */
  static SessionClaims full() {
    return SessionClaims.builder()
        .secretAccessKey(SECRET)
        .principalType(PrincipalType.ASSUMED_ROLE)
        .accountId("123456789012")
        .principalArn("arn:aws:sts::123456789012:assumed-role/Deploy/alice")
        .entityArn("arn:aws:iam::123456789012:role/ci/Deploy")
        .entityId("AROA3XFRBF535PLBIFPI4")
        .sessionName("alice")
        .sourceIdentity("alice@example.com")
        .issuedAt(ISSUED)
        .expiresAt(EXPIRES)
        .mfa(true, Instant.parse("2026-03-01T09:59:30Z"))
        .tags(List.of(new Tag("team", "platform"), new Tag("cost-center", "1234")))
        .transitiveTagKeys(List.of("team"))
        .sessionPolicy(POLICY)
        .policyArns(List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"))
        .chainDepth(1)
        .sessionId("Q2hhbmdlTWVQbGVhc2UxMg")
        .build();
  }

  /** A GetSessionToken session: no session name, no optional field. */
  static SessionClaims userSession() {
    return SessionClaims.builder()
        .secretAccessKey(SECRET)
        .principalType(PrincipalType.USER_SESSION)
        .accountId("123456789012")
        .principalArn("arn:aws:iam::123456789012:user/alice")
        .entityArn("arn:aws:iam::123456789012:user/alice")
        .entityId("AIDAJQABLZS4A3QDU576Q")
        .issuedAt(ISSUED)
        .expiresAt(EXPIRES)
        .sessionId("Q2hhbmdlTWVQbGVhc2UxMg")
        .build();
  }

  /** Key bytes 0, 1, ..., 31. */
  static byte[] keyBytes() {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) i;
    }
    return key;
  }

  static TokenKey key(String id) {
    return new TokenKey(id, keyBytes(), KEY_CREATED, null);
  }

  static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
