package dev.stint.server.portal;

import java.util.Objects;

/**
 * An OIDC refusal as Identity Center's OIDC service answers it: an error type (the model's
 * exception shape, sent in {@code x-amzn-ErrorType}), the OAuth {@code error} code and a
 * description. Polling answers ({@link Error#AUTHORIZATION_PENDING}, {@link Error#SLOW_DOWN}) are
 * refusals too, as on the wire. Immutable and thread-safe.
 */
public final class OidcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The OIDC model's errors that stint answers with. */
  public enum Error {
    AUTHORIZATION_PENDING("AuthorizationPendingException", "authorization_pending", 400),
    SLOW_DOWN("SlowDownException", "slow_down", 400),
    EXPIRED_TOKEN("ExpiredTokenException", "expired_token", 400),
    ACCESS_DENIED("AccessDeniedException", "access_denied", 400),
    INVALID_CLIENT("InvalidClientException", "invalid_client", 401),
    INVALID_GRANT("InvalidGrantException", "invalid_grant", 400),
    INVALID_REQUEST("InvalidRequestException", "invalid_request", 400),
    INVALID_SCOPE("InvalidScopeException", "invalid_scope", 400),
    UNAUTHORIZED_CLIENT("UnauthorizedClientException", "unauthorized_client", 400),
    UNSUPPORTED_GRANT_TYPE("UnsupportedGrantTypeException", "unsupported_grant_type", 400),
    INVALID_CLIENT_METADATA("InvalidClientMetadataException", "invalid_client_metadata", 400),
    INVALID_REDIRECT_URI("InvalidRedirectUriException", "invalid_redirect_uri", 400);

    private final String type;
    private final String code;
    private final int httpStatus;

    Error(String type, String code, int httpStatus) {
      this.type = type;
      this.code = code;
      this.httpStatus = httpStatus;
    }

    /** The exception shape's name, for {@code x-amzn-ErrorType}. */
    public String type() {
      return type;
    }

    /** The OAuth error code, for the body's {@code error}. */
    public String code() {
      return code;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Error error;

  public OidcException(Error error, String description) {
    super(description, null, false, false);
    this.error = Objects.requireNonNull(error, "error");
  }

  public Error error() {
    return error;
  }

  /** The body's {@code error_description}; never holds a secret. */
  public String description() {
    return getMessage();
  }
}
