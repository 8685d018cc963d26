package dev.stint.core.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary home directory with {@code ~/.aws/config} and {@code ~/.aws/credentials}. */
final class TestHome {

  private TestHome() {}

  static void config(Path home, String text) throws IOException {
    write(home.resolve(".aws/config"), text);
  }

  static void credentials(Path home, String text) throws IOException {
    write(home.resolve(".aws/credentials"), text);
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
