package dev.stint.core.chain;

import dev.stint.core.internal.http.HttpTransport;
import dev.stint.core.profile.Profile;
import dev.stint.core.profile.Profiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the providers read, fixed when the chain is built: the environment, home directory,
 * clock, both shared files (merged as botocore's {@code full_config}, and each alone for the two
 * providers that read one file), the profile, the region and the HTTP seams. Immutable and
 * thread-safe.
 *
 * @param environment the process environment
 * @param home the home directory ({@code ~})
 * @param clock the clock for expiry decisions and signing
 * @param configFile where the config file is (for messages)
 * @param credentialsFile where the credentials file is (for messages)
 * @param profiles both files merged, credentials winning
 * @param configOnly the config file alone
 * @param credentialsOnly the credentials file alone
 * @param profileName the active profile
 * @param profileExplicit whether {@code --profile} chose it, which turns the environment off
 * @param region the region for STS calls, if one is configured
 * @param transport the HTTP client for STS, the SSO portal and OIDC
 * @param metadataTransport the HTTP client for the container and instance metadata endpoints, whose
 *     connections must open within a couple of seconds
 * @param httpTimeout the bound on each STS, SSO and OIDC call
 * @param signer the SigV4 signer
 * @param mfaPrompt asks for MFA codes
 * @param containerHost the base of {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}
 * @param metadataHost the default instance metadata base
 * @param sleeper pauses between container-endpoint retries
 */
record ChainContext(
    Map<String, String> environment,
    Path home,
    Clock clock,
    Path configFile,
    Path credentialsFile,
    Profiles profiles,
    Profiles configOnly,
    Profiles credentialsOnly,
    String profileName,
    boolean profileExplicit,
    Optional<String> region,
    HttpTransport transport,
    HttpTransport metadataTransport,
    Duration httpTimeout,
    RequestSigner signer,
    MfaPrompt mfaPrompt,
    URI containerHost,
    URI metadataHost,
    Sleeper sleeper) {

  /** Pauses a thread; a seam so retry tests need not wait. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  ChainContext {
    environment = Map.copyOf(environment);
  }

  Optional<Profile> profile(String name) {
    return profiles.profile(name);
  }

  Optional<Profile> activeProfile() {
    return profiles.profile(profileName);
  }

  /** A variable's value, with empty counted as unset. */
  Optional<String> variable(String name) {
    String value = environment.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  Endpoints endpoints() {
    return new Endpoints(environment, profiles, activeProfile());
  }

  StsClient sts() {
    Endpoints.Endpoint endpoint = endpoints().resolve(Endpoints.Service.STS, region);
    return new StsClient(
        transport, endpoint.uri(), endpoint.signingRegion(), clock, httpTimeout, signer);
  }

  CliCache roleCache() {
    return CliCache.roleCredentials(home);
  }

  CliCache ssoTokenCache() {
    return CliCache.ssoTokens(home);
  }

  @Override
  public String toString() {
    return "ChainContext[profile=" + profileName + ", home=" + home + "]";
  }
}
