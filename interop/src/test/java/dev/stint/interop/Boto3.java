package dev.stint.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a Python snippet with Debian's boto3 ({@code /usr/bin/python3}, installed by .ci/run) in a
 * sealed environment: its own HOME, no AWS variables but those given, no metadata lookups.
 */
final class Boto3 {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private Boto3() {}

  static Run.Result run(Path home, String endpoint, String script, String... env)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      throw new IllegalStateException("/usr/bin/python3 is missing: .ci/run installs it");
    }
    var run =
        Run.of(home, List.of(PYTHON.toString(), "-c", script))
            .clearEnv()
            .env("HOME", home.toString())
            .env("PATH", "/usr/bin:/bin")
            .env("AWS_CONFIG_FILE", home.resolve("config").toString())
            .env("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString())
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_MAX_ATTEMPTS", "1")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("STINT_ENDPOINT", endpoint);
    for (int i = 0; i + 1 < env.length; i += 2) {
      run.env(env[i], env[i + 1]);
    }
    return run.call();
  }
}
