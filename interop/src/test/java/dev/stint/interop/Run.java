package dev.stint.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external command to completion with a bounded wait; captures both streams. */
final class Run {
  record Result(int exit, String stdout, String stderr) {}

  private final ProcessBuilder builder;
  private String stdin = "";

  private Run(Path cwd, List<String> command) {
    builder = new ProcessBuilder(new ArrayList<>(command)).directory(cwd.toFile());
  }

  static Run of(Path cwd, List<String> command) {
    return new Run(cwd, command);
  }

  Run clearEnv() {
    builder.environment().clear();
    return this;
  }

  Run env(String name, String value) {
    builder.environment().put(name, value);
    return this;
  }

  Run stdin(String input) {
    stdin = input;
    return this;
  }

  Result call() throws IOException, InterruptedException {
    Process p = builder.start();
    var out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    var err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + builder.command());
    }
    return new Result(p.exitValue(), out.join(), err.join());
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
