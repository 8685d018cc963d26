package dev.stint.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Runs {@code stint} in the test's JVM through {@link Cli#commandLine(Context)}: a temporary home,
 * an environment of the test's choosing (nothing of the real one), a fixed clock, standard input
 * from a string, and both output streams captured.
 */
final class Stint {

  static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

  record Result(int exit, String out, String err) {}

  private final Path home;
  private final Map<String, String> environment = new HashMap<>();
  private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private String stdin = "";

  Stint(Path home) {
    this.home = home;
    environment.put("HOME", home.toString());
    environment.put("PATH", "/usr/bin:/bin");
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
  }

  Stint env(String name, String value) {
    if (value == null) {
      environment.remove(name);
    } else {
      environment.put(name, value);
    }
    return this;
  }

  Stint stdin(String text) {
    stdin = text;
    return this;
  }

  Stint clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  Path home() {
    return home;
  }

  Context context() {
    return new Context(
        environment,
        home,
        clock,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        Optional.empty(),
        Context.ChildIo.PIPE);
  }

  /** Runs through picocli, as {@code stint ARGS} with no fast path. */
  Result run(String... args) {
    CommandLine commandLine = Cli.commandLine(context());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exit = commandLine.execute(args);
    commandLine.getOut().flush();
    commandLine.getErr().flush();
    return new Result(exit, out.toString(), err.toString());
  }

  /** Runs as {@link Main} does: the fast path when it takes the arguments; empty when not. */
  Optional<Result> runFast(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out);
    PrintWriter e = new PrintWriter(err);
    var status = FastPath.run(context(), args, o, e);
    o.flush();
    e.flush();
    return status.isPresent()
        ? Optional.of(new Result(status.getAsInt(), out.toString(), err.toString()))
        : Optional.empty();
  }

  Stint config(String text) throws IOException {
    write(home.resolve(".aws/config"), text);
    return this;
  }

  Stint credentials(String text) throws IOException {
    write(home.resolve(".aws/credentials"), text);
    return this;
  }

  String config() throws IOException {
    return read(home.resolve(".aws/config"));
  }

  String credentials() throws IOException {
    return read(home.resolve(".aws/credentials"));
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
