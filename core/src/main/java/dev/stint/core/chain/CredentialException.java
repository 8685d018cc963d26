package dev.stint.core.chain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why the chain returned no credentials. {@link NotFound} means no provider was configured; every
 * other kind means one was configured and is broken, which stops the chain (a broken profile must
 * not silently fall through to other credentials). Messages are botocore's where it has one, so
 * {@code stint} and the AWS CLI say the same; none carries a secret.
 */
public abstract sealed class CredentialException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private CredentialException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * One provider of the chain and why it supplied nothing.
   *
   * @param source the provider
   * @param reason what it looked for and did not find
   */
  public record Attempt(CredentialSource source, String reason) {
    public Attempt {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** No provider was configured; lists each one and why it passed. */
  public static final class NotFound extends CredentialException {
    private static final long serialVersionUID = 1L;
    private final transient List<Attempt> attempts;

    NotFound(List<Attempt> attempts) {
      super(describe(attempts), null);
      this.attempts = List.copyOf(attempts);
    }

    public List<Attempt> attempts() {
      return attempts;
    }

    private static String describe(List<Attempt> attempts) {
      StringBuilder text = new StringBuilder("Unable to locate credentials. Looked in:");
      for (Attempt attempt : attempts) {
        text.append("\n  ").append(attempt.source().method()).append(": ").append(attempt.reason());
      }
      return text.toString();
    }
  }

  /**
   * The profile named by {@code --profile}, {@code AWS_PROFILE} or {@code AWS_DEFAULT_PROFILE} is
   * in neither file.
   */
  public static final class ProfileNotFound extends CredentialException {
    private static final long serialVersionUID = 1L;
    private final String profile;

    ProfileNotFound(String profile) {
      super("The config profile (" + profile + ") could not be found", null);
      this.profile = profile;
    }

    public String profile() {
      return profile;
    }
  }

  /** A profile's settings contradict each other or point at nothing. */
  public static final class InvalidConfig extends CredentialException {
    private static final long serialVersionUID = 1L;

    InvalidConfig(String message) {
      super(message, null);
    }
  }

  /** {@code source_profile} references lead back to a profile already on the path. */
  public static final class InfiniteLoop extends CredentialException {
    private static final long serialVersionUID = 1L;
    private final String sourceProfile;
    private final transient List<String> visited;

    InfiniteLoop(String sourceProfile, List<String> visited) {
      super(
          "Infinite loop in credential configuration detected. Attempting to load from profile "
              + sourceProfile
              + " which has already been visited. Visited profiles: "
              + Python.repr(visited),
          null);
      this.sourceProfile = sourceProfile;
      this.visited = List.copyOf(visited);
    }

    public String sourceProfile() {
      return sourceProfile;
    }

    /** The profiles on the path, starting with the one asked for. */
    public List<String> visited() {
      return visited;
    }
  }

  /** A provider found an access key id but not the rest. */
  public static final class PartialCredentials extends CredentialException {
    private static final long serialVersionUID = 1L;
    private final CredentialSource source;
    private final String missing;

    PartialCredentials(CredentialSource source, String missing) {
      this(source.method(), source, missing);
    }

    PartialCredentials(String provider, CredentialSource source, String missing) {
      super("Partial credentials found in " + provider + ", missing: " + missing, null);
      this.source = source;
      this.missing = missing;
    }

    public CredentialSource source() {
      return source;
    }

    /** The setting or variable that is missing, such as {@code aws_secret_access_key}. */
    public String missing() {
      return missing;
    }
  }

  /** A configured provider ran and failed: a process exited non-zero, an endpoint said no. */
  public static final class RetrievalFailed extends CredentialException {
    private static final long serialVersionUID = 1L;
    private final CredentialSource source;
    private final String detail;

    RetrievalFailed(CredentialSource source, String detail) {
      this(source.method(), source, detail, null);
    }

    RetrievalFailed(String provider, CredentialSource source, String detail, Throwable cause) {
      super("Error when retrieving credentials from " + provider + ": " + detail, cause);
      this.source = source;
      this.detail = detail;
    }

    public CredentialSource source() {
      return source;
    }

    /** What went wrong, without the provider prefix. */
    public String detail() {
      return detail;
    }
  }

  /** The IAM Identity Center sign-in is missing, expired or was revoked: sign in again. */
  public static final class SsoLoginRequired extends CredentialException {
    private static final long serialVersionUID = 1L;

    SsoLoginRequired(String message, Throwable cause) {
      super(message, cause);
    }

    static SsoLoginRequired unauthorized(Throwable cause) {
      return new SsoLoginRequired(
          "The SSO session associated with this profile has expired or is otherwise invalid. To"
              + " refresh this SSO session run aws sso login with the corresponding profile.",
          cause);
    }
  }

  /** A role needs an MFA code and none could be had. */
  public static final class MfaUnavailable extends CredentialException {
    private static final long serialVersionUID = 1L;

    /** For {@link MfaPrompt} implementations that cannot ask. */
    public MfaUnavailable(String message) {
      super(message, null);
    }
  }

  /** A call to STS, the SSO portal or OIDC failed; the message is the call's own. */
  public static final class CallFailed extends CredentialException {
    private static final long serialVersionUID = 1L;

    CallFailed(AwsCallException cause) {
      super(cause.getMessage(), cause);
    }

    /** The failed call, with AWS's error code when the service answered. */
    public AwsCallException call() {
      return (AwsCallException) getCause();
    }

    /** AWS's error code, when the service answered with one. */
    public Optional<String> errorCode() {
      return getCause() instanceof AwsCallException.ServiceError error
          ? Optional.of(error.code())
          : Optional.empty();
    }
  }
}
