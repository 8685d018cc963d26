package dev.stint.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialsTest {

  @Test
  void toStringNamesTheKeyButNeverTheSecretOrToken() {
    var c =
        new Credentials(
            "ASIAEXAMPLE123456789",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "token-value-that-must-not-leak",
            Instant.parse("2026-01-01T00:00:00Z"));

    assertThat(c.toString())
        .isEqualTo(
            "Credentials[accessKeyId=ASIAEXAMPLE123456789, sessionToken=<redacted>,"
                + " expiration=2026-01-01T00:00:00Z]")
        .doesNotContain("wJalr")
        .doesNotContain("token-value");
  }

  @Test
  void anEmptySessionTokenMeansLongTerm() {
    var c = new Credentials("AKIAEXAMPLE123456789", "secret", "", null);

    assertThat(c.isTemporary()).isFalse();
    assertThat(c.token()).isEmpty();
  }

  @Test
  void anEmptySecretIsRejectedNamingTheKey() {
    assertThatThrownBy(() -> Credentials.of("AKIAEXAMPLE123456789", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret access key is empty for AKIAEXAMPLE123456789");
  }
}
