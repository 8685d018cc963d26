package dev.stint.core.chain;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A call to an AWS-style service (STS, the SSO portal, SSO OIDC) that did not succeed: either the
 * service answered with an error, or it could not be reached in time. Messages are the AWS CLI's.
 */
public abstract sealed class AwsCallException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String operation;

  private AwsCallException(String operation, String message, Throwable cause) {
    super(message, cause);
    this.operation = Objects.requireNonNull(operation, "operation");
  }

  /** The operation, such as {@code AssumeRole}. */
  public String operation() {
    return operation;
  }

  /**
   * The service answered with an error: {@code An error occurred (Code) when calling the Operation
   * operation: Message}.
   */
  public static final class ServiceError extends AwsCallException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final String errorMessage;
    private final int status;
    private final String requestId;

    ServiceError(String operation, String code, String errorMessage, int status, String requestId) {
      super(
          operation,
          "An error occurred ("
              + code
              + ") when calling the "
              + operation
              + " operation: "
              + errorMessage,
          null);
      this.code = code;
      this.errorMessage = errorMessage;
      this.status = status;
      this.requestId = requestId;
    }

    /** AWS's error code, such as {@code AccessDenied}, or the HTTP status when there was none. */
    public String code() {
      return code;
    }

    /** AWS's error message. */
    public String errorMessage() {
      return errorMessage;
    }

    public int status() {
      return status;
    }

    public Optional<String> requestId() {
      return Optional.ofNullable(requestId);
    }
  }

  /** No answer: the connection failed or timed out. */
  public static final class Unreachable extends AwsCallException {
    private static final long serialVersionUID = 1L;
    private final transient URI endpoint;

    Unreachable(String operation, URI endpoint, String what, Throwable cause) {
      super(operation, what + " endpoint URL: \"" + endpoint + "\"", cause);
      this.endpoint = endpoint;
    }

    static Unreachable connect(String operation, URI endpoint, Throwable cause) {
      return new Unreachable(operation, endpoint, "Could not connect to the", cause);
    }

    static Unreachable timeout(String operation, URI endpoint, Throwable cause) {
      return new Unreachable(operation, endpoint, "Read timeout on", cause);
    }

    public URI endpoint() {
      return endpoint;
    }
  }
}
