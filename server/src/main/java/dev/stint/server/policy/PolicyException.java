package dev.stint.server.policy;

import java.util.Objects;

/**
 * Why a policy document was refused. Both cases are rejected input: {@link Malformed} maps to
 * {@code MalformedPolicyDocument} (its message is IAM's own text), {@link TooLarge} to {@code
 * LimitExceeded} for stored policies or, for {@link Policy.Kind#SESSION}, to a {@code
 * ValidationError} on the {@code policy} parameter. Immutable.
 */
public abstract sealed class PolicyException extends Exception
    permits PolicyException.Malformed, PolicyException.TooLarge {
  private static final long serialVersionUID = 1L;

  private PolicyException(String message) {
    super(message, null, false, false);
  }

  /** The document is not valid IAM policy language; {@link #getMessage()} is IAM's message. */
  public static final class Malformed extends PolicyException {
    private static final long serialVersionUID = 1L;

    public Malformed(String awsMessage) {
      super(Objects.requireNonNull(awsMessage, "awsMessage"));
    }
  }

  /** The document is over its kind's size quota, measured as {@link Policy.Kind} measures it. */
  public static final class TooLarge extends PolicyException {
    private static final long serialVersionUID = 1L;

    private final Policy.Kind kind;
    private final int limit;
    private final int size;

    public TooLarge(Policy.Kind kind, int limit, int size) {
      super(
          "Policy document of "
              + size
              + " characters exceeds the "
              + kind
              + " limit of "
              + limit
              + " characters");
      this.kind = Objects.requireNonNull(kind, "kind");
      this.limit = limit;
      this.size = size;
    }

    public Policy.Kind kind() {
      return kind;
    }

    public int limit() {
      return limit;
    }

    public int size() {
      return size;
    }
  }
}
