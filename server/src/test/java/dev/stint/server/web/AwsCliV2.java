package dev.stint.server.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's AWS CLI v2 ({@code /usr/bin/aws}), run in a sealed-off environment: its own HOME and
 * config files, no instance metadata, one attempt per call, region us-east-1, and nothing else from
 * this process's environment.
 */
final class AwsCliV2 {
  static final Path AWS = Path.of("/usr/bin/aws");

  /** What a run printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {}

  private final Path home;

  AwsCliV2(Path home) throws IOException {
    if (!Files.isExecutable(AWS)) {
      throw new IllegalStateException(
          AWS + " is missing: .ci/run installs it (apt-get install awscli)");
    }
    this.home = home;
    Files.createDirectories(home.resolve(".aws"));
  }

  Path credentialsFile() {
    return home.resolve(".aws/credentials");
  }

  Map<String, String> baseEnvironment() {
    var env = new LinkedHashMap<String, String>();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", credentialsFile().toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_MAX_ATTEMPTS", "1");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    return env;
  }

  /** Runs {@code command} with the base environment plus {@code extra}. */
  Result run(Map<String, String> extra, List<String> command)
      throws IOException, InterruptedException {
    var builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(baseEnvironment());
    builder.environment().putAll(extra);
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** A CLI run that goes on while the test acts: standard output is read as it comes. */
  static final class Running {
    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final Thread reader;

    private Running(Process process) {
      this.process = process;
      this.reader =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    try (var in = process.inputReader(StandardCharsets.UTF_8)) {
                      int c;
                      while ((c = in.read()) >= 0) {
                        out.append((char) c);
                      }
                    } catch (IOException e) {
                      out.append("\n[read failed: ").append(e).append(']');
                    }
                  });
    }

    /** Waits (up to a minute) until standard output holds a match of {@code pattern}. */
    String await(java.util.regex.Pattern pattern) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (System.nanoTime() < deadline) {
        var m = pattern.matcher(out);
        if (m.find()) {
          return m.group();
        }
        if (!process.isAlive() && !reader.isAlive()) {
          break;
        }
        reader.join(50);
      }
      throw new AssertionError("no " + pattern + " in the output:\n" + out);
    }

    /** Waits for the end of the run. */
    Result finish() throws IOException, InterruptedException {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out; output so far:\n" + out);
      }
      reader.join(TimeUnit.SECONDS.toMillis(10));
      return new Result(
          process.exitValue(),
          out.toString(),
          new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Starts {@code aws ARGS...} and returns while it runs. */
  Running start(Map<String, String> extra, String... args) throws IOException {
    var command = new ArrayList<>(List.of(AWS.toString()));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(baseEnvironment());
    builder.environment().put("PYTHONUNBUFFERED", "1");
    builder.environment().putAll(extra);
    return new Running(builder.start());
  }

  /** {@code aws sts get-caller-identity} against {@code endpoint}, with more arguments. */
  Result callerIdentity(Map<String, String> extra, String endpoint, String... args)
      throws IOException, InterruptedException {
    var command = new ArrayList<>(List.of(AWS.toString(), "sts", "get-caller-identity"));
    command.addAll(List.of("--endpoint-url", endpoint, "--output", "json"));
    command.addAll(List.of(args));
    return run(extra, command);
  }

  /**
   * Runs commands pasted into a POSIX shell ({@code /bin/sh}), then {@code aws sts
   * get-caller-identity}: what a person does with the dialog's first option.
   */
  Result shell(String pasted, String endpoint) throws IOException, InterruptedException {
    String script =
        pasted
            + "\nexec "
            + AWS
            + " sts get-caller-identity --endpoint-url "
            + endpoint
            + " --output json\n";
    return run(Map.of(), List.of("/bin/sh", "-c", script));
  }
}
