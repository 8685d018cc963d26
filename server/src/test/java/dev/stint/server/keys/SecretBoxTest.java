package dev.stint.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
  private final SecureRandom random = new SecureRandom();
  private final byte[] master = new byte[32];
  private final SecretBox box = new SecretBox(master, random);
  private final byte[] secret =
      "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".getBytes(StandardCharsets.US_ASCII);

  @Test
  void opensWhatItSealedForTheSamePurposeAndId() {
    byte[] sealed = box.seal("access-key", "AKIAEXAMPLE", secret);

    assertThat(box.open("access-key", "AKIAEXAMPLE", sealed)).isEqualTo(secret);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("wJalr");
  }

  @Test
  void aSealedValueMovedToAnotherIdOrPurposeDoesNotOpen() {
    byte[] sealed = box.seal("access-key", "AKIAEXAMPLE", secret);

    assertThatThrownBy(() -> box.open("access-key", "AKIAOTHER", sealed))
        .isInstanceOf(SecretBox.SealedSecretException.class)
        .hasMessage("sealed access-key secret of AKIAOTHER does not open under this master key");
    assertThatThrownBy(() -> box.open("mfa-seed", "AKIAEXAMPLE", sealed))
        .isInstanceOf(SecretBox.SealedSecretException.class);
  }

  @Test
  void everyAlteredByteIsDetected() {
    byte[] sealed = box.seal("token-key", "k1", secret);
    for (int i = 0; i < sealed.length; i++) {
      byte[] bad = sealed.clone();
      bad[i] ^= 1;
      assertThatThrownBy(() -> box.open("token-key", "k1", bad))
          .as("byte %d", i)
          .isInstanceOf(SecretBox.SealedSecretException.class);
    }
    assertThatThrownBy(() -> box.open("token-key", "k1", new byte[5]))
        .isInstanceOf(SecretBox.SealedSecretException.class);
  }

  @Test
  void anotherMasterKeyCannotOpen() {
    byte[] other = new byte[32];
    other[0] = 1;
    byte[] sealed = box.seal("token-key", "k1", secret);

    assertThatThrownBy(() -> new SecretBox(other, random).open("token-key", "k1", sealed))
        .isInstanceOf(SecretBox.SealedSecretException.class);
  }

  @Test
  void masterKeyFileIsCreatedOnceWithMode0600AndReadBack(@TempDir Path dir) throws Exception {
    byte[] first = MasterKeyFile.loadOrCreate(dir, random);
    byte[] again = MasterKeyFile.loadOrCreate(dir, random);

    assertThat(first).hasSize(32).isEqualTo(again);
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("master.key"))))
        .isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("master.key");
    }
  }

  @Test
  void aMissingDataDirectoryIsCreatedForTheOwnerOnly(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("a/b");
    assertThat(MasterKeyFile.loadOrCreate(data, random)).hasSize(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
  }

  @Test
  void aDamagedMasterKeyFileIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("master.key"), "c2hvcnQ=\n");

    assertThatThrownBy(() -> MasterKeyFile.loadOrCreate(dir, random))
        .hasMessage(dir.resolve("master.key") + ": master key is 5 bytes, expected 32");
  }
}
