package dev.stint.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a real program (the AWS CLI, a shell, python3) for the export tests, with no {@code AWS_*}
 * variable inherited and HOME set to the test's directory. A program that is missing fails the test
 * rather than skipping it: the comparison is the point.
 */
final class Run {

  record Result(int exitCode, String stdout, String stderr) {}

  private Run() {}

  static Result run(List<String> command, Path home, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(environment);
    Path err = Files.createTempFile(home, "stderr", ".txt");
    builder.redirectError(err.toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError(command.get(0) + " is needed for this test and did not start", e);
    }
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    int code = process.waitFor();
    return new Result(
        code,
        new String(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Runs the command and insists that it exits 0; returns its stdout. */
  static String succeed(List<String> command, Path home, Map<String, String> environment)
      throws IOException, InterruptedException {
    Result result = run(command, home, environment);
    assertThat(result.exitCode())
        .as("%s failed; stderr: %s", command.get(0), result.stderr())
        .isZero();
    return result.stdout();
  }
}
