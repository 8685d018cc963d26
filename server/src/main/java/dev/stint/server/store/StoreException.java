package dev.stint.server.store;

import java.util.Objects;

/**
 * Everything the store refuses or fails at, by meaning. The server maps these to IAM error codes in
 * one place: {@link EntityAlreadyExists}, {@link NoSuchEntity}, {@link DeleteConflict} and {@link
 * InvalidMarker} are rejected input; {@link Unavailable} is our fault (the database cannot be
 * opened or reached).
 *
 * <p>Immutable and thread-safe.
 */
public abstract sealed class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** What kind of stored thing an error is about; {@link #label()} reads as IAM's messages do. */
  public enum EntityType {
    ACCOUNT("account"),
    USER("user"),
    ROLE("role"),
    ACCESS_KEY("access key"),
    LOGIN_PROFILE("login profile"),
    MFA_DEVICE("MFA device"),
    POLICY("policy"),
    USER_POLICY("user policy"),
    ROLE_POLICY("role policy"),
    ATTACHMENT("policy attachment"),
    TOKEN_KEY("token key"),
    REVOCATION("revocation"),
    AUDIT_EVENT("audit event"),
    GROUP("group"),
    GROUP_MEMBER("group member"),
    PERMISSION_SET("permission set"),
    ASSIGNMENT("assignment"),
    PROVISIONED_ROLE("provisioned role"),
    PORTAL_SESSION("portal session"),
    OIDC_CLIENT("OIDC client"),
    DEVICE_AUTHORIZATION("device authorization"),
    AUTHORIZATION_CODE("authorization code"),
    OIDC_TOKEN("OIDC token"),
    CREATE_ACCOUNT_REQUEST("create account request");

    private final String label;

    EntityType(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** What still hangs off an entity that someone tried to delete. */
  public enum Blocker {
    ACCESS_KEYS("Cannot delete entity, must delete access keys first."),
    LOGIN_PROFILE("Cannot delete entity, must delete login profile first."),
    MFA_DEVICES("Cannot delete entity, must remove MFA devices first."),
    INLINE_POLICIES("Cannot delete entity, must delete policies first."),
    ATTACHED_POLICIES("Cannot delete entity, must detach all policies first."),
    ATTACHED_ENTITIES("Cannot delete a policy attached to entities."),
    ASSIGNMENTS("Cannot delete entity, must remove its account assignments first.");

    private final String message;

    Blocker(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }

  /** The name (or id) is taken; names compare case-insensitively, as IAM's do. */
  public static final class EntityAlreadyExists extends StoreException {
    private static final long serialVersionUID = 1L;
    private final EntityType type;
    private final String name;

    public EntityAlreadyExists(EntityType type, String name) {
      super(capitalize(type.label()) + " with name " + name + " already exists.", null);
      this.type = Objects.requireNonNull(type, "type");
      this.name = Objects.requireNonNull(name, "name");
    }

    public EntityType type() {
      return type;
    }

    public String name() {
      return name;
    }
  }

  /** Nothing by that name (or id). */
  public static final class NoSuchEntity extends StoreException {
    private static final long serialVersionUID = 1L;
    private final EntityType type;
    private final String name;

    public NoSuchEntity(EntityType type, String name) {
      super("The " + type.label() + " with name " + name + " cannot be found.", null);
      this.type = Objects.requireNonNull(type, "type");
      this.name = Objects.requireNonNull(name, "name");
    }

    public EntityType type() {
      return type;
    }

    public String name() {
      return name;
    }
  }

  /** The entity cannot be deleted while something still depends on it. */
  public static final class DeleteConflict extends StoreException {
    private static final long serialVersionUID = 1L;
    private final EntityType type;
    private final String name;
    private final Blocker blocker;

    public DeleteConflict(EntityType type, String name, Blocker blocker) {
      super(blocker.message(), null);
      this.type = Objects.requireNonNull(type, "type");
      this.name = Objects.requireNonNull(name, "name");
      this.blocker = blocker;
    }

    public EntityType type() {
      return type;
    }

    public String name() {
      return name;
    }

    public Blocker blocker() {
      return blocker;
    }
  }

  /** A pagination marker that this store did not hand out. */
  public static final class InvalidMarker extends StoreException {
    private static final long serialVersionUID = 1L;
    private final String marker;

    public InvalidMarker(String marker) {
      super("Invalid Marker: " + marker, null);
      this.marker = Objects.requireNonNull(marker, "marker");
    }

    public String marker() {
      return marker;
    }
  }

  /**
   * The database could not be opened, migrated or reached. {@link #url()} has any password removed;
   * the cause keeps the driver's detail for the log.
   */
  public static final class Unavailable extends StoreException {
    private static final long serialVersionUID = 1L;
    private final String url;

    public Unavailable(String url, String reason, Throwable cause) {
      super("Cannot open database " + url + ": " + reason, cause);
      this.url = Objects.requireNonNull(url, "url");
    }

    public String url() {
      return url;
    }
  }

  private static String capitalize(String label) {
    return Character.toUpperCase(label.charAt(0)) + label.substring(1);
  }
}
