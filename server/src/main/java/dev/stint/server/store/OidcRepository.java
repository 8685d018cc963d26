package dev.stint.server.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The OIDC side of the portal: registered clients, device authorizations, authorization codes and
 * tokens. Single-use transitions (redeeming a device code or an authorization code, rotating a
 * refresh token) are conditional updates, so two racing requests cannot both win. Implementations
 * are thread-safe.
 */
public interface OidcRepository {

  /**
   * @throws StoreException.EntityAlreadyExists if the client id is taken
   */
  void createClient(OidcClient client);

  Optional<OidcClient> findClient(String clientId);

  /**
   * @throws StoreException.EntityAlreadyExists if the device code hash or the user code is taken
   * @throws StoreException.NoSuchEntity if the client does not exist
   */
  void createDevice(DeviceAuthorization device);

  Optional<DeviceAuthorization> findDevice(String deviceCodeHash);

  Optional<DeviceAuthorization> findDeviceByUserCode(String userCode);

  /**
   * Records a poll at {@code now} and returns the authorization as it was before it (so its {@code
   * lastPoll} is the previous poll), or empty for an unknown device code.
   */
  Optional<DeviceAuthorization> poll(String deviceCodeHash, Instant now);

  /**
   * Raises a pending authorization's polling interval by {@code seconds}, for every later poll (RFC
   * 8628 section 3.5, {@code slow_down}). Returns whether it was pending (and is slowed down now).
   */
  boolean slowDown(String deviceCodeHash, int seconds);

  /**
   * Approves or denies a pending authorization that has not expired at {@code now}. Returns whether
   * this call decided it.
   *
   * @param status {@link DeviceAuthorization.Status#APPROVED} or {@link
   *     DeviceAuthorization.Status#DENIED}
   * @param sessionHash the approving portal session, or {@code null}
   */
  boolean decide(
      String userCode,
      DeviceAuthorization.Status status,
      String userId,
      String sessionHash,
      Instant now);

  /** Turns an approved authorization into a redeemed one. Returns whether this call did it. */
  boolean redeem(String deviceCodeHash);

  /**
   * @throws StoreException.EntityAlreadyExists if the code hash is taken
   * @throws StoreException.NoSuchEntity if the client or user does not exist
   */
  void createCode(AuthorizationCode code);

  Optional<AuthorizationCode> findCode(String codeHash);

  /** Marks an unused code used at {@code now}. Returns whether this call did it. */
  boolean useCode(String codeHash, Instant now);

  /**
   * @throws StoreException.EntityAlreadyExists if the token hash is taken
   * @throws StoreException.NoSuchEntity if the user does not exist
   */
  void createToken(OidcToken token);

  Optional<OidcToken> findToken(String tokenHash);

  /** Revokes one token unless it is revoked. Returns whether this call did it. */
  boolean revokeToken(String tokenHash, Instant at);

  /** Revokes every token of a grant. Returns how many were still live. */
  int revokeGrant(String grantId, Instant at);

  /** Revokes every token whose grant a portal session approved. Returns how many. */
  int revokeSession(String sessionHash, Instant at);

  /** Revokes every token of a user. Returns how many. */
  int revokeUser(String userId, Instant at);

  /**
   * Deletes device authorizations, codes and tokens that expired before {@code before}, and clients
   * whose registration did (with their authorizations and codes). Returns how many rows.
   */
  int deleteExpiredBefore(Instant before);
}
