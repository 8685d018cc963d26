package dev.stint.server.portal;

import java.util.Objects;

/**
 * What the portal's services refuse, by meaning; the web pages and the wire APIs each map these to
 * their answers in one place. All are "rejected input": our own faults surface as other runtime
 * exceptions. Messages name the thing refused and are safe to show; they never carry a secret.
 * Immutable and thread-safe.
 */
public abstract sealed class PortalException extends RuntimeException
    permits PortalException.NotFound,
        PortalException.AlreadyExists,
        PortalException.InUse,
        PortalException.Invalid,
        PortalException.Unauthorized {
  private static final long serialVersionUID = 1L;

  PortalException(String message) {
    super(message, null, false, false);
  }

  /** Nothing of that kind by that name or id, or nothing the caller may see. */
  public static final class NotFound extends PortalException {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final String name;

    public NotFound(String kind, String name) {
      super("No " + kind + " " + name + ".");
      this.kind = Objects.requireNonNull(kind, "kind");
      this.name = Objects.requireNonNull(name, "name");
    }

    /** What was looked for: {@code user}, {@code group}, {@code permission set}, ... */
    public String kind() {
      return kind;
    }

    public String name() {
      return name;
    }
  }

  /** The name is taken (names compare without case). */
  public static final class AlreadyExists extends PortalException {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final String name;

    public AlreadyExists(String kind, String name) {
      super("A " + kind + " named " + name + " already exists.");
      this.kind = Objects.requireNonNull(kind, "kind");
      this.name = Objects.requireNonNull(name, "name");
    }

    public String kind() {
      return kind;
    }

    public String name() {
      return name;
    }
  }

  /** The thing cannot be removed while something still uses it. */
  public static final class InUse extends PortalException {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final String name;

    public InUse(String kind, String name, String why) {
      super("The " + kind + " " + name + " is in use: " + why);
      this.kind = Objects.requireNonNull(kind, "kind");
      this.name = Objects.requireNonNull(name, "name");
    }

    public String kind() {
      return kind;
    }

    public String name() {
      return name;
    }
  }

  /** A value the caller gave breaks a rule; {@link #field()} names it. */
  public static final class Invalid extends PortalException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public Invalid(String field, String message) {
      super(message);
      this.field = Objects.requireNonNull(field, "field");
    }

    public String field() {
      return field;
    }
  }

  /**
   * A bearer token or session that is unknown, expired, revoked or signed out. The message is the
   * same for each reason, so it tells a guesser nothing.
   */
  public static final class Unauthorized extends PortalException {
    private static final long serialVersionUID = 1L;

    public Unauthorized() {
      super("Session token not found or invalid");
    }
  }
}
