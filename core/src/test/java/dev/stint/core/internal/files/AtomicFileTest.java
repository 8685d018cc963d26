package dev.stint.core.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

  @TempDir Path dir;

  @Test
  void replacesTheFileWithOwnerOnlyMode() throws Exception {
    Path target = Files.writeString(dir.resolve("f"), "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    AtomicFile.write(target, "new".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-------");
  }

  @Test
  void failureMidWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
    Path target = Files.writeString(dir.resolve("f"), "old content");
    assertThatThrownBy(
            () ->
                AtomicFile.write(
                    target,
                    "new content".getBytes(StandardCharsets.UTF_8),
                    (channel, content) -> {
                      channel.write(ByteBuffer.wrap(content, 0, 3));
                      throw new IOException("device gone");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("device gone");
    assertThat(Files.readString(target)).isEqualTo("old content");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void lockRunsTheActionBesideASiblingLockFile() throws Exception {
    Path target = dir.resolve("sub/f");
    String result = AtomicFile.withLock(target, () -> "ran");
    assertThat(result).isEqualTo("ran");
    assertThat(dir.resolve("sub/f.lock")).exists();
  }
}
