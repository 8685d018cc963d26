package dev.stint.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An OIDC access or refresh token, by the SHA-256 of its value. Tokens of one grant (one device or
 * PKCE approval and every refresh after it) share a grant id, so that one Logout ends them all.
 * Immutable and thread-safe.
 *
 * @param sessionHash the portal session that approved the grant, or {@code null}
 * @param revoked when it was revoked (Logout, sign-out, refresh rotation), or {@code null}
 */
public record OidcToken(
    String tokenHash,
    Kind kind,
    String grantId,
    String clientId,
    String userId,
    String sessionHash,
    List<String> scopes,
    Instant created,
    Instant expires,
    Instant revoked) {

  /** What a token is for. */
  public enum Kind {
    ACCESS,
    REFRESH
  }

  public OidcToken {
    Checks.hash(tokenHash, "token hash");
    Objects.requireNonNull(kind, "kind");
    Checks.matching(grantId, Checks.PORTAL_ID, "grant id");
    Checks.matching(clientId, Checks.PORTAL_ID, "client id");
    Checks.matching(userId, Checks.USER_ID, "user id");
    if (sessionHash != null) {
      Checks.hash(sessionHash, "session hash");
    }
    scopes = OidcClient.words(scopes, "scope");
    created = Checks.millis(created, "created");
    expires = Checks.millis(expires, "expires");
    revoked = Checks.optionalMillis(revoked);
  }

  /** Not revoked and not expired at {@code now}. */
  public boolean validAt(Instant now) {
    return revoked == null && now.isBefore(expires);
  }
}
