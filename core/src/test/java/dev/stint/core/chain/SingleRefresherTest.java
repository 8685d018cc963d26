package dev.stint.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes and threads needing the same MFA-protected role at once make one STS call and
 * ask for one MFA code between them: the cache file's lock admits one refresher and the others read
 * its entry. The fake STS holds its one answer until every process has started, so the others are
 * resolving while the first call is in flight.
 */
class SingleRefresherTest {

  private static final int PROCESSES = 4;
  private static final int THREADS = 3;

  @TempDir Path home;

  @Test
  void oneStsCallAndOneMfaPromptForManyProcesses() throws Exception {
    TestHome.credentials(
        home, "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n");
    TestHome.config(
        home,
        "[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\n"
            + "mfa_serial = arn:aws:iam::123456789012:mfa/alice\nrole_session_name = shared\n");
    Path prompts = home.resolve("prompts.log");
    CountDownLatch ready = new CountDownLatch(PROCESSES);
    AtomicInteger calls = new AtomicInteger();
    try (FakeAws sts = new FakeAws()) {
      sts.on(
          "GET /ready",
          request -> {
            ready.countDown();
            return FakeAws.Answer.status(200, "");
          });
      sts.on(
          "POST /",
          request -> {
            calls.incrementAndGet();
            ready.await(60, TimeUnit.SECONDS);
            if (!"123456".equals(request.form().get("TokenCode"))) {
              return FakeAws.Answer.status(403, FakeAws.errorXml("AccessDenied", "MFA"));
            }
            return FakeAws.Answer.xml(
                FakeAws.assumeRoleXml(
                    "AssumeRole",
                    "ASIASHARED",
                    Instant.now().plus(Duration.ofHours(1)).toString(),
                    "arn:aws:iam::123456789012:role/admin",
                    "shared"));
          });

      String java = ProcessHandle.current().info().command().orElse("java");
      List<Process> processes = new ArrayList<>();
      for (int i = 0; i < PROCESSES; i++) {
        processes.add(
            new ProcessBuilder(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    ResolveMain.class.getName(),
                    home.toString(),
                    sts.uri().toString(),
                    prompts.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start());
      }
      ExecutorService threads = Executors.newFixedThreadPool(THREADS);
      List<Future<String>> inProcess = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        inProcess.add(threads.submit(() -> ResolveMain.resolve(home, sts.uri(), prompts)));
      }

      List<String> keys = new ArrayList<>();
      for (Process process : processes) {
        keys.add(
            new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
      }
      for (Future<String> future : inProcess) {
        keys.add(future.get(120, TimeUnit.SECONDS));
      }
      threads.shutdown();

      assertThat(keys).hasSize(PROCESSES + THREADS).containsOnly("ASIASHARED");
      assertThat(calls).hasValue(1);
      assertThat(Files.readAllLines(prompts))
          .containsExactly("Enter MFA code for arn:aws:iam::123456789012:mfa/alice: ");
      assertThat(sts.received("POST /")).hasSize(1);
      assertThat(Map.of("ready", ready.getCount())).containsEntry("ready", 0L);
    }
  }
}
