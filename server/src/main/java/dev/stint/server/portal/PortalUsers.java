package dev.stint.server.portal;

import dev.stint.core.ids.Ids;
import dev.stint.server.auth.IdentityPolicies;
import dev.stint.server.password.PasswordHasher;
import dev.stint.server.store.Account;
import dev.stint.server.store.Database;
import dev.stint.server.store.LoginProfile;
import dev.stint.server.store.MfaDevice;
import dev.stint.server.store.PortalUser;
import dev.stint.server.store.StoreException;
import dev.stint.server.store.User;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The people who sign in to the portal, for administrators: IAM users of the management account
 * with a login profile, and their portal state. Creating a user, resetting a password, disabling
 * (which signs the user out everywhere and ends their OIDC tokens), requiring MFA, resetting MFA,
 * and lifting a lockout. Passwords follow IAM's default policy: 8 to 128 characters, three of upper
 * case, lower case, digits and symbols. Thread-safe.
 */
public final class PortalUsers {
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

  private final Database db;
  private final PasswordHasher passwords;
  private final IdentityPolicies identities;
  private final Ids ids;
  private final PortalAudit audit;
  private final Clock clock;

  PortalUsers(
      Database db,
      PasswordHasher passwords,
      IdentityPolicies identities,
      Ids ids,
      PortalAudit audit,
      Clock clock) {
    this.db = db;
    this.passwords = passwords;
    this.identities = identities;
    this.ids = ids;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A user as the administration pages show it.
   *
   * @param hasPassword whether the user has a login profile (can sign in)
   * @param mfaDevices serial numbers of the user's enabled MFA devices
   */
  public record PortalUserView(
      User user, PortalUser state, boolean hasPassword, List<String> mfaDevices) {
    public PortalUserView {
      mfaDevices = List.copyOf(mfaDevices);
    }
  }

  /** The management account's users, ordered by name. */
  public List<PortalUserView> list() {
    String account = management().id();
    var out = new ArrayList<PortalUserView>();
    String marker = null;
    do {
      var page = db.users().list(account, null, marker, 1000);
      page.items().forEach(u -> out.add(view(u)));
      marker = page.nextMarker();
    } while (marker != null);
    return out;
  }

  public Optional<PortalUserView> find(String userId) {
    return db.users().findById(userId).map(this::view);
  }

  /** A user of the management account by name (without case). */
  public Optional<PortalUserView> findByName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return db.users().findByName(management().id(), name).map(this::view);
  }

