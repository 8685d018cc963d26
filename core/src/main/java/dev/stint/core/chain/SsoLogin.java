package dev.stint.core.chain;

import dev.stint.core.internal.http.HttpTransport;
import dev.stint.core.profile.Profile;
import dev.stint.core.profile.Profiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs a person in to IAM Identity Center as {@code aws sso login} does and leaves the token where
 * the AWS CLI, the SDKs and the chain read it ({@code ~/.aws/sso/cache}); lists the accounts and
 * roles the token opens; and signs out as {@code aws sso logout} does. The OIDC and portal
 * endpoints are chosen as the chain chooses them ({@code AWS_ENDPOINT_URL_SSO_OIDC}, {@code
 * AWS_ENDPOINT_URL_SSO}, {@code AWS_ENDPOINT_URL}, the profile's {@code [services]} section or
 * {@code endpoint_url}, else AWS's regional hosts).
 *
 * <p>Two flows: the authorization code grant with PKCE (the default of {@code aws sso login} since
 * CLI v2.22: a browser opens the portal's {@code /authorize} page and comes back to a listener on
 * {@code 127.0.0.1}) and the device code grant (the person types or confirms a code on the portal's
 * {@code /device} page). A legacy profile ({@code sso_start_url} in the profile, no {@code
 * sso-session}) always uses the device code, as the AWS CLI does.
 *
 * <p>Thread-safe: each call stands alone. The files are read once, by {@link Builder#build()}.
 */
public final class SsoLogin {

  static final String AUTHORIZATION_CODE = "authorization_code";
  static final String REFRESH_TOKEN = "refresh_token";
  static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  /** The scope the authorization code flow asks for when the session names none. */
  public static final String DEFAULT_SCOPE = "sso:account:access";

  /** How long the authorization code flow waits for the browser, as the AWS CLI does. */
  static final Duration CALLBACK_TIMEOUT = Duration.ofMinutes(10);

  /**
   * What to sign in to: an {@code [sso-session NAME]} section, or a legacy profile's start URL.
   *
   * @param startUrl the portal's start URL ({@code sso_start_url})
   * @param region the Identity Center region ({@code sso_region})
   * @param name the sso-session name; empty for a legacy profile
   * @param registrationScopes {@code sso_registration_scopes}, split at commas; empty when the
   *     session does not set it
   */
  public record Session(
      String startUrl,
      String region,
      Optional<String> name,
      Optional<List<String>> registrationScopes) {
    public Session {
      Objects.requireNonNull(startUrl, "startUrl");
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(name, "name");
      registrationScopes = registrationScopes.map(List::copyOf);
      if (startUrl.isBlank() || region.isBlank()) {
        throw new IllegalArgumentException("the start URL and the region must not be empty");
      }
    }

    /**
     * The AWS CLI's {@code parse_sso_registration_scopes}: split at commas, trimmed, no empties.
     */
    public static List<String> parseScopes(String raw) {
      List<String> scopes = new ArrayList<>();
      for (String scope : raw.split(",", -1)) {
        String trimmed = scope.strip();
        if (!trimmed.isEmpty()) {
          scopes.add(trimmed);
        }
      }
      return List.copyOf(scopes);
    }

    SsoToken.Config tokenConfig() {
      return new SsoToken.Config(startUrl, region, name.orElse(null));
    }
  }

  /** Which grant signs the person in. */
  public enum Flow {
    /** A browser and a listener on {@code 127.0.0.1} (PKCE). */
    AUTHORIZATION_CODE,
    /** A code the person confirms on the portal's device page. */
    DEVICE_CODE
  }

  /**
   * A device code to show.
   *
   * @param userCode the code the person checks or types
   * @param verificationUri the page to open
   * @param verificationUriComplete the page with the code filled in
   */
  public record DeviceCode(
      String userCode, String verificationUri, String verificationUriComplete) {}

  /** Shows the person what to do; called once per sign-in, before the wait. */
  public interface Prompt {
    /** The device code flow: open this page and confirm this code. */
    void deviceCode(DeviceCode code);

    /** The authorization code flow: open this page in a browser on this machine. */
    void authorizationPage(URI page);
  }

  /**
   * A finished sign-in.
   *
   * @param startUrl the start URL signed in to
   * @param expiresAt when the access token expires (a session's is refreshed before then)
   * @param cacheFile the token cache file written
   */
  public record SignedIn(String startUrl, Instant expiresAt, Path cacheFile) {}

  /** An account the token opens ({@code ListAccounts}). */
  public record Account(String accountId, String accountName, String emailAddress) {}

  /**
   * What {@link #logout()} did.
   *
   * @param tokens the token cache files removed
   * @param credentials the role credential cache files removed
   * @param failures the Logout calls that did not succeed (the token was removed all the same); a
   *     token the portal no longer knows is not a failure
   */
  public record LoggedOut(int tokens, int credentials, List<AwsCallException> failures) {
    public LoggedOut {
      failures = List.copyOf(failures);
    }
  }

  private final ChainContext context;
  private final boolean profileChosen;
  private final SecureRandom random;
  private final Duration callbackTimeout;

  private SsoLogin(
      ChainContext context, boolean profileChosen, SecureRandom random, Duration callbackTimeout) {
    this.context = context;
    this.profileChosen = profileChosen;
    this.random = random;
    this.callbackTimeout = callbackTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * What to sign in to, read as {@code aws sso login} reads it: the {@code sso-session} named here,
   * else the one the profile names, else the profile's own {@code sso_start_url} and {@code
   * sso_region} (legacy).
   *
   * @throws CredentialException.ProfileNotFound when no session is named and the named profile does
   *     not exist
   * @throws CredentialException.InvalidConfig when the session does not exist or a setting is
   *     missing
   */
  public Session session(Optional<String> ssoSession) {
    if (ssoSession.isPresent()) {
      return namedSession(ssoSession.get());
    }
    Optional<Profile> profile = context.activeProfile();
    if (profile.isEmpty() && profileChosen) {
      throw new CredentialException.ProfileNotFound(context.profileName());
    }
    Map<String, String> values = profile.map(Profile::properties).orElse(Map.of());
    String sessionName = values.get("sso_session");
    if (sessionName != null) {
      return namedSession(sessionName);
    }
    List<String> missing = missing(values);
    if (!missing.isEmpty()) {
      throw new CredentialException.InvalidConfig(
          "Missing the following required SSO configuration values: "
              + String.join(", ", missing)
              + ". To make sure this profile is properly configured to use SSO, please run:"
              + " stint configure sso");
    }
    return new Session(
        values.get("sso_start_url"), values.get("sso_region"), Optional.empty(), Optional.empty());
  }

  private Session namedSession(String name) {
    Profiles.Section section =
        context
            .profiles()
            .ssoSession(name)
            .orElseThrow(
                () ->
                    new CredentialException.InvalidConfig(
                        "The specified sso-session does not exist: \"" + name + "\""));
    Map<String, String> values = section.properties();
    List<String> missing = missing(values);
    if (!missing.isEmpty()) {
      throw new CredentialException.InvalidConfig(
          "Missing the following required SSO configuration values: "
              + String.join(", ", missing)
              + " (in [sso-session "
              + name
              + "])");
    }
    return new Session(
        values.get("sso_start_url"),
        values.get("sso_region"),
        Optional.of(name),
        Optional.ofNullable(values.get("sso_registration_scopes")).map(Session::parseScopes));
  }

  private static List<String> missing(Map<String, String> values) {
    return List.of("sso_start_url", "sso_region").stream()
        .filter(key -> !values.containsKey(key))
        .toList();
  }

  /**
   * Signs in and writes the token cache file, 0600, atomically: {@code startUrl}, {@code region},
   * {@code accessToken}, {@code expiresAt} and, for an sso-session, {@code clientId}, {@code
   * clientSecret}, {@code registrationExpiresAt} and {@code refreshToken}, so the AWS CLI, the SDKs
   * and the chain refresh it. A legacy profile's token is never refreshed, so it keeps none of the
   * refresh fields.
   *
   * @throws SsoLoginException when the person denied, did not answer in time, or the browser
   *     brought back another request's answer
   * @throws AwsCallException when an OIDC call failed
   * @throws UncheckedIOException when the listener cannot start or the cache cannot be written
   */
  public SignedIn login(Session session, Flow flow, Prompt prompt) {
    Flow used = session.name().isEmpty() ? Flow.DEVICE_CODE : flow;
    SsoSignIn signIn =
        new SsoSignIn(
            context,
            new SsoOidc(context, session.region()),
            new SsoRegistrations(context.ssoTokenCache()),
            random,
            callbackTimeout);
    SsoSignIn.Result result =
        used == Flow.DEVICE_CODE
            ? signIn.deviceCode(session, prompt)
            : signIn.authorizationCode(session, prompt);
    Instant expiresAt = result.requestedAt().plus(result.tokens().expiresIn());
    Map<String, Object> token = new LinkedHashMap<>();
    token.put("startUrl", session.startUrl());
    token.put("region", session.region());
    token.put("accessToken", result.tokens().accessToken());
    token.put("expiresAt", Timestamps.zulu(expiresAt));
    if (session.name().isPresent()) {
      token.put("clientId", result.registration().clientId());
      token.put("clientSecret", result.registration().clientSecret());
      token.put("registrationExpiresAt", Timestamps.zulu(result.registration().expiresAt()));
      result.tokens().refreshToken().ifPresent(refresh -> token.put("refreshToken", refresh));
    }
    CliCache cache = context.ssoTokenCache();
    String key = SsoToken.cacheKey(session.tokenConfig());
    try {
      cache.locked(
          key,
          () -> {
            cache.write(key, token);
            return null;
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + cache.file(key) + ": " + e, e);
    }
    return new SignedIn(session.startUrl(), expiresAt, cache.file(key));
  }

  /**
   * Every account the cached token opens ({@code ListAccounts}, all pages), refreshing the token
   * first when it is near its end.
   *
   * @throws CredentialException.SsoLoginRequired when there is no valid token
   * @throws AwsCallException when the portal refused or could not be reached
   */
  public List<Account> accounts(Session session) {
    SsoPortal portal = new SsoPortal(context, session.region());
    return signedIn(() -> portal.accounts(accessToken(session)));
  }

  /** Every role of the account the cached token opens ({@code ListAccountRoles}, all pages). */
  public List<String> roles(Session session, String accountId) {
    SsoPortal portal = new SsoPortal(context, session.region());
    return signedIn(() -> portal.roles(accessToken(session), accountId));
  }

  /** A call with the token, where the portal's 401 means: sign in again. */
  private static <T> T signedIn(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsCallException.ServiceError e) {
      if (e.code().equals("UnauthorizedException")) {
        throw CredentialException.SsoLoginRequired.unauthorized(e);
      }
      throw e;
    }
  }

  private String accessToken(Session session) {
    return new SsoToken(context).accessToken(session.tokenConfig());
  }

  /**
   * Signs out as {@code aws sso logout} does: every token in {@code ~/.aws/sso/cache} is ended at
   * the portal ({@code Logout}, for a token that names its region) and its file removed, whatever
   * the portal answered; then every Identity Center entry of {@code ~/.aws/cli/cache} ({@code
   * "ProviderType": "sso"}) is removed. Client registrations stay.
   */
  public LoggedOut logout() {
    if (profileChosen && context.activeProfile().isEmpty()) {
      // As the AWS CLI does for any command: a profile asked for by name must exist, and nothing
      // is removed when it does not.
      throw new CredentialException.ProfileNotFound(context.profileName());
    }
    return new SsoSignOut(context).run();
  }

  @Override
  public String toString() {
    return "SsoLogin[profile=" + context.profileName() + "]";
  }

  /** Configures a sign-in. Not thread-safe; what it builds is. */
  public static final class Builder {
    private final CredentialChain.Builder chain = CredentialChain.builder();
    private SecureRandom random;
    private Duration callbackTimeout = CALLBACK_TIMEOUT;

    private Builder() {}

    /** The process environment (required). */
    public Builder environment(Map<String, String> environment) {
      chain.environment(environment);
      return this;
    }

    /** The home directory {@code ~} (required). */
    public Builder home(Path home) {
      chain.home(home);
      return this;
    }

    /** The clock for expiry times; the system clock by default. */
    public Builder clock(Clock clock) {
      chain.clock(clock);
      return this;
    }

    /** The profile given on the command line ({@code --profile}); empty when none was. */
    public Builder profile(Optional<String> profile) {
      chain.profile(profile);
      return this;
    }

    /** The bound on connecting to, and on each whole call to, OIDC and the portal. */
    public Builder httpTimeout(Duration httpTimeout) {
      chain.httpTimeout(httpTimeout);
      return this;
    }

    Builder transport(HttpTransport transport) {
      chain.transport(transport);
      return this;
    }

    /** Pauses between device code polls. */
    Builder sleeper(ChainContext.Sleeper sleeper) {
      chain.sleeper(sleeper);
      return this;
    }

    Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    Builder callbackTimeout(Duration callbackTimeout) {
      this.callbackTimeout = callbackTimeout;
      return this;
    }

    /**
     * Reads the shared files.
     *
     * @throws dev.stint.core.profile.ProfileFileException when a file is malformed or unreadable
     */
    public SsoLogin build() {
      CredentialChain built = chain.build();
      return new SsoLogin(
          built.context(),
          built.profileChosen(),
          random != null ? random : new SecureRandom(),
          callbackTimeout);
    }
  }
}
