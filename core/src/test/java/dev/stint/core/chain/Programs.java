package dev.stint.core.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a real program (the AWS CLI v2, python3 with botocore, a JVM) for the conformance and
 * interop tests, with no inherited {@code AWS_*} variable and HOME set to the test's directory. A
 * missing program fails the test rather than skipping it: the comparison is the point.
 */
final class Programs {

  record Result(int exitCode, String stdout, String stderr) {}

  static final String AWS_CLI = "/usr/bin/aws";

  private Programs() {}

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
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    Files.delete(err);
    return new Result(code, new String(out, StandardCharsets.UTF_8), stderr);
  }
}
