package dev.stint.server.query;

/**
 * The AWS error codes stint answers with, each with its HTTP status and fault side. The one place
 * where an error meaning becomes a wire code (DESIGN.md section 2).
 */
public enum ErrorCode {
  ACCESS_DENIED("AccessDenied", 403),
  DELETE_CONFLICT("DeleteConflict", 409),
  ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409),
  EXPIRED_TOKEN("ExpiredToken", 403),
  INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
  INTERNAL_FAILURE("InternalFailure", 500),
  INVALID_ACTION("InvalidAction", 400),
  INVALID_AUTHENTICATION_CODE("InvalidAuthenticationCode", 403),
  INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403),
  INVALID_INPUT("InvalidInput", 400),
  INVALID_PARAMETER_COMBINATION("InvalidParameterCombination", 400),
  INVALID_PARAMETER_VALUE("InvalidParameterValue", 400),
  LIMIT_EXCEEDED("LimitExceeded", 409),
  MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400),
  MALFORMED_QUERY_STRING("MalformedQueryString", 400),
  MISSING_ACTION("MissingAction", 400),
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403),
  MISSING_PARAMETER("MissingParameter", 400),
  NO_SUCH_ENTITY("NoSuchEntity", 404),
  PACKED_POLICY_TOO_LARGE("PackedPolicyTooLarge", 400),
  PASSWORD_POLICY_VIOLATION("PasswordPolicyViolation", 400),
  REQUEST_EXPIRED("RequestExpired", 400),
  SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
  THROTTLING("Throttling", 400),
  UNMODIFIABLE_ENTITY("UnmodifiableEntity", 400),
  VALIDATION_ERROR("ValidationError", 400),
  X_AMZ_CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400);

  private final String wire;
  private final int httpStatus;

  ErrorCode(String wire, int httpStatus) {
    this.wire = wire;
    this.httpStatus = httpStatus;
  }

  /** The code with this wire spelling, if stint has it. */
  public static java.util.Optional<ErrorCode> ofWire(String wire) {
    for (ErrorCode code : values()) {
      if (code.wire.equals(wire)) {
        return java.util.Optional.of(code);
      }
    }
    return java.util.Optional.empty();
  }

  /** The code as it appears in {@code <Code>}. */
  public String wire() {
    return wire;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** {@code Receiver} for our faults (5xx), {@code Sender} for everything the caller sent. */
  public String faultType() {
    return httpStatus >= 500 ? "Receiver" : "Sender";
  }
}
