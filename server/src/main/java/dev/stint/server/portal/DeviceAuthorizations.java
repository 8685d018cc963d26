package dev.stint.server.portal;

import static dev.stint.server.portal.OidcException.Error.ACCESS_DENIED;
import static dev.stint.server.portal.OidcException.Error.AUTHORIZATION_PENDING;
import static dev.stint.server.portal.OidcException.Error.EXPIRED_TOKEN;
import static dev.stint.server.portal.OidcException.Error.INVALID_GRANT;
import static dev.stint.server.portal.OidcException.Error.INVALID_REQUEST;
import static dev.stint.server.portal.OidcException.Error.SLOW_DOWN;

import dev.stint.server.store.Database;
import dev.stint.server.store.DeviceAuthorization;
import dev.stint.server.store.OidcClient;
import dev.stint.server.store.PortalSession;
import dev.stint.server.store.StoreException;
import dev.stint.server.store.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The OIDC device authorization grant (RFC 8628) as Identity Center runs it: a client starts one
 * ({@code StartDeviceAuthorization}) and polls {@code CreateToken}; a signed-in person enters or
 * confirms the user code on the device page and approves or denies it. Device codes live ten
 * minutes and work once. A client must leave the device code's interval (one second at first)
 * between two polls while the authorization is pending; a poll sooner is answered {@code slow_down}
 * and adds five seconds to that device code's interval for every later poll, in the store, so every
 * node applies it (RFC 8628 section 3.5). Thread-safe.
 */
public final class DeviceAuthorizations {
  public static final Duration LIFETIME = Duration.ofMinutes(10);
  public static final int INTERVAL_SECONDS = 1;

  /** What each {@code slow_down} adds to a device code's interval (RFC 8628 section 3.5). */
  public static final int SLOW_DOWN_SECONDS = 5;

  /** RFC 8628's recommended user-code alphabet: consonants, nothing to confuse or spell. */
  static final String USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

  static final String DEVICE_PREFIX = "sdc_";

  private final Database db;
  private final OidcClients clients;
  private final Secrets secrets;
  private final PortalAudit audit;
  private final Clock clock;

  DeviceAuthorizations(
      Database db, OidcClients clients, Secrets secrets, PortalAudit audit, Clock clock) {
    this.db = db;
    this.clients = clients;
    this.secrets = secrets;
    this.audit = audit;
    this.clock = clock;
  }

  /** What StartDeviceAuthorization answers. {@code toString} leaves the device code out. */
  public record Started(
      String deviceCode,
      String userCode,
      String verificationUri,
      String verificationUriComplete,
      int expiresIn,
      int interval) {
    @Override
    public String toString() {
      return "Started[userCode=" + userCode + ", deviceCode=<redacted>]";
    }
  }

  /**
   * A device authorization as the device page shows it.
   *
   * @param clientName the name the client registered with (the AWS CLI says {@code
   *     botocore-client-...})
   */
  public record Pending(
      String userCode,
      String clientName,
      String startUrl,
      Instant expires,
      DeviceAuthorization.Status status) {}

  /** What a redeemed device code stands for. */
  record Redeemed(String userId, String sessionHash) {}

  /**
   * Starts a device authorization for an authenticated client.
   *
   * @param origin the portal's origin, e.g. {@code http://127.0.0.1:8080}; the verification URI is
   *     {@code origin + "/device"}
   * @throws OidcException {@code InvalidClientException} for a bad client id or secret, {@code
   *     InvalidRequestException} without a start URL, {@code UnauthorizedClientException} when the
   *     client did not register for the device grant
   */
  public Started start(String clientId, String clientSecret, String startUrl, String origin) {
    OidcClient client = clients.authenticate(clientId, clientSecret);
    if (!OidcClients.grants(client, OidcClients.DEVICE_CODE)) {
      throw new OidcException(
          OidcException.Error.UNAUTHORIZED_CLIENT,
          "The client is not registered for the device code grant");
    }
    if (startUrl == null || startUrl.isBlank() || startUrl.length() > 1024) {
      throw new OidcException(INVALID_REQUEST, "Invalid start URL");
    }
    Instant now = clock.instant();
    for (int attempt = 0; ; attempt++) {
      String deviceCode = secrets.next(DEVICE_PREFIX);
      String raw = secrets.draw(USER_CODE_ALPHABET, 8);
      String userCode = raw.substring(0, 4) + "-" + raw.substring(4);
      try {
        db.oidc()
            .createDevice(
                new DeviceAuthorization(
                    Secrets.hash(deviceCode),
                    userCode,
                    client.id(),
                    startUrl,
                    now,
                    now.plus(LIFETIME),
                    INTERVAL_SECONDS,
                    null,
                    DeviceAuthorization.Status.PENDING,
                    null,
                    null));
      } catch (StoreException.EntityAlreadyExists e) {
        if (attempt < 3) {
          continue; // a user code collision; draw again
        }
        throw e;
      }
      String uri = origin + "/device";
      return new Started(
          deviceCode,
          userCode,
          uri,
          uri + "?user_code=" + userCode,
          (int) LIFETIME.toSeconds(),
          INTERVAL_SECONDS);
    }
  }

