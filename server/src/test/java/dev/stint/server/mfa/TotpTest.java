package dev.stint.server.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
  // RFC 6238 appendix B, SHA1 seed "12345678901234567890"; the RFC lists 8 digits, MFA apps use
  // the last 6.
  private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @CsvSource({
    "59, 287082",
    "1111111109, 081804",
    "1111111111, 050471",
    "1234567890, 005924",
    "2000000000, 279037",
    "20000000000, 353130"
  })
  void codesMatchRfc6238Vectors(long seconds, String code) {
    assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(seconds)))).isEqualTo(code);
  }

  @Test
  void matchFindsTheStepWithinTheWindowOnly() {
    long step = Totp.step(Instant.ofEpochSecond(1_111_111_109));
    String previous = Totp.code(RFC_SEED, step - 1);
    assertThat(Totp.match(RFC_SEED, previous, step, 1)).isEqualTo(step - 1);
    assertThat(Totp.match(RFC_SEED, Totp.code(RFC_SEED, step - 2), step, 1)).isEqualTo(-1);
    assertThat(Totp.match(RFC_SEED, "12345", step, 1)).isEqualTo(-1);
    assertThat(Totp.match(RFC_SEED, null, step, 1)).isEqualTo(-1);
  }

  @Test
  void base32MatchesRfc4648() {
    assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    assertThat(Totp.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
    assertThat(Totp.base32(RFC_SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  }
}
