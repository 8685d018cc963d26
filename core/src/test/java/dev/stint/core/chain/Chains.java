package dev.stint.core.chain;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Chains for tests: the given home and environment, instance metadata off unless a test turns it
 * on, and both link-local hosts replaced by a closed loopback port, so no test can reach
 * 169.254.169.254 or 169.254.170.2. Signing is checked by the fake STS against the AWS SDK.
 */
final class Chains {

  static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
  static final URI CLOSED = URI.create("http://127.0.0.1:9/");

  private Chains() {}

  static CredentialChain.Builder builder(Path home, Map<String, String> environment, Clock clock) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.putAll(environment);
    env.values().removeIf(v -> v == null);
    return CredentialChain.builder()
        .home(home)
        .environment(env)
        .clock(clock)
        .containerHost(CLOSED)
        .metadataHost(CLOSED)
        .sleeper(duration -> {});
  }

  static CredentialChain.Builder builder(Path home, Map<String, String> environment) {
    return builder(home, environment, Clock.fixed(NOW, java.time.ZoneOffset.UTC));
  }
}
