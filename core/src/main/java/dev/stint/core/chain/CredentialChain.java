package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.internal.http.HttpTransport;
import dev.stint.core.profile.Profile;
import dev.stint.core.profile.ProfileFiles;
import dev.stint.core.profile.Profiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The AWS CLI's credential provider chain, resolved as botocore resolves it. Order: explicit
 * credentials, environment variables, an assume-role profile, web identity, IAM Identity Center,
 * the shared credentials file, {@code credential_process}, the config file, the container endpoint,
 * instance metadata. An explicit profile ({@code --profile}) turns the environment variables off;
 * otherwise the profile is {@code AWS_PROFILE}, then {@code AWS_DEFAULT_PROFILE}, then {@code
 * default}. A provider that is not configured is passed over; one that is configured and broken
 * stops the chain with a {@link CredentialException}.
 *
 * <p>The first success is remembered: later {@link #resolve()} calls go straight to that provider,
 * whose temporary credentials are refreshed 15 minutes (advisory) or 10 minutes (mandatory) before
 * they expire. Role, web identity and Identity Center credentials are shared with the AWS CLI
 * through {@code ~/.aws/cli/cache}, and Identity Center tokens through {@code ~/.aws/sso/cache}.
 *
 * <p>Thread-safe. Both shared files are read once, by {@link Builder#build()}.
 */
public final class CredentialChain {

  /** Link-local endpoints answer at once or not at all; botocore gives them one or two seconds. */
  private static final Duration METADATA_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private record Winner(
      CredentialSupplier supplier, CredentialSource source, Optional<String> profile) {}

  private final ChainContext context;
  private final Optional<Credentials> explicit;
  private final Optional<String> explicitRegion;
  private final boolean profileChosen;
  private final AtomicReference<Winner> winner = new AtomicReference<>();
  private final ReentrantLock resolving = new ReentrantLock();

  private CredentialChain(
      ChainContext context,
      Optional<Credentials> explicit,
      Optional<String> explicitRegion,
      boolean profileChosen) {
    this.context = context;
    this.explicit = explicit;
    this.explicitRegion = explicitRegion;
    this.profileChosen = profileChosen;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The profile in use: {@code --profile}, else {@code AWS_PROFILE}, {@code AWS_DEFAULT_PROFILE},
   * {@code default}.
   */
  public String profileName() {
    return context.profileName();
  }

  /**
   * The region: the builder's, else {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, the profile's
   * {@code region}.
   *
   * @throws CredentialException.ProfileNotFound when the profile was named and does not exist
   */
  public Optional<String> region() {
    checkProfile();
    return context.region();
  }

  /**
   * Current credentials, from the provider that first supplied any, refreshed when near expiry.
   *
   * @throws CredentialException.NotFound when no provider is configured, listing each one's reason
   * @throws CredentialException when a configured provider fails
   */
  public ResolvedCredentials resolve() {
    Winner known = winner.get();
    if (known == null) {
      resolving.lock();
      try {
        known = winner.get();
        if (known == null) {
          known = search();
          winner.set(known);
        }
      } finally {
        resolving.unlock();
      }
    }
    return new ResolvedCredentials(known.supplier().get(), known.source(), known.profile());
  }

  /**
   * An STS client for this chain's profile and region, with the endpoint botocore would use for
   * them ({@code AWS_ENDPOINT_URL_STS}, {@code AWS_ENDPOINT_URL}, the profile's {@code [services]}
   * section or {@code endpoint_url}, else AWS's), the chain's clock and HTTP timeout.
   *
   * @throws CredentialException.ProfileNotFound when the profile was named and does not exist
   * @throws CredentialException.InvalidConfig when the configured endpoint is not a URL
   */
  public StsClient sts() {
    checkProfile();
    return context.sts();
  }

  /**
   * When the AWS CLI cache entry ({@code ~/.aws/cli/cache}) of this chain's profile expires, for a
   * profile whose credentials are cached there: one that assumes a role, assumes a role with a web
   * identity token file it names, or signs in with IAM Identity Center. Empty for every other
   * profile and when there is no readable entry. Reads the cache only: no call, no lock, no prompt.
   */
  public Optional<Instant> cachedExpiry() {
    Map<String, String> p = context.activeProfile().map(Profile::properties).orElse(Map.of());
    String key;
    if (AssumeRoleProvider.hasRoleConfig(p)) {
      key = AssumeRoleProvider.cacheKey(p);
    } else if (isSet(p.get("web_identity_token_file")) && isSet(p.get("role_arn"))) {
      key =
          WebIdentityProvider.cacheKey(
              p.get("role_arn"),
              Optional.ofNullable(p.get("role_session_name")).filter(CredentialChain::isSet));
    } else if (p.containsKey("sso_role_name") && p.containsKey("sso_account_id")) {
      String session = p.get("sso_session");
      String startUrl = p.get("sso_start_url");
      if (session == null && startUrl == null) {
        return Optional.empty();
      }
      key =
          SsoProvider.cacheKey(p.get("sso_role_name"), p.get("sso_account_id"), session, startUrl);
    } else {
      return Optional.empty();
    }
    return context
        .roleCache()
        .read(key)
        .flatMap(CachedFetch::credentials)
        .map(Credentials::expiration);
  }

  private static boolean isSet(String value) {
    return value != null && !value.isEmpty();
  }

  private Winner search() {
    if (explicit.isPresent()) {
      return new Winner(
          CredentialSupplier.fixed(explicit.get()), CredentialSource.EXPLICIT, Optional.empty());
    }
    checkProfile();
    List<CredentialException.Attempt> attempts = new ArrayList<>();
    for (Provider provider : providers()) {
      switch (provider.load()) {
        case Provider.Found found -> {
          // Fetch now, so a broken deferred provider fails here and is not remembered.
          found.supplier().get();
          return new Winner(found.supplier(), provider.source(), found.profile());
        }
        case Provider.Skipped skipped ->
            attempts.add(new CredentialException.Attempt(provider.source(), skipped.reason()));
      }
    }
    throw new CredentialException.NotFound(attempts);
  }

  private List<Provider> providers() {
    String profile = context.profileName();
    List<Provider> providers = new ArrayList<>();
    providers.add(new EnvironmentProvider(context, context.profileExplicit()));
    providers.add(new AssumeRoleProvider(context, profile));
    providers.addAll(ProfileProviders.forProfile(context, profile, context.profileExplicit()));
    providers.add(new ContainerProvider(context));
    providers.add(new InstanceMetadataProvider(context));
    return providers;
  }

  /** A profile that was asked for by name must exist; {@code default} by default need not. */
  private void checkProfile() {
    if (profileChosen && context.activeProfile().isEmpty()) {
      throw new CredentialException.ProfileNotFound(context.profileName());
    }
  }

  /** What the providers read; for {@link SsoLogin}, which shares the files, seams and caches. */
  ChainContext context() {
    return context;
  }

  /** Whether a profile was named ({@code --profile}, {@code AWS_PROFILE} or the default's). */
  boolean profileChosen() {
    return profileChosen;
  }

  @Override
  public String toString() {
    return "CredentialChain[profile=" + context.profileName() + "]";
  }

  /** Configures a chain. Not thread-safe; the chain it builds is. */
  public static final class Builder {
    private Map<String, String> environment;
    private Path home;
    private Clock clock = Clock.systemUTC();
    private Optional<String> profile = Optional.empty();
    private Optional<Credentials> credentials = Optional.empty();
    private Optional<String> region = Optional.empty();
    private MfaPrompt mfaPrompt = MfaPrompt.none();
    private Duration httpTimeout = Duration.ofSeconds(10);
    private HttpTransport transport;
    private RequestSigner signer;
    private URI containerHost = URI.create("http://169.254.170.2");
    private URI metadataHost = URI.create("http://169.254.169.254/");
    private ChainContext.Sleeper sleeper = duration -> Thread.sleep(duration);

    private Builder() {}

    /** The process environment (required): pass {@code System.getenv()} at the edge. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** The home directory {@code ~} (required). */
    public Builder home(Path home) {
      this.home = Objects.requireNonNull(home, "home");
      return this;
    }

    /** The clock for expiry decisions and signing; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The profile given on the command line ({@code --profile}); empty when none was. */
    public Builder profile(Optional<String> profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /** As {@link #profile(Optional)}. */
    public Builder profile(String profile) {
      return profile(Optional.of(profile));
    }

    /** Credentials given directly, which win over every provider. */
    public Builder credentials(Credentials credentials) {
      this.credentials = Optional.of(credentials);
      return this;
    }

    /** The region given on the command line ({@code --region}). */
    public Builder region(Optional<String> region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Asks for MFA codes; by default a code that is needed is an error. */
    public Builder mfaPrompt(MfaPrompt mfaPrompt) {
      this.mfaPrompt = Objects.requireNonNull(mfaPrompt, "mfaPrompt");
      return this;
    }

    /** The bound on connecting to, and on each whole call to, STS, the SSO portal and OIDC. */
    public Builder httpTimeout(Duration httpTimeout) {
      if (httpTimeout.isNegative() || httpTimeout.isZero()) {
        throw new IllegalArgumentException("httpTimeout must be positive: " + httpTimeout);
      }
      this.httpTimeout = httpTimeout;
      return this;
    }

    Builder transport(HttpTransport transport) {
      this.transport = transport;
      return this;
    }

    Builder signer(RequestSigner signer) {
      this.signer = signer;
      return this;
    }

    Builder containerHost(URI containerHost) {
      this.containerHost = containerHost;
      return this;
    }

    Builder metadataHost(URI metadataHost) {
      this.metadataHost = metadataHost;
      return this;
    }

    Builder sleeper(ChainContext.Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Reads both shared files and builds the chain.
     *
     * @throws dev.stint.core.profile.ProfileFileException when a file is malformed or unreadable
     */
    public CredentialChain build() {
      Objects.requireNonNull(environment, "environment is required");
      Objects.requireNonNull(home, "home is required");
      Path config = ProfileFiles.configFile(environment, home);
      Path credentialsFile = ProfileFiles.credentialsFile(environment, home);
      // A directory stands in for "no such file": the loader reads it as empty.
      Path none = config.toAbsolutePath().getRoot();
      Profiles merged = ProfileFiles.load(config, credentialsFile);
      Profiles configOnly = ProfileFiles.load(config, none);
      Profiles credentialsOnly = ProfileFiles.load(none, credentialsFile);
      Optional<String> fromEnvironment =
          Optional.ofNullable(environment.get("AWS_PROFILE"))
              .or(() -> Optional.ofNullable(environment.get("AWS_DEFAULT_PROFILE")));
      String profileName = profile.or(() -> fromEnvironment).orElse("default");
      boolean chosen = profile.isPresent() || fromEnvironment.isPresent();
      Optional<String> resolvedRegion =
          region
              .or(() -> nonEmpty(environment.get("AWS_REGION")))
              .or(() -> nonEmpty(environment.get("AWS_DEFAULT_REGION")))
              .or(() -> merged.profile(profileName).flatMap(p -> p.property("region")))
              .flatMap(CredentialChain::nonEmptyValue);
      ChainContext context =
          new ChainContext(
              environment,
              home,
              clock,
              config,
              credentialsFile,
              merged,
              configOnly,
              credentialsOnly,
              profileName,
              profile.isPresent(),
              resolvedRegion,
              transport != null ? transport : HttpTransport.create(httpTimeout),
              transport != null ? transport : HttpTransport.create(METADATA_CONNECT_TIMEOUT),
              httpTimeout,
              signer != null ? signer : Signing.sigV4(),
              mfaPrompt,
              containerHost,
              metadataHost,
              sleeper);
      return new CredentialChain(context, credentials, region, chosen);
    }

    private static Optional<String> nonEmpty(String value) {
      return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
  }

  private static Optional<String> nonEmptyValue(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
