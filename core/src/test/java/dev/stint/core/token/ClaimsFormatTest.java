package dev.stint.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The plaintext layout, checked against bytes written here with DataOutputStream. */
class ClaimsFormatTest {

  @Test
  void fullClaimsAreWrittenInTheDocumentedOrder() throws IOException {
    var c = Fixtures.full();
    var expected = new ByteArrayOutputStream();
    var out = new DataOutputStream(expected);
    out.writeByte(1); // ASSUMED_ROLE
    out.writeUTF(Fixtures.SECRET);
    out.writeUTF("123456789012");
    out.writeUTF("arn:aws:sts::123456789012:assumed-role/Deploy/alice");
    out.writeUTF("arn:aws:iam::123456789012:role/ci/Deploy");
    out.writeUTF("AROA3XFRBF535PLBIFPI4");
    out.writeUTF("alice");
    out.writeUTF("alice@example.com");
    out.writeLong(c.issuedAt().getEpochSecond());
    out.writeLong(c.expiresAt().getEpochSecond());
    out.writeByte(1); // MFA
    out.writeLong(c.mfaAuthenticatedAt().getEpochSecond());
    out.writeInt(1);
    out.writeUTF("Q2hhbmdlTWVQbGVhc2UxMg");
    out.writeByte(2);
    out.writeUTF("team");
    out.writeUTF("platform");
    out.writeUTF("cost-center");
    out.writeUTF("1234");
    out.writeByte(1);
    out.writeUTF("team");
    out.writeUTF(Fixtures.POLICY);
    out.writeByte(1);
    out.writeUTF("arn:aws:iam::aws:policy/ReadOnlyAccess");

    assertThat(ClaimsFormat.write(c)).isEqualTo(expected.toByteArray());
  }

  @Test
  void absentOptionalStringsAreEmptyStrings() throws IOException {
    var c = Fixtures.userSession();
    var expected = new ByteArrayOutputStream();
    var out = new DataOutputStream(expected);
    out.writeByte(3); // USER_SESSION
    out.writeUTF(Fixtures.SECRET);
    out.writeUTF("123456789012");
    out.writeUTF("arn:aws:iam::123456789012:user/alice");
    out.writeUTF("arn:aws:iam::123456789012:user/alice");
    out.writeUTF("AIDAJQABLZS4A3QDU576Q");
    out.writeShort(0);
    out.writeShort(0);
    out.writeLong(c.issuedAt().getEpochSecond());
    out.writeLong(c.expiresAt().getEpochSecond());
    out.writeByte(0);
    out.writeInt(0);
    out.writeUTF("Q2hhbmdlTWVQbGVhc2UxMg");
    out.writeByte(0);
    out.writeByte(0);
    out.writeShort(0);
    out.writeByte(0);

    assertThat(ClaimsFormat.write(c)).isEqualTo(expected.toByteArray());
    assertThat(ClaimsFormat.read(ByteBuffer.wrap(expected.toByteArray()))).isEqualTo(c);
  }

  @Test
  void readingRefusesAnythingButExactlyOneValidRecord() {
    byte[] bytes = ClaimsFormat.write(Fixtures.userSession());

    assertRefused(Arrays.copyOf(bytes, bytes.length + 1), "1 bytes after the claims");
    assertRefused(Arrays.copyOf(bytes, bytes.length - 1), "claims end early");
    assertRefused(new byte[] {1, 0, 50}, "a string of 50 bytes runs past the end");
    assertRefused(new byte[] {1, 0, 2, (byte) 0xc3, 0x28}, "a string is not UTF-8");

    byte[] flags = bytes.clone();
    // Type, five strings, two empty optionals and two times come before the flags.
    int flagsAt = 1 + (2 + 40) + (2 + 12) + 2 * (2 + 36) + (2 + 21) + 2 + 2 + 16;
    assertThat(flags[flagsAt]).isZero();
    flags[flagsAt] = 2;
    assertRefused(flags, "unknown flags 2");

    byte[] time = bytes.clone();
    Arrays.fill(time, flagsAt - 8, flagsAt, (byte) 0x7f);
    assertRefused(time, "claims hold a time out of range");
  }

  @Test
  void utf8LengthCountsBytesNotCharacters() {
    assertThat(ClaimsFormat.utf8Length("abc")).isEqualTo(3);
    assertThat(ClaimsFormat.utf8Length("ÿé")).isEqualTo(4);
    assertThat(ClaimsFormat.utf8Length("東京")).isEqualTo(6);
    assertThat(ClaimsFormat.utf8Length("𝔘")).isEqualTo(4);
  }

  private static void assertRefused(byte[] bytes, String message) {
    assertThatThrownBy(() -> ClaimsFormat.read(ByteBuffer.wrap(bytes)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
