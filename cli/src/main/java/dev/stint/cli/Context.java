package dev.stint.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command may read from the world, fixed at the edge ({@link Main}) and passed in, so tests
 * give their own: the environment, the home directory, the clock, standard input, the terminal for
 * secrets, and how a child of {@code stint exec} gets its standard streams. Immutable; thread-safe
 * as long as only one command reads {@link #stdin()}.
 *
 * @param environment the process environment
 * @param home the home directory ({@code ~}): {@code HOME}, as botocore reads it, else {@code
 *     user.home}
 * @param clock the clock for expiry decisions, signing and default session names
 * @param stdin standard input
 * @param terminal the terminal for typed secrets, when there is one
 * @param childIo how {@code stint exec} connects its child's standard streams
 */
record Context(
    Map<String, String> environment,
    Path home,
    Clock clock,
    InputStream stdin,
    Optional<Terminal> terminal,
    ChildIo childIo) {

  /** Reads a secret without echo. */
  @FunctionalInterface
  interface Terminal {
    /** The characters typed after the prompt, without the line end; the caller clears them. */
    char[] readSecret(String prompt);
  }

  /** How a child process of {@code stint exec} gets its standard streams. */
  enum ChildIo {
    /** The child uses stint's own standard streams (a terminal stays a terminal). */
    INHERIT,
    /** The child's streams are copied to and from the command's streams (tests). */
    PIPE
  }

  Context {
    environment = Map.copyOf(environment);
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(terminal, "terminal");
    Objects.requireNonNull(childIo, "childIo");
  }

  /** The real world: {@code System.getenv()}, the system clock, the console if there is one. */
  static Context system() {
    Map<String, String> environment = System.getenv();
    String home = environment.get("HOME");
    Path homeDir =
        home == null || home.isEmpty() ? Path.of(System.getProperty("user.home")) : Path.of(home);
    java.io.Console console = System.console();
    Optional<Terminal> terminal =
        console == null
            ? Optional.empty()
            : Optional.of(prompt -> console.readPassword("%s", prompt));
    return new Context(
        environment, homeDir, Clock.systemUTC(), System.in, terminal, ChildIo.INHERIT);
  }

  /**
   * A secret typed after {@code prompt}: from the terminal without echo, else one line of standard
   * input (for scripts and tests). The caller clears the array.
   *
   * @throws IOException when standard input cannot be read
   */
  char[] readSecret(String prompt) throws IOException {
    if (terminal.isPresent()) {
      char[] typed = terminal.get().readSecret(prompt);
      return typed == null ? new char[0] : typed;
    }
    // A line of standard input, read a character at a time so no String holds the secret.
    Reader reader = new InputStreamReader(stdin, StandardCharsets.UTF_8);
    char[] buffer = new char[64];
    int length = 0;
    for (int c; (c = reader.read()) != -1 && c != '\n'; ) {
      if (length == buffer.length) {
        char[] bigger = Arrays.copyOf(buffer, buffer.length * 2);
        Arrays.fill(buffer, '\0');
        buffer = bigger;
      }
      buffer[length++] = (char) c;
    }
    if (length > 0 && buffer[length - 1] == '\r') {
      length--;
    }
    char[] line = Arrays.copyOf(buffer, length);
    Arrays.fill(buffer, '\0');
    return line;
  }

  @Override
  public String toString() {
    return "Context[home=" + home + ", childIo=" + childIo + "]";
  }
}
