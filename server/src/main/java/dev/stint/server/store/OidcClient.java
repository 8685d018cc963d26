package dev.stint.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A client registered through OIDC {@code RegisterClient}: its id, the SHA-256 of its secret, what
 * it asked for, and when its registration expires. Immutable and thread-safe.
 *
 * @param clientType {@code public}, the only type Identity Center registers
 * @param redirectUris where {@code /authorize} may send a code back (PKCE clients)
 * @param issuerUrl the start URL it registered with, or {@code null}
 */
public record OidcClient(
    String id,
    String secretHash,
    String name,
    String clientType,
    List<String> scopes,
    List<String> grantTypes,
    List<String> redirectUris,
    String issuerUrl,
    Instant created,
    Instant expires) {

  public OidcClient {
    Checks.matching(id, Checks.PORTAL_ID, "client id");
    Checks.hash(secretHash, "client secret hash");
    Checks.text(name, "client name", 256);
    Checks.text(clientType, "client type", 32);
    scopes = words(scopes, "scope");
    grantTypes = words(grantTypes, "grant type");
    redirectUris = List.copyOf(Objects.requireNonNull(redirectUris, "redirectUris"));
    redirectUris.forEach(uri -> Checks.text(uri, "redirect uri", Checks.MAX_TEXT));
    if (redirectUris.stream().anyMatch(u -> u.indexOf('\n') >= 0)) {
      throw new IllegalArgumentException("Invalid redirect uri: contains a line break");
    }
    Checks.optionalText(issuerUrl, "issuer url", Checks.MAX_TEXT);
    created = Checks.millis(created, "created");
    expires = Checks.millis(expires, "expires");
  }

  /** Scopes and grant types are stored space-separated, so they may not contain spaces. */
  static List<String> words(List<String> values, String field) {
    List<String> copy = List.copyOf(Objects.requireNonNull(values, field));
    for (String v : copy) {
      Checks.text(v, field, 256);
      if (v.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("Invalid " + field + " '" + v + "': contains a space");
      }
    }
    return copy;
  }
}
