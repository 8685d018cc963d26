package dev.stint.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.core.credentials.Credentials;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** shlex parity with Python, timestamps, and the refresh windows. */
class SmallPartsTest {

  @TempDir Path home;

  @Test
  void shlexSplitsAsPythonDoes() throws Exception {
    List<String> lines =
        List.of(
            "a b  c",
            "'single quoted' \"double \\\" quoted\" back\\ slash",
            "\"\\$HOME\" '$HOME' ~/x",
            "mixed'part'\"s\"",
            "'' \"\" empty",
            "tab\tand\nnewline",
            "\"a\\\\b\\nc\"",
            "aws-vault exec prod --json");
    StringBuilder expected = new StringBuilder();
    StringBuilder ours = new StringBuilder();
    for (String line : lines) {
      ours.append(Python.shlexSplit(line)).append('\n');
    }
    String program =
        "import shlex, sys\n"
            + "for line in sys.argv[1:]:\n"
            + "    print('[' + ', '.join(shlex.split(line)) + ']')\n";
    List<String> command = new ArrayList<>(List.of("python3", "-c", program));
    command.addAll(lines);
    Programs.Result result =
        Programs.run(command, home, Map.of("PATH", "/root/.pyenv/shims:/usr/bin:/bin"));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    expected.append(result.stdout());
    assertThat(ours.toString()).isEqualTo(expected.toString());
    assertThatThrownBy(() -> Python.shlexSplit("a 'b")).hasMessage("No closing quotation");
    assertThatThrownBy(() -> Python.shlexSplit("a \\")).hasMessage("No escaped character");
  }

  @Test
  void timestampsInEveryFormAwsAndBotocoreWrite() {
    Instant at = Instant.parse("2030-01-02T03:04:05Z");
    for (String text :
        List.of(
            "2030-01-02T03:04:05Z",
            "2030-01-02T03:04:05UTC",
            "2030-01-02T03:04:05+00:00",
            "2030-01-02T04:04:05+01:00",
            "2030-01-02T02:04:05-0100",
            "2030-01-02 03:04:05",
            "2030-01-02T03:04:05.000Z")) {
      assertThat(Timestamps.parse(text)).as(text).contains(at);
    }
    assertThat(Timestamps.parse("2030-01-02T03:04:05.25Z")).contains(at.plusMillis(250));
    assertThat(Timestamps.parse("tomorrow")).isEmpty();
    assertThat(Timestamps.cacheFormat(at)).isEqualTo("2030-01-02T03:04:05UTC");
    assertThat(Timestamps.zulu(at)).isEqualTo("2030-01-02T03:04:05Z");
  }

  @Test
  void anAdvisoryRefreshThatFailsKeepsTheCurrentCredentials() {
    MutableClock clock = new MutableClock(Chains.NOW);
    AtomicInteger calls = new AtomicInteger();
    Credentials first = new Credentials("ASIA1", "s", "t", Chains.NOW.plus(Duration.ofHours(1)));
    RefreshingCredentials credentials =
        RefreshingCredentials.of(
            first,
            () -> {
              calls.incrementAndGet();
              throw new CredentialException.RetrievalFailed(CredentialSource.PROCESS, "down");
            },
            clock,
            CredentialSource.PROCESS);
    clock.advance(Duration.ofMinutes(47)); // 13 minutes left: advisory
    assertThat(credentials.get()).isSameAs(first);
    assertThat(calls).hasValue(1);
    clock.advance(Duration.ofMinutes(4)); // 9 minutes left: mandatory
    assertThatThrownBy(credentials::get)
        .hasMessage("Error when retrieving credentials from custom-process: down");
  }

  @Test
  void credentialsWithoutExpiryAreNeverRefreshed() {
    AtomicInteger calls = new AtomicInteger();
    RefreshingCredentials credentials =
        RefreshingCredentials.of(
            Credentials.of("AKIA", "s"),
            () -> {
              calls.incrementAndGet();
              return Credentials.of("AKIA2", "s");
            },
            new MutableClock(Chains.NOW),
            CredentialSource.PROCESS);
    assertThat(credentials.get().accessKeyId()).isEqualTo("AKIA");
    assertThat(calls).hasValue(0);
  }

  @Test
  void theChainRemembersTheProviderThatWon() throws Exception {
    TestHome.credentials(home, "[default]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n");
    CredentialChain chain = Chains.builder(home, Map.of()).build();
    assertThat(chain.resolve().credentials().accessKeyId()).isEqualTo("AKIA1");
    // The files are read once, at build: a change afterwards is not seen by this chain.
    TestHome.credentials(home, "");
    assertThat(chain.resolve().credentials().accessKeyId()).isEqualTo("AKIA1");
  }

  @Test
  void toStringsCarryNoSecret() {
    StsClient.WebIdentityRequest request =
        new StsClient.WebIdentityRequest("arn:aws:iam::1:role/r", "s", "the-jwt", null);
    assertThat(request.toString()).doesNotContain("the-jwt");
    ResolvedCredentials resolved =
        new ResolvedCredentials(
            new Credentials("ASIA", "the-secret", "the-token", null),
            CredentialSource.ENVIRONMENT,
            java.util.Optional.empty());
    assertThat(resolved.toString()).doesNotContain("the-secret").doesNotContain("the-token");
  }
}
