package dev.stint.core.sigv4;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a request's SigV4 signature was not accepted. Immutable and thread-safe.
 *
 * <p>{@link #reason()} says what went wrong by meaning; {@link Reason#code()} and {@link
 * Reason#httpStatus()} are the AWS wire error and status to answer with, and {@link #getMessage()}
 * is the AWS message text, worded as AWS STS words it. Messages repeat what the client sent (its
 * Authorization header, its credential scope) but never a secret: the verifier never has one it
 * could leak, only the resolver's, which no message mentions.
 *
 * <p>Rejections carry no stack trace: they are ordinary answers to bad input, can be frequent under
 * attack, and the reason says everything. {@link Reason#INTERNAL_FAILURE} keeps its trace and its
 * cause, for the server's log.
 */
public final class SigV4Exception extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong, each mapped once to its AWS wire code and HTTP status. */
  public enum Reason {
    /** Neither an Authorization header nor an {@code X-Amz-Algorithm} query parameter. */
    MISSING_AUTHENTICATION("MissingAuthenticationToken", 403),
    /** The Authorization header or the presigned query is malformed or lacks a part. */
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
    /** The request is larger than the verifier reads (headers, query, path). */
    LIMIT_EXCEEDED("IncompleteSignature", 400),
    /** Both an Authorization header and presigned query parameters. */
    CONFLICTING_AUTHENTICATION("SignatureDoesNotMatch", 403),
    /** The credential scope names another date, region, service or terminator. */
    SCOPE_MISMATCH("SignatureDoesNotMatch", 403),
    /** {@code host} is not among the signed headers. */
    HOST_NOT_SIGNED("SignatureDoesNotMatch", 403),
    /** The request time is further in the past than the allowed clock skew. */
    SIGNATURE_EXPIRED("SignatureDoesNotMatch", 403),
    /** The request time is further in the future than the allowed clock skew. */
    SIGNATURE_NOT_YET_CURRENT("SignatureDoesNotMatch", 403),
    /** A presigned request used after its {@code X-Amz-Expires} ran out. */
    REQUEST_EXPIRED("RequestExpired", 400),
    /**
     * S3 only: {@code x-amz-content-sha256} is not the body's hash, or a form this verifier
     * refuses. Other services answer {@link #SIGNATURE_MISMATCH}, as AWS's do.
     */
    PAYLOAD_HASH_MISMATCH("XAmzContentSHA256Mismatch", 400),
    /** The signature is not the one the secret key gives for this request. */
    SIGNATURE_MISMATCH("SignatureDoesNotMatch", 403),
    /** The access key id or session token is unknown or not valid. */
    INVALID_TOKEN("InvalidClientTokenId", 403),
    /** The session token (or the temporary credentials it stands for) has expired. */
    EXPIRED_TOKEN("ExpiredToken", 403),
    /** The verifier or its resolver failed; the cause says how. Not the client's fault. */
    INTERNAL_FAILURE("InternalFailure", 500);

    private final String code;
    private final int httpStatus;

    Reason(String code, int httpStatus) {
      this.code = code;
      this.httpStatus = httpStatus;
    }

    /** The AWS error code, as it goes in the error envelope's {@code Code}. */
    public String code() {
      return code;
    }

    /** The HTTP status AWS answers this error with. */
    public int httpStatus() {
      return httpStatus;
    }
  }

  static final String SIGNATURE_MISMATCH_MESSAGE =
      "The request signature we calculated does not match the signature you provided. Check your"
          + " AWS Secret Access Key and signing method. Consult the service documentation for"
          + " details.";
  static final String INVALID_TOKEN_MESSAGE =
      "The security token included in the request is invalid.";
  static final String EXPIRED_TOKEN_MESSAGE =
      "The security token included in the request is expired";
  static final String INTERNAL_FAILURE_MESSAGE =
      "The request processing has failed because of an unknown error, exception or failure.";

  private final Reason reason;
  private final String accessKeyId;

  SigV4Exception(Reason reason, String message) {
    this(reason, message, null, null);
  }

  private SigV4Exception(Reason reason, String message, String accessKeyId, Throwable cause) {
    super(message, cause, false, reason == Reason.INTERNAL_FAILURE);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.accessKeyId = accessKeyId;
  }

  /** For resolvers: the access key id is unknown, or its session token is not valid. */
  public static SigV4Exception invalidToken() {
    return new SigV4Exception(Reason.INVALID_TOKEN, INVALID_TOKEN_MESSAGE);
  }

  /** For resolvers: the session token, or the temporary credentials it carries, expired. */
  public static SigV4Exception expiredToken() {
    return new SigV4Exception(Reason.EXPIRED_TOKEN, EXPIRED_TOKEN_MESSAGE);
  }

  static SigV4Exception signatureMismatch() {
    return new SigV4Exception(Reason.SIGNATURE_MISMATCH, SIGNATURE_MISMATCH_MESSAGE);
  }

  static SigV4Exception internalFailure(Throwable cause) {
    return new SigV4Exception(Reason.INTERNAL_FAILURE, INTERNAL_FAILURE_MESSAGE, null, cause);
  }

  /** The same failure, marked with the access key id the request claimed. */
  SigV4Exception withAccessKeyId(String id) {
    if (accessKeyId != null || id == null) {
      return this;
    }
    SigV4Exception copy = new SigV4Exception(reason, getMessage(), id, getCause());
    if (reason == Reason.INTERNAL_FAILURE) {
      copy.setStackTrace(getStackTrace());
    }
    return copy;
  }

  /** What went wrong. */
  public Reason reason() {
    return reason;
  }

  /**
   * The access key id the request claimed, once the verifier got far enough to read one; for the
   * audit log. Not a secret, and not proof of anything: the request was rejected.
   */
  public Optional<String> accessKeyId() {
    return Optional.ofNullable(accessKeyId);
  }

  @Override
  public String toString() {
    return "SigV4Exception[" + reason + " " + reason.code + "]: " + getMessage();
  }
}
