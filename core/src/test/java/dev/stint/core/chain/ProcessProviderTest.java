package dev.stint.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.core.credentials.Credentials;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code credential_process}, as the "Sourcing credentials with an external process" page says. */
class ProcessProviderTest {

  @TempDir Path home;

  private ResolvedCredentials resolve(String command) throws Exception {
    TestHome.config(home, "[default]\ncredential_process = " + command + "\n");
    return Chains.builder(home, Map.of("PATH", "/usr/bin:/bin")).build().resolve();
  }

  @Test
  void readsVersionOneJson() throws Exception {
    Path script = home.resolve("creds.sh");
    TestHome.write(
        script,
        "printf '{\"Version\": 1, \"AccessKeyId\": \"ASIAPROC\", \"SecretAccessKey\": \"s\","
            + " \"SessionToken\": \"t\", \"Expiration\": \"2030-01-01T18:00:00Z\"}'\n");
    ResolvedCredentials resolved = resolve("sh " + script);
    assertThat(resolved.credentials())
        .isEqualTo(new Credentials("ASIAPROC", "s", "t", Instant.parse("2030-01-01T18:00:00Z")));
    assertThat(resolved.source()).isEqualTo(CredentialSource.PROCESS);
    assertThat(resolved.profile()).contains("default");
  }

  @Test
  void theLineIsSplitLikeShlexAndNoShellRuns() throws Exception {
    ResolvedCredentials resolved =
        resolve(
            "/bin/echo '{\"Version\": 1, \"AccessKeyId\": \"$HOME\", \"SecretAccessKey\": \"a b\"}'");
    assertThat(resolved.credentials()).isEqualTo(Credentials.of("$HOME", "a b"));
  }

  @Test
  void aFailingProcessReportsItsStandardError() throws Exception {
    assertThatThrownBy(() -> resolve("sh -c \"echo boom >&2; exit 3\""))
        .isInstanceOf(CredentialException.RetrievalFailed.class)
        .hasMessage("Error when retrieving credentials from custom-process: boom\n");
  }

  @Test
  void anotherVersionIsRefused() throws Exception {
    assertThatThrownBy(() -> resolve("echo {\\\"Version\\\": 2}"))
        .hasMessage(
            "Error when retrieving credentials from custom-process: Unsupported version '2' for"
                + " credential process provider, supported versions: 1");
    assertThatThrownBy(() -> resolve("echo {}"))
        .hasMessage(
            "Error when retrieving credentials from custom-process: Unsupported version '<Version"
                + " key not provided>' for credential process provider, supported versions: 1");
  }

  @Test
  void aMissingKeyIsNamedAsPythonWould() throws Exception {
    assertThatThrownBy(() -> resolve("echo {\\\"Version\\\": 1, \\\"AccessKeyId\\\": \\\"A\\\"}"))
        .hasMessage(
            "Error when retrieving credentials from custom-process: Missing required key in"
                + " response: 'SecretAccessKey'");
  }

  @Test
  void anUnbalancedQuoteIsAConfigError() throws Exception {
    assertThatThrownBy(() -> resolve("echo 'oops"))
        .isInstanceOf(CredentialException.InvalidConfig.class)
        .hasMessage(
            "The credential_process of profile default cannot be split: No closing quotation");
  }

  @Test
  void expiringCredentialsRunTheProcessAgain() throws Exception {
    Path counter = home.resolve("count");
    Path script = home.resolve("creds.sh");
    TestHome.write(
        script,
        "n=$(cat "
            + counter
            + " 2>/dev/null || echo 0); n=$((n+1)); echo $n > "
            + counter
            + "\nprintf '{\"Version\": 1, \"AccessKeyId\": \"ASIA%s\", \"SecretAccessKey\": \"s\","
            + " \"Expiration\": \"2030-01-01T13:00:00Z\"}' $n\n");
    TestHome.config(home, "[default]\ncredential_process = sh " + script + "\n");
    MutableClock clock = new MutableClock(Chains.NOW);
    CredentialChain chain = Chains.builder(home, Map.of("PATH", "/usr/bin:/bin"), clock).build();
    assertThat(chain.resolve().credentials().accessKeyId()).isEqualTo("ASIA1");
    clock.advance(Duration.ofMinutes(55));
    // The process prints the same expiry again: refreshed, still within the window, kept.
    assertThat(chain.resolve().credentials().accessKeyId()).isEqualTo("ASIA2");
  }
}
