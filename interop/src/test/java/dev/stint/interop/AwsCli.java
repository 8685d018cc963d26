package dev.stint.interop;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real AWS CLIs, each run in a sealed-off environment: its own HOME, config and credentials
 * files, no instance metadata, one attempt per call, region us-east-1. Nothing but the given
 * environment reaches the process.
 */
final class AwsCli {
  /** The AWS CLI v2 from Debian's awscli package. */
  static final Path V2 = Path.of("/usr/bin/aws");

  private final Path executable;
  private final Path home;
  private final Map<String, String> env = new LinkedHashMap<>();

  private AwsCli(Path executable, Path home) throws IOException {
    if (!Files.isExecutable(executable)) {
      throw new IllegalStateException(
          executable + " is missing: .ci/run installs it (apt-get install awscli)");
    }
    this.executable = executable;
    this.home = home;
    Files.createDirectories(home.resolve(".aws"));
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", home.toString());
    env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_MAX_ATTEMPTS", "1");
    env.put("AWS_RETRY_MODE", "standard");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
  }

  static AwsCli v2(Path home) throws IOException {
    return new AwsCli(V2, home);
  }

  /** The AWS CLI v1 of the image's Python: the {@code aws} on PATH that is not {@link #V2}. */
  static AwsCli v1(Path home) throws IOException, InterruptedException {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "aws");
      if (Files.isExecutable(candidate) && !candidate.toRealPath().equals(V2.toRealPath())) {
        var cli = new AwsCli(candidate, home);
        var version = cli.run("--version");
        if (version.stdout().startsWith("aws-cli/1.")
            || version.stderr().startsWith("aws-cli/1.")) {
          return cli;
        }
      }
    }
    throw new IllegalStateException("no AWS CLI v1 on PATH (the image's Python provides it)");
  }

  /**
   * What both CLIs print on standard error for a service error when, as here, retries are off
   * ({@code AWS_MAX_ATTEMPTS=1}).
   */
  static String error(String code, String operation, String message) {
    return "\nAn error occurred ("
        + code
        + ") when calling the "
        + operation
        + " operation (reached max retries: 0): "
        + message
        + "\n";
  }

  Path home() {
    return home;
  }

  AwsCli env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  /** Static credentials in the environment. */
  AwsCli credentials(String accessKeyId, String secret, String token) {
    return env("AWS_ACCESS_KEY_ID", accessKeyId)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .env("AWS_SESSION_TOKEN", token);
  }

  /** Starts the CLI without waiting for it (see {@link Run.Running}). */
  Run.Running start(String... args) throws IOException {
    var command = new ArrayList<String>();
    command.add(executable.toString());
    command.addAll(List.of(args));
    var run = Run.of(home, command).clearEnv();
    env.forEach(run::env);
    return run.start();
  }

  Run.Result run(String... args) throws IOException, InterruptedException {
    var command = new ArrayList<String>();
    command.add(executable.toString());
    command.addAll(List.of(args));
    var run = Run.of(home, command).clearEnv();
    env.forEach(run::env);
    return run.call();
  }
}
