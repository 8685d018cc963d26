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

  /**
   * Starts the command without waiting: for a program that prints something the test must act on (a
   * device code) before it can finish.
   */
  Running start() throws IOException {
    Process p = builder.start();
    p.getOutputStream().close();
    return new Running(p, builder.command());
  }

  /** A started command whose output lines are collected as they come. */
  static final class Running {
    private final Process process;
    private final List<String> command;
    private final java.util.concurrent.LinkedBlockingQueue<String> lines =
        new java.util.concurrent.LinkedBlockingQueue<>();
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;

    private Running(Process process, List<String> command) {
      this.process = process;
      this.command = command;
      this.outReader =
          Thread.ofPlatform().daemon().start(() -> pump(process.getInputStream(), out));
      this.errReader =
          Thread.ofPlatform().daemon().start(() -> pump(process.getErrorStream(), err));
    }

    private void pump(java.io.InputStream in, StringBuffer into) {
      try (var reader =
          new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          into.append(line).append('\n');
          lines.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    }

    /** Waits (up to a minute) for an output line matching {@code pattern}; returns group 1. */
    String await(java.util.regex.Pattern pattern) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line != null) {
          var m = pattern.matcher(line);
          if (m.find()) {
            return m.group(1);
          }
        } else if (!process.isAlive() && lines.isEmpty()) {
          break;
        }
      }
      process.destroyForcibly();
      throw new IllegalStateException(
          "no line matching " + pattern + " from " + command + ":\n" + out + err);
    }

    /** Waits for the command to end. */
    Result finish() throws InterruptedException {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + command + "\n" + out + err);
      }
      outReader.join();
      errReader.join();
      return new Result(process.exitValue(), out.toString(), err.toString());
    }
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