  /**
   * Creates a user in the management account with a portal password.
   *
   * @param passwordResetRequired whether the user should choose a new password after signing in
   * @throws PortalException.Invalid for a bad name or a password outside the policy
   * @throws PortalException.AlreadyExists when the name is taken (without case)
   */
  public User create(String name, char[] password, boolean passwordResetRequired, Origin origin) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new PortalException.Invalid(
          "name", "The user name must be 1 to 64 letters, digits or characters of _+=,.@-.");
    }
    checkPolicy(password);
    String account = management().id();
    Instant now = clock.instant();
    User user =
        new User(
            ids.userId(),
            account,
            name,
            "/",
            "arn:aws:iam::" + account + ":user/" + name,
            now,
            Map.of());
    try {
      db.users().create(user);
    } catch (StoreException.EntityAlreadyExists e) {
      throw new PortalException.AlreadyExists("user", name);
    }
    db.users()
        .createLoginProfile(
            new LoginProfile(user.id(), passwords.hash(password), passwordResetRequired, now));
    audit.success(origin, "CreateUser", user.arn(), null);
    return user;
  }

  /**
   * Sets a user's password (creating the login profile if the user has none) and lifts any lockout.
   *
   * @throws PortalException.NotFound when there is no such user
   * @throws PortalException.Invalid for a password outside the policy
   */
  public void setPassword(
      String userId, char[] password, boolean passwordResetRequired, Origin origin) {
    User user = require(userId);
    checkPolicy(password);
    String hash = passwords.hash(password);
    Optional<LoginProfile> profile = db.users().findLoginProfile(userId);
    if (profile.isPresent()) {
      db.users()
          .updateLoginProfile(
              new LoginProfile(userId, hash, passwordResetRequired, profile.get().created()));
    } else {
      db.users()
          .createLoginProfile(
              new LoginProfile(userId, hash, passwordResetRequired, clock.instant()));
    }
    PortalUser state = db.portalUsers().find(userId);
    db.portalUsers().put(new PortalUser(userId, state.disabled(), state.mfaRequired(), 0, null));
    audit.success(
        origin, "ResetPassword", user.arn(), "passwordResetRequired=" + passwordResetRequired);
  }

  /**
   * A signed-in user changes their own password; the current one must be right.
   *
   * @throws PortalException.Invalid when the current password is wrong ({@code field()} is {@code
   *     currentPassword}) or the new one breaks the policy ({@code newPassword})
   */
  public void changePassword(String userId, char[] current, char[] replacement, Origin origin) {
    User user = require(userId);
    LoginProfile profile =
        db.users()
            .findLoginProfile(userId)
            .orElseThrow(() -> new PortalException.NotFound("login profile", user.name()));
    if (!passwords.verify(current, profile.passwordHash())) {
      audit.denied(origin, "ChangePassword", user.arn(), "reason=wrong current password");
      throw new PortalException.Invalid("currentPassword", "The current password is not right.");
    }
    try {
      checkPolicy(replacement);
    } catch (PortalException.Invalid e) {
      throw new PortalException.Invalid("newPassword", e.getMessage());
    }
    db.users()
        .updateLoginProfile(
            new LoginProfile(userId, passwords.hash(replacement), false, profile.created()));
    audit.success(origin, "ChangePassword", user.arn(), null);
  }

  /**
   * Disables or enables a user. Disabling signs the user out of every portal session and revokes
   * every OIDC token; credentials already issued live on until they expire.
   */
  public void setDisabled(String userId, boolean disabled, Origin origin) {
    User user = require(userId);
    PortalUser state = db.portalUsers().find(userId);
    db.portalUsers()
        .put(
            new PortalUser(
                userId, disabled, state.mfaRequired(), state.failedSignIns(), state.lockedUntil()));
    if (disabled) {
      Instant now = clock.instant();
      db.portalSessions().signOutUser(userId, now);
      db.oidc().revokeUser(userId, now);
    }
    audit.success(origin, disabled ? "DisableUser" : "EnableUser", user.arn(), null);
  }

  /** Requires (or stops requiring) an MFA device at sign-in; users without one enrol first. */
  public void setMfaRequired(String userId, boolean required, Origin origin) {
    User user = require(userId);
    PortalUser state = db.portalUsers().find(userId);
    db.portalUsers()
        .put(
            new PortalUser(
                userId, state.disabled(), required, state.failedSignIns(), state.lockedUntil()));
    audit.success(origin, "SetMfaRequired", user.arn(), "required=" + required);
  }

  /** Removes every MFA device of the user (they enrol again if MFA is required). */
  public void resetMfa(String userId, Origin origin) {
    User user = require(userId);
    for (MfaDevice device : db.mfaDevices().listForUser(userId)) {
      db.mfaDevices().deactivate(device.serialNumber());
      db.mfaDevices().delete(device.serialNumber());
    }
    identities.invalidate(userId);
    audit.success(origin, "ResetMfa", user.arn(), null);
  }

  /** Lifts a sign-in lockout and forgets the failures. */
  public void unlock(String userId, Origin origin) {
    User user = require(userId);
    PortalUser state = db.portalUsers().find(userId);
    db.portalUsers().put(new PortalUser(userId, state.disabled(), state.mfaRequired(), 0, null));
    audit.success(origin, "Unlock", user.arn(), null);
  }

  private PortalUserView view(User u) {
    return new PortalUserView(
        u,
        db.portalUsers().find(u.id()),
        db.users().findLoginProfile(u.id()).isPresent(),
        db.mfaDevices().listForUser(u.id()).stream().map(MfaDevice::serialNumber).toList());
  }

  private User require(String userId) {
    return db.users()
        .findById(userId)
        .orElseThrow(() -> new PortalException.NotFound("user", userId));
  }

  private Account management() {
    return db.accounts()
        .findManagement()
        .orElseThrow(() -> new IllegalStateException("no management account yet"));
  }

  /** IAM's default password policy. */
  static void checkPolicy(char[] password) {
    if (password == null || password.length < 8 || password.length > 128) {
      throw new PortalException.Invalid("password", "The password must have 8 to 128 characters.");
    }
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean symbol = false;
    for (char c : password) {
      if (Character.isISOControl(c)) {
        throw new PortalException.Invalid(
            "password", "The password must not contain control characters.");
      }
      upper |= Character.isUpperCase(c);
      lower |= Character.isLowerCase(c);
      digit |= Character.isDigit(c);
      symbol |= !Character.isLetterOrDigit(c);
    }
    int classes = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    if (classes < 3) {
      throw new PortalException.Invalid(
          "password",
          "The password must contain three of: upper case letters, lower case letters, digits,"
              + " symbols.");
    }
  }
}
