package dev.stint.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code stint} client commands as a user runs them: the real {@code ./stint} launcher in its
 * own process, in a sealed-off environment (its own HOME and shared files, no instance metadata,
 * nothing of the test's environment but the JDK).
 */
final class StintCli {
  static final Path LAUNCHER = StintProcess.LAUNCHER;

  private final Path home;
  private final Map<String, String> env = new LinkedHashMap<>();

  StintCli(Path home) throws IOException {
    this.home = home;
    Files.createDirectories(home.resolve(".aws"));
    env.put("PATH", "/usr/bin:/bin");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("HOME", home.toString());
    env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
  }

  Path home() {
    return home;
  }

  StintCli env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  Run.Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    Run run = Run.of(home, command).clearEnv();
    env.forEach(run::env);
    return run.call();
  }

  /**
   * Starts {@code ./stint ARGS} without waiting, its output collected line by line: for a sign-in
   * whose code or page the test must act on before it can finish.
   */
  Run.Running begin(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    Run run = Run.of(home, command).clearEnv();
    env.forEach(run::env);
    return run.start();
  }

  /** Starts {@code ./stint ARGS} without waiting, for tests that signal it or run many at once. */
  Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    return builder.start();
  }
}
