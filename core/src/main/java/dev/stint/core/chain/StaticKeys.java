package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import java.util.Map;

/**
 * Reads {@code aws_access_key_id}, {@code aws_secret_access_key} and the token ({@code
 * aws_security_token}, else {@code aws_session_token}) from one profile's keys, as botocore's file
 * providers do. Stateless and thread-safe.
 */
final class StaticKeys {

  private StaticKeys() {}

  static boolean present(Map<String, String> properties) {
    return properties.containsKey("aws_access_key_id");
  }

  /** Whether the profile has either key, which is what makes it a static source for a role. */
  static boolean any(Map<String, String> properties) {
    return properties.containsKey("aws_access_key_id")
        || properties.containsKey("aws_secret_access_key");
  }

  static Credentials read(
      Map<String, String> properties, String provider, CredentialSource source) {
    String accessKeyId = properties.get("aws_access_key_id");
    if (accessKeyId == null || accessKeyId.isBlank()) {
      throw new CredentialException.PartialCredentials(provider, source, "aws_access_key_id");
    }
    String secret = properties.get("aws_secret_access_key");
    if (secret == null || secret.isEmpty()) {
      throw new CredentialException.PartialCredentials(provider, source, "aws_secret_access_key");
    }
    String token = properties.get("aws_security_token");
    if (token == null) {
      token = properties.get("aws_session_token");
    }
    return new Credentials(accessKeyId, secret, token, null);
  }
}
