package dev.stint.server.store;

import java.time.Instant;
import java.util.List;

/**
 * An authorization code that {@code /authorize} gave a signed-in user's client (RFC 6749 with PKCE,
 * RFC 7636): the SHA-256 of the code, the S256 challenge the client sent, and whether it was used.
 * Immutable and thread-safe.
 *
 * @param sessionHash the portal session that approved it, or {@code null}
 * @param used when it was exchanged for tokens, or {@code null}
 */
public record AuthorizationCode(
    String codeHash,
    String clientId,
    String userId,
    String sessionHash,
    String redirectUri,
    String codeChallenge,
    List<String> scopes,
    Instant created,
    Instant expires,
    Instant used) {

  public AuthorizationCode {
    Checks.hash(codeHash, "code hash");
    Checks.matching(clientId, Checks.PORTAL_ID, "client id");
    Checks.matching(userId, Checks.USER_ID, "user id");
    if (sessionHash != null) {
      Checks.hash(sessionHash, "session hash");
    }
    Checks.text(redirectUri, "redirect uri", Checks.MAX_TEXT);
    Checks.text(codeChallenge, "code challenge", 128);
    scopes = OidcClient.words(scopes, "scope");
    created = Checks.millis(created, "created");
    expires = Checks.millis(expires, "expires");
    used = Checks.optionalMillis(used);
  }
}
