package dev.stint.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Asks for values one line of standard input at a time, with the question on standard error, as
 * {@code aws configure sso} asks: an empty answer takes the default shown in brackets. When input
 * has ended every question takes its default, so a command given all it needs as options runs
 * unattended. Not thread-safe.
 */
final class Questions {

  private final BufferedReader in;
  private final PrintWriter err;
  private boolean ended;

  Questions(Context context, PrintWriter err) {
    this.in = new BufferedReader(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8));
    this.err = err;
  }

  /**
   * The answer to {@code question}, else {@code fallback}.
   *
   * @param option the option that gives the value without a question, for the error when there is
   *     neither an answer nor a default
   * @throws CommandException.Usage when there is no answer and no default
   */
  String ask(String question, Optional<String> fallback, String option) {
    Optional<String> answer = line(question + fallback.map(f -> " [" + f + "]").orElse("") + ": ");
    return answer
        .filter(a -> !a.isEmpty())
        .or(() -> fallback)
        .orElseThrow(() -> new CommandException.Usage("no " + question + " given: use " + option));
  }

  /** One line, stripped; empty once input has ended. */
  Optional<String> line(String prompt) {
    if (ended) {
      return Optional.empty();
    }
    err.print(prompt);
    err.flush();
    String line;
    try {
      line = in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input", e);
    }
    if (line == null) {
      ended = true;
      err.print("\n");
      err.flush();
      return Optional.empty();
    }
    return Optional.of(line.strip());
  }

  /** Says something on standard error. */
  void say(String text) {
    err.print(text + "\n");
    err.flush();
  }
}
