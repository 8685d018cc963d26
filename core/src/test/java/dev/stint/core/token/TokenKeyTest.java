package dev.stint.core.token;

import static dev.stint.core.token.Fixtures.KEY_CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenKeyTest {

  @Test
  void keyBytesAreCopiedInAndOut() {
    byte[] bytes = Fixtures.keyBytes();
    var key = new TokenKey("k1", bytes, KEY_CREATED, null);
    bytes[0] = 99;
    key.key()[1] = 99;

    assertThat(key.key()).isEqualTo(Fixtures.keyBytes());
  }

  @Test
  void toStringNeverPrintsTheKeyBytes() {
    var key =
        new TokenKey("k1", Fixtures.keyBytes(), KEY_CREATED, Instant.parse("2026-02-01T00:00:00Z"));

    assertThat(key)
        .hasToString(
            "TokenKey[id=k1, key=<redacted>, createdAt=2026-01-01T00:00:00Z,"
                + " retireAfter=2026-02-01T00:00:00Z]");
  }

  @Test
  void keysAreEqualByContent() {
    assertThat(Fixtures.key("k1"))
        .isEqualTo(Fixtures.key("k1"))
        .hasSameHashCodeAs(Fixtures.key("k1"));
    byte[] other = Fixtures.keyBytes();
    other[31] ^= 1;
    assertThat(new TokenKey("k1", other, KEY_CREATED, null)).isNotEqualTo(Fixtures.key("k1"));
    assertThat(Fixtures.key("k1").retiringAfter(KEY_CREATED)).isNotEqualTo(Fixtures.key("k1"));
  }

  @Test
  void idsKeyLengthsAndRetirementAreChecked() {
    assertThatThrownBy(() -> new TokenKey("k 1", Fixtures.keyBytes(), KEY_CREATED, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("token key id 'k 1' must be 1 to 32 characters of [A-Za-z0-9_-]");
    assertThatThrownBy(() -> new TokenKey("k".repeat(33), Fixtures.keyBytes(), KEY_CREATED, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "token key id '" + "k".repeat(33) + "' must be 1 to 32 characters of [A-Za-z0-9_-]");
    assertThatThrownBy(() -> new TokenKey("k1", new byte[16], KEY_CREATED, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("token key k1 has 16 bytes, not 32");
    assertThatThrownBy(
            () -> new TokenKey("k1", Fixtures.keyBytes(), KEY_CREATED, KEY_CREATED.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "token key k1 retires at 2025-12-31T23:59:59Z, before it was created at"
                + " 2026-01-01T00:00:00Z");
  }

  @Test
  void aKeyIsRetiredOnlyOnceTimeIsPastItsRetirement() {
    var key = Fixtures.key("k1").retiringAfter(Instant.parse("2026-02-01T00:00:00Z"));

    assertThat(Fixtures.key("k1").isRetiredAt(Instant.MAX)).isFalse();
    assertThat(key.isRetiredAt(Instant.parse("2026-02-01T00:00:00Z"))).isFalse();
    assertThat(key.isRetiredAt(Instant.parse("2026-02-01T00:00:00.001Z"))).isTrue();
  }

  @Test
  void generatedKeysTakeTheirBytesFromTheRandom() {
    var a = TokenKey.generate("a", KEY_CREATED, Fixtures.seeded(1));
    var b = TokenKey.generate("b", KEY_CREATED, Fixtures.seeded(2));

    assertThat(a.key())
        .hasSize(32)
        .isEqualTo(TokenKey.generate("a", KEY_CREATED, Fixtures.seeded(1)).key());
    assertThat(a.key()).isNotEqualTo(b.key());
    assertThat(a.retireAfter()).isNull();
  }
}