  /**
   * Reads a user code as people type it: any case, with or without the dash, spaces ignored.
   * Returns {@code ABCD-EFGH}, or empty when it cannot be a user code.
   */
  public static Optional<String> normalizeUserCode(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    var letters = new StringBuilder();
    for (char c : typed.toCharArray()) {
      if (Character.isWhitespace(c) || c == '-') {
        continue;
      }
      char u = Character.toUpperCase(c);
      if (USER_CODE_ALPHABET.indexOf(u) < 0 || letters.length() == 8) {
        return Optional.empty();
      }
      letters.append(u);
    }
    if (letters.length() != 8) {
      return Optional.empty();
    }
    return Optional.of(letters.substring(0, 4) + "-" + letters.substring(4));
  }

  /**
   * The authorization with this user code (typed in any form {@link #normalizeUserCode} reads),
   * while it has not expired.
   */
  public Optional<Pending> find(String userCode) {
    Instant now = clock.instant();
    return normalizeUserCode(userCode)
        .flatMap(code -> db.oidc().findDeviceByUserCode(code))
        .filter(d -> now.isBefore(d.expires()))
        .map(
            d ->
                new Pending(
                    d.userCode(),
                    db.oidc().findClient(d.clientId()).map(OidcClient::name).orElse("unknown"),
                    d.startUrl(),
                    d.expires(),
                    d.status()));
  }

  /**
   * Approves a pending authorization for the user of a signed-in portal session; the tokens the
   * client gets end when that session signs out.
   *
   * @return whether it was pending and unexpired (and is approved now)
   */
  public boolean approve(String userCode, PortalSession session, Origin origin) {
    Objects.requireNonNull(session, "session");
    return decide(
        userCode, DeviceAuthorization.Status.APPROVED, session.userId(), session.idHash(), origin);
  }

  /**
   * Approves a pending authorization for a user, with no portal session behind it (tests and
   * administrative tools).
   *
   * @return whether it was pending and unexpired (and is approved now)
   */
  public boolean approve(String userCode, String userId, Origin origin) {
    return decide(userCode, DeviceAuthorization.Status.APPROVED, userId, null, origin);
  }

  /**
   * Denies a pending authorization; the client's next poll gets {@code AccessDeniedException}.
   *
   * @return whether it was pending and unexpired (and is denied now)
   */
  public boolean deny(String userCode, PortalSession session, Origin origin) {
    Objects.requireNonNull(session, "session");
    return decide(
        userCode, DeviceAuthorization.Status.DENIED, session.userId(), session.idHash(), origin);
  }

  private boolean decide(
      String userCode,
      DeviceAuthorization.Status status,
      String userId,
      String sessionHash,
      Origin origin) {
    Optional<String> code = normalizeUserCode(userCode);
    Optional<User> user = db.users().findById(userId);
    if (code.isEmpty() || user.isEmpty()) {
      return false;
    }
    boolean decided = db.oidc().decide(code.get(), status, userId, sessionHash, clock.instant());
    if (decided) {
      String action =
          status == DeviceAuthorization.Status.APPROVED ? "ApproveDevice" : "DenyDevice";
      audit.success(
          origin.as(user.get().arn()), action, user.get().arn(), "userCode=" + code.get());
    }
    return decided;
  }

  /**
   * One poll of CreateToken with a device code: the approving user, once, or the polling answer.
   */
  Redeemed redeem(OidcClient client, String deviceCode) {
    if (deviceCode == null || !deviceCode.startsWith(DEVICE_PREFIX) || deviceCode.length() > 128) {
      throw new OidcException(INVALID_GRANT, "Invalid device code provided");
    }
    String hash = Secrets.hash(deviceCode);
    Instant now = clock.instant();
    DeviceAuthorization d =
        db.oidc()
            .poll(hash, now)
            .filter(x -> x.clientId().equals(client.id()))
            .orElseThrow(() -> new OidcException(INVALID_GRANT, "Invalid device code provided"));
    if (!now.isBefore(d.expires())) {
      throw new OidcException(EXPIRED_TOKEN, "Device code has expired");
    }
    return switch (d.status()) {
      case PENDING -> {
        if (d.lastPoll() != null && now.isBefore(d.lastPoll().plusSeconds(d.intervalSeconds()))) {
          db.oidc().slowDown(hash, SLOW_DOWN_SECONDS);
          throw new OidcException(SLOW_DOWN, "Client is polling too fast");
        }
        throw new OidcException(AUTHORIZATION_PENDING, "Authorization is pending");
      }
      case DENIED -> throw new OidcException(ACCESS_DENIED, "The user denied the authorization");
      case REDEEMED -> throw new OidcException(INVALID_GRANT, "Device code has already been used");
      case APPROVED -> {
        if (!db.oidc().redeem(hash)) {
          throw new OidcException(INVALID_GRANT, "Device code has already been used");
        }
        yield new Redeemed(d.userId(), d.sessionHash());
      }
    };
  }
}
