package dev.stint.core.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two OIDC grants of a sign-in, as botocore's {@code SSOTokenFetcher} (device code) and {@code
 * SSOTokenFetcherAuth} (authorization code with PKCE) run them, each on a client registration it
 * reuses from the cache or makes. One instance per sign-in; not thread-safe.
 */
final class SsoSignIn {

  /** RFC 8628: the interval when the service names none, and what {@code slow_down} adds. */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  static final Duration SLOW_DOWN = Duration.ofSeconds(5);

  private static final String VERIFIER_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  /**
   * A sign-in's tokens and the registration that got them.
   *
   * @param requestedAt when the token was asked for: its lifetime counts from there
   */
  record Result(SsoOidc.Registration registration, SsoOidc.Tokens tokens, Instant requestedAt) {}

  private final ChainContext context;
  private final SsoOidc oidc;
  private final SsoRegistrations registrations;
  private final SecureRandom random;
  private final Duration callbackTimeout;

  SsoSignIn(
      ChainContext context,
      SsoOidc oidc,
      SsoRegistrations registrations,
      SecureRandom random,
      Duration callbackTimeout) {
    this.context = context;
    this.oidc = oidc;
    this.registrations = registrations;
    this.random = random;
    this.callbackTimeout = callbackTimeout;
  }

