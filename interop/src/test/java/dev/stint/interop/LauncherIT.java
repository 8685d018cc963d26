package dev.stint.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./stint} launcher as a user runs it, from another directory. */
class LauncherIT {
  private static final Path LAUNCHER = Path.of(System.getProperty("stint.root"), "stint");

  @Test
  void runsTheCliFromAnyDirectory(@TempDir Path cwd) throws Exception {
    var run = Run.of(cwd, List.of(LAUNCHER.toString(), "--version")).call();

    assertThat(run.exit()).isZero();
    assertThat(run.stdout()).isEqualTo("stint development build\n");
  }

  @Test
  void withoutAJdk21SaysSoInOneLineAndFails(@TempDir Path cwd) throws Exception {
    Path noJdks = Files.createDirectory(cwd.resolve("jvm"));
    var run =
        Run.of(cwd, List.of(LAUNCHER.toString(), "--version"))
            .clearEnv()
            .env("PATH", "/usr/bin:/bin")
            .env("JAVA_HOME", "/nonexistent")
            .env("STINT_JVM_DIR", noJdks.toString())
            .call();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr())
        .isEqualTo(
            "stint: needs a JDK 21 or newer (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*);"
                + " install one or set JAVA_HOME\n");
  }

  /**
   * The launcher runs client commands with a class cache it made; one that the JVM cannot use (a
   * different JDK build, a broken file) costs start-up time, never a word on standard output, which
   * holds the credentials.
   */
  @Test
  void anUnusableClassCacheLeavesStandardOutputToTheCommand(@TempDir Path home) throws Exception {
    int major = Runtime.version().feature();
    Path cache =
        LAUNCHER.resolveSibling("cli/target/stint-jdk" + major + (major >= 25 ? ".aot" : ".jsa"));
    Path saved = home.resolve("saved-cache");
    boolean had = Files.exists(cache);
    if (had) {
      Files.move(cache, saved);
    }
    try {
      Files.write(cache, new byte[64 * 1024]);
      var run =
          new StintCli(home)
              .env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEEXAMPLE12")
              .env("AWS_SECRET_ACCESS_KEY", "secret")
              .run("credential-process");

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(run.stdout())
          .isEqualTo(
              "{\n  \"Version\": 1,\n  \"AccessKeyId\": \"AKIAEXAMPLEEXAMPLE12\",\n"
                  + "  \"SecretAccessKey\": \"secret\"\n}\n");
    } finally {
      Files.deleteIfExists(cache);
      if (had) {
        Files.move(saved, cache);
      }
    }
  }

  @Test
  void serverAnswersHealthAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
    var process =
        new ProcessBuilder(
                LAUNCHER.toString(),
                "server",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString())
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (var err =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      int port = -1;
      var listening = Pattern.compile("stint listening on http://127\\.0\\.0\\.1:(\\d+)");
      for (int i = 0; i < 200 && port < 0; i++) {
        String line = err.readLine();
        assertThat(line).as("server log ended before it listened").isNotNull();
        var m = listening.matcher(line);
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
        }
      }
      assertThat(port).isPositive();

      var health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      // SQLite's native library is the one the build unpacked, not a copy extracted to /tmp.
      String maps = Files.readString(Path.of("/proc", Long.toString(process.pid()), "maps"));
      assertThat(maps)
          .contains("/cli/target/native/org/sqlite/native/Linux/x86_64/libsqlitejdbc.so")
          .doesNotContain("/tmp/sqlite-");

      // SIGTERM without Process.destroy(), which would also close our end of the pipes.
      new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(143);
      String rest = err.lines().reduce("", (a, b) -> a + b + "\n");
      assertThat(rest).contains("stint stopped").doesNotContain("ERROR");
    } finally {
      process.destroyForcibly();
    }
  }
}
