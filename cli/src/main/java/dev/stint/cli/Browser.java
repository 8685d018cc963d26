package dev.stint.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a page in the person's browser, as Python's {@code webbrowser} does for the AWS CLI: the
 * first command of {@code BROWSER} (entries separated as in {@code PATH}; words separated by white
 * space; {@code %s} stands for the page, else the page goes last), else {@code open} on macOS,
 * {@code rundll32 url.dll,FileProtocolHandler} on Windows and {@code xdg-open} elsewhere. The
 * program is found on the environment's {@code PATH}, started with the environment, and not waited
 * for. Stateless.
 */
final class Browser {

  private Browser() {}

  /** The command that would open {@code page}; empty when none is configured or found. */
  static Optional<List<String>> command(
      Map<String, String> environment, String osName, String page) {
    List<String> words = new ArrayList<>();
    String configured = environment.getOrDefault("BROWSER", "");
    for (String entry : configured.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        words.addAll(List.of(entry.strip().split("\\s+")));
        break;
      }
    }
    if (words.isEmpty()) {
      String os = osName.toLowerCase(Locale.ROOT);
      if (os.startsWith("mac")) {
        words.add("open");
      } else if (os.startsWith("windows")) {
        words.addAll(List.of("rundll32", "url.dll,FileProtocolHandler"));
      } else {
        words.add("xdg-open");
      }
    }
    Optional<Path> program = find(words.get(0), environment.getOrDefault("PATH", ""));
    if (program.isEmpty()) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    command.add(program.get().toString());
    boolean placed = false;
    for (String word : words.subList(1, words.size())) {
      placed |= word.contains("%s");
      command.add(word.replace("%s", page));
    }
    if (!placed) {
      command.add(page);
    }
    return Optional.of(command);
  }

  /** Starts the browser; false when none could be started (the caller shows the page instead). */
  static boolean open(Map<String, String> environment, String page) {
    Optional<List<String>> command = command(environment, System.getProperty("os.name", ""), page);
    if (command.isEmpty()) {
      return false;
    }
    ProcessBuilder builder =
        new ProcessBuilder(command.get())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().clear();
    builder.environment().putAll(environment);
    try {
      builder.start().getOutputStream().close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<Path> find(String name, String path) {
    if (name.contains("/") || name.contains(File.separator)) {
      Path direct = Path.of(name);
      return Files.isExecutable(direct) ? Optional.of(direct) : Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      for (String candidate : List.of(name, name + ".exe")) {
        Path file = Path.of(dir, candidate);
        if (Files.isRegularFile(file) && Files.isExecutable(file)) {
          return Optional.of(file);
        }
      }
    }
    return Optional.empty();
  }
}