  /**
   * The device code grant: starts an authorization, shows the code, and polls CreateToken every
   * {@code interval} (5 seconds more after each {@code slow_down}) until the person answers or the
   * code expires.
   */
  Result deviceCode(SsoLogin.Session session, SsoLogin.Prompt prompt) {
    SsoOidc.Registration registration =
        registration(session, false, Optional.empty(), List.of(), null);
    SsoOidc.DeviceAuthorization authorization =
        oidc.startDeviceAuthorization(registration, session.startUrl());
    Instant deadline = context.clock().instant().plus(authorization.expiresIn());
    Duration interval = authorization.interval().orElse(DEFAULT_INTERVAL);
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      interval = Duration.ofSeconds(1);
    }
    prompt.deviceCode(
        new SsoLogin.DeviceCode(
            authorization.userCode(),
            authorization.verificationUri(),
            authorization.verificationUriComplete()));
    // Each poll waits at least a second, so this many polls outlast the code whatever the clock.
    long polls = authorization.expiresIn().toSeconds() + 1;
    for (long poll = 0; poll < polls; poll++) {
      sleep(interval);
      Instant now = context.clock().instant();
      if (now.isAfter(deadline)) {
        break;
      }
      try {
        return new Result(
            registration, oidc.pollDeviceCode(registration, authorization.deviceCode()), now);
      } catch (AwsCallException.ServiceError e) {
        switch (e.code()) {
          case "AuthorizationPendingException", "authorization_pending" -> {}
          case "SlowDownException", "slow_down" -> interval = interval.plus(SLOW_DOWN);
          case "ExpiredTokenException", "expired_token" -> throw expired();
          case "AccessDeniedException", "access_denied" -> throw new SsoLoginException.Denied();
          default -> throw e;
        }
      }
    }
    throw expired();
  }

  private static SsoLoginException.Expired expired() {
    return new SsoLoginException.Expired(
        "The device code expired before the sign-in was approved; run the command again.");
  }

  /**
   * The authorization code grant with PKCE (S256): listens on {@code 127.0.0.1}, shows the {@code
   * /authorize} page with a fresh verifier's challenge and a fresh state, waits for the browser and
   * redeems its code.
   */
  Result authorizationCode(SsoLogin.Session session, SsoLogin.Prompt prompt) {
    List<String> scopes =
        session
            .registrationScopes()
            .filter(s -> !s.isEmpty())
            .orElse(List.of(SsoLogin.DEFAULT_SCOPE));
    try (LoopbackCallback callback = LoopbackCallback.open()) {
      SsoOidc.Registration registration =
          registration(
              session,
              true,
              Optional.of(List.of(SsoLogin.AUTHORIZATION_CODE, SsoLogin.REFRESH_TOKEN)),
              List.of(LoopbackCallback.REGISTERED_REDIRECT_URI),
              session.startUrl());
      String verifier = verifier();
      String state = HexFormat.of().formatHex(bytes(16));
      List<Map.Entry<String, String>> query = new ArrayList<>();
      query.add(Map.entry("response_type", "code"));
      query.add(Map.entry("client_id", registration.clientId()));
      query.add(Map.entry("redirect_uri", callback.redirectUri()));
      query.add(Map.entry("state", state));
      query.add(Map.entry("code_challenge_method", "S256"));
      query.add(Map.entry("scopes", String.join(" ", scopes)));
      query.add(Map.entry("code_challenge", challenge(verifier)));
      URI page = Calls.resolve(oidc.endpoint(), "/authorize", Calls.form(query));
      prompt.authorizationPage(page);
      LoopbackCallback.Answer answer =
          callback
              .await(callbackTimeout)
              .orElseThrow(
                  () ->
                      new SsoLoginException.Expired(
                          "No answer came back from the browser within "
                              + spoken(callbackTimeout)
                              + "; run the command again."));
      if (answer.error().isPresent()) {
        if (answer.error().get().equals("access_denied")) {
          throw new SsoLoginException.Denied();
        }
        // Whoever reached the listener wrote these: keep them short and printable.
        throw new AwsCallException.ServiceError(
            "Authorize",
            printable(answer.error().get(), 64),
            printable(
                answer.errorDescription().orElse("the authorization request was refused"), 200),
            400,
            null);
      }
      if (!answer.state().orElse("").equals(state)) {
        throw new SsoLoginException.StateMismatch();
      }
      Instant now = context.clock().instant();
      try {
        return new Result(
            registration,
            oidc.redeemCode(
                registration, answer.code().orElseThrow(), callback.redirectUri(), verifier),
            now);
      } catch (AwsCallException.ServiceError e) {
        if (e.code().equals("ExpiredTokenException")) {
          throw new SsoLoginException.Expired(
              "The authorization code expired before it was redeemed; run the command again.");
        }
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1 for the browser", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SsoLoginException.Expired("Interrupted while waiting for the browser.");
    }
  }

  /** The cached registration for the grant, or a new one, kept for the next sign-in. */
  private SsoOidc.Registration registration(
      SsoLogin.Session session,
      boolean forAuthorizationCode,
      Optional<List<String>> grantTypes,
      List<String> redirectUris,
      String issuerUrl) {
    Optional<SsoOidc.Registration> cached =
        registrations.reusable(session, forAuthorizationCode, context.clock().instant());
    if (cached.isPresent()) {
      return cached.get();
    }
    Optional<List<String>> scopes =
        forAuthorizationCode
            ? Optional.of(
                session
                    .registrationScopes()
                    .filter(s -> !s.isEmpty())
                    .orElse(List.of(SsoLogin.DEFAULT_SCOPE)))
            : session.registrationScopes();
    String name =
        "stint-client-"
            + session
                .name()
                .orElseGet(() -> Long.toString(context.clock().instant().getEpochSecond()));
    SsoOidc.Registration registration =
        oidc.register(name, scopes, grantTypes, redirectUris, issuerUrl);
    try {
      registrations.keep(session, registration);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the client registration cache: " + e, e);
    }
    return registration;
  }

  /** {@code 10 minutes}, {@code 1 second}. */
  static String spoken(Duration duration) {
    long seconds = Math.max(1, duration.toSeconds());
    long amount = seconds % 60 == 0 ? seconds / 60 : seconds;
    String unit = seconds % 60 == 0 ? "minute" : "second";
    return amount + " " + unit + (amount == 1 ? "" : "s");
  }

  private static String printable(String text, int max) {
    StringBuilder out = new StringBuilder();
    text.codePoints().limit(max).forEach(c -> out.appendCodePoint(c >= 0x20 && c < 0x7f ? c : '?'));
    return out.toString();
  }

  private void sleep(Duration duration) {
    try {
      context.sleeper().sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SsoLoginException.Expired("Interrupted while waiting for the sign-in.");
    }
  }

  /** RFC 7636 section 4.1: 64 characters of the unreserved set, as botocore makes them. */
  private String verifier() {
    StringBuilder verifier = new StringBuilder(64);
    for (int i = 0; i < 64; i++) {
      verifier.append(VERIFIER_ALPHABET.charAt(random.nextInt(VERIFIER_ALPHABET.length())));
    }
    return verifier.toString();
  }

  /** RFC 7636's S256: BASE64URL(SHA-256(ASCII(verifier))), unpadded. */
  static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }
}
