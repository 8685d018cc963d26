package dev.stint.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real {@code ./stint server} in its own process on a free port with its own data directory, as a
 * user starts it. Collects its log; stops it with SIGTERM (or SIGKILL for crash tests).
 */
final class StintProcess implements AutoCloseable {
  static final Path LAUNCHER = Path.of(System.getProperty("stint.root"), "stint");
  private static final Pattern LISTENING =
      Pattern.compile("stint listening on (http://127\\.0\\.0\\.1:\\d+)");

  private final Process process;
  private final String endpoint;
  private final Path dataDir;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private StintProcess(Process process, String endpoint, Path dataDir) {
    this.process = process;
    this.endpoint = endpoint;
    this.dataDir = dataDir;
  }

  /** Starts a server on the data directory, with extra arguments, and waits until it listens. */
  static StintProcess start(Path dataDir, String... extraArgs)
      throws IOException, InterruptedException {
    var command =
        new ArrayList<>(
            List.of(
                LAUNCHER.toString(), "server", "--port", "0", "--data-dir", dataDir.toString()));
    command.addAll(List.of(extraArgs));
    Process p =
        new ProcessBuilder(command)
            .directory(dataDir.getParent().toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    var lines = new LinkedBlockingQueue<String>();
    var log = Collections.synchronizedList(new ArrayList<String>());
    Thread reader =
        new Thread(
            () -> {
              try (var err =
                  new BufferedReader(
                      new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                  log.add(line);
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "stint-log");
    reader.setDaemon(true);
    reader.start();
    for (int i = 0; i < 600; i++) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        var m = LISTENING.matcher(line);
        if (m.find()) {
          var server = new StintProcess(p, m.group(1), dataDir);
          server.log.addAll(log);
          log.clear();
          Thread.ofVirtual().start(() -> drain(lines, server.log));
          return server;
        }
      }
      if (!p.isAlive() && lines.isEmpty()) {
        throw new IllegalStateException(
            "stint server exited with " + p.exitValue() + ":\n" + String.join("\n", log));
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException(
        "stint server did not listen within 60 s:\n" + String.join("\n", log));
  }

  private static void drain(LinkedBlockingQueue<String> lines, List<String> into) {
    try {
      while (true) {
        into.add(lines.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String endpoint() {
    return endpoint;
  }

  Path dataDir() {
    return dataDir;
  }

  long pid() {
    return process.pid();
  }

  /** The server's log so far (standard error). */
  List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** {@code DATA_DIR/admin-credentials.ini} as keys of the profile plus the comment fields. */
  Map<String, String> adminCredentials() {
    var out = new LinkedHashMap<String, String>();
    try {
      for (String line : Files.readAllLines(dataDir.resolve("admin-credentials.ini"))) {
        String l = line.strip();
        if (l.startsWith("#")) {
          l = l.substring(1).strip();
        }
        int eq = l.indexOf('=');
        if (eq > 0) {
          out.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Kills the process without any chance to clean up (crash tests). */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then waits for a clean exit. */
  @Override
  public void close() throws IOException {
    if (!process.isAlive()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
