package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import java.time.Instant;
import java.util.Optional;

/**
 * Credentials from {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, the token from {@code
 * AWS_SECURITY_TOKEN} or else {@code AWS_SESSION_TOKEN}, and an expiry from {@code
 * AWS_CREDENTIAL_EXPIRATION}; empty values count as unset. With an expiry the variables are read
 * again when it nears, as botocore does, which finds the same values and so reports them expired
 * once they are. Immutable and thread-safe.
 */
final class EnvironmentProvider implements Provider {

  private final ChainContext context;
  private final boolean disabled;

  EnvironmentProvider(ChainContext context, boolean disabled) {
    this.context = context;
    this.disabled = disabled;
  }

  @Override
  public CredentialSource source() {
    return CredentialSource.ENVIRONMENT;
  }

  @Override
  public Outcome load() {
    if (disabled) {
      return new Skipped("not read because a profile was given explicitly");
    }
    if (context.variable("AWS_ACCESS_KEY_ID").isEmpty()) {
      return new Skipped("AWS_ACCESS_KEY_ID is not set");
    }
    Credentials initial = read(false);
    if (initial.expiration() == null) {
      return new Found(CredentialSupplier.fixed(initial), Optional.empty());
    }
    return new Found(
        RefreshingCredentials.of(initial, () -> read(true), context.clock(), source()),
        Optional.empty());
  }

  private Credentials read(boolean requireExpiry) {
    String accessKeyId =
        context.variable("AWS_ACCESS_KEY_ID").orElseThrow(() -> partial("AWS_ACCESS_KEY_ID"));
    String secret =
        context
            .variable("AWS_SECRET_ACCESS_KEY")
            .orElseThrow(() -> partial("AWS_SECRET_ACCESS_KEY"));
    String token =
        context
            .variable("AWS_SECURITY_TOKEN")
            .or(() -> context.variable("AWS_SESSION_TOKEN"))
            .orElse(null);
    Optional<String> expiration = context.variable("AWS_CREDENTIAL_EXPIRATION");
    if (requireExpiry && expiration.isEmpty()) {
      throw partial("AWS_CREDENTIAL_EXPIRATION");
    }
    Instant expiry =
        expiration
            .map(
                text ->
                    Timestamps.parse(text)
                        .orElseThrow(
                            () ->
                                new CredentialException.InvalidConfig(
                                    "AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 timestamp: "
                                        + text)))
            .orElse(null);
    return new Credentials(accessKeyId, secret, token, expiry);
  }

  private CredentialException partial(String variable) {
    return new CredentialException.PartialCredentials(source(), variable);
  }
}
