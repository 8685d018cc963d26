package dev.stint.server.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

  @Test
  void hashIsArgon2idInPhcFormAndVerifies() {
    String stored = hasher.hash("correct horse".toCharArray());
    assertThat(stored)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hasher.verify("correct horse".toCharArray(), stored)).isTrue();
    assertThat(hasher.verify("correct horsE".toCharArray(), stored)).isFalse();
  }

  @Test
  void samePasswordTwiceGivesDifferentSalts() {
    assertThat(hasher.hash("pw".toCharArray())).isNotEqualTo(hasher.hash("pw".toCharArray()));
  }

  @Test
  void malformedStoredHashesNeverVerify() {
    assertThat(hasher.verify("pw".toCharArray(), null)).isFalse();
    assertThat(hasher.verify("pw".toCharArray(), "")).isFalse();
    assertThat(
            hasher.verify(
                "pw".toCharArray(),
                "$argon2i$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
        .isFalse();
    assertThat(
            hasher.verify(
                "pw".toCharArray(),
                "$argon2id$v=19$m=99999999,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
        .isFalse();
  }

  @Test
  void emptyAndOverlongPasswordsAreRefused() {
    assertThatThrownBy(() -> hasher.hash(new char[0]))
        .hasMessage("a password must have 1 to 256 characters");
    assertThatThrownBy(() -> hasher.hash(new char[257]))
        .hasMessage("a password must have 1 to 256 characters");
    assertThat(hasher.verify(new char[257], hasher.hash("a".toCharArray()))).isFalse();
  }
}
