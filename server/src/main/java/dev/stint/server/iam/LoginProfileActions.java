package dev.stint.server.iam;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.server.password.PasswordHasher;
import dev.stint.server.query.ErrorCode;
import dev.stint.server.query.QueryAction;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.Validator;
import dev.stint.server.query.Xml;
import dev.stint.server.store.LoginProfile;
import dev.stint.server.store.StoreException;
import dev.stint.server.store.User;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Portal passwords as IAM login profiles: CreateLoginProfile, UpdateLoginProfile,
 * DeleteLoginProfile and GetLoginProfile. Passwords are checked against IAM's default password
 * policy, hashed with Argon2id, and never returned or logged. Thread-safe.
 */
final class LoginProfileActions {
  static final int MIN_PASSWORD_LENGTH = 8;
  static final String POLICY_VIOLATION =
      "Password does not conform to the account password policy.";

  private final Iam iam;
  private final PasswordHasher passwords;

  LoginProfileActions(Iam iam, PasswordHasher passwords) {
    this.iam = iam;
    this.passwords = passwords;
  }

  void register(Map<String, QueryAction> actions) {
    actions.put("CreateLoginProfile", this::createLoginProfile);
    actions.put("UpdateLoginProfile", this::updateLoginProfile);
    actions.put("DeleteLoginProfile", this::deleteLoginProfile);
    actions.put("GetLoginProfile", this::getLoginProfile);
  }

  Xml.Body createLoginProfile(QueryCall call) {
    Validator v = call.validator();
    Optional<String> name = v.optional("UserName", IamShapes.USER_NAME);
    Optional<Boolean> reset = Iam.optionalBoolean(call, v, "PasswordResetRequired");
    boolean hasPassword = call.params().has("Password");
    if (!hasPassword) {
      v.required("Password", IamShapes.PASSWORD);
    }
    v.check();
    String password = password(call);
    User user = iam.userOrSelf(call, name, "iam:CreateLoginProfile");
    checkPolicy(password);
    if (iam.db.users().findLoginProfile(user.id()).isPresent()) {
      throw alreadyExists(user);
    }
    var profile = new LoginProfile(user.id(), hash(password), reset.orElse(false), call.now());
    try {
      iam.db.users().createLoginProfile(profile);
    } catch (StoreException.EntityAlreadyExists e) {
      throw alreadyExists(user);
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    return xml -> xml.element("LoginProfile", x -> write(x, user, profile));
  }

  Xml.Body updateLoginProfile(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("UserName", IamShapes.USER_NAME);
    Optional<Boolean> reset = Iam.optionalBoolean(call, v, "PasswordResetRequired");
    v.check();
    Optional<String> password =
        call.params().has("Password") ? Optional.of(password(call)) : Optional.empty();
    User user = iam.user(call, name, "iam:UpdateLoginProfile");
    password.ifPresent(LoginProfileActions::checkPolicy);
    LoginProfile profile = profile(user);
    var updated =
        new LoginProfile(
            user.id(),
            password.map(this::hash).orElse(profile.passwordHash()),
            reset.orElse(profile.passwordResetRequired()),
            profile.created());
    try {
      iam.db.users().updateLoginProfile(updated);
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    return null;
  }

  Xml.Body deleteLoginProfile(QueryCall call) {
    Validator v = call.validator();
    Optional<String> name = v.optional("UserName", IamShapes.USER_NAME);
    v.check();
    User user = iam.userOrSelf(call, name, "iam:DeleteLoginProfile");
    profile(user);
    try {
      iam.db.users().deleteLoginProfile(user.id());
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    return null;
  }

  Xml.Body getLoginProfile(QueryCall call) {
    Validator v = call.validator();
    Optional<String> name = v.optional("UserName", IamShapes.USER_NAME);
    v.check();
    User user = iam.userOrSelf(call, name, "iam:GetLoginProfile");
    LoginProfile profile = profile(user);
    return xml -> xml.element("LoginProfile", x -> write(x, user, profile));
  }

  private LoginProfile profile(User user) {
    return iam.db
        .users()
        .findLoginProfile(user.id())
        .orElseThrow(() -> IamErrors.noSuchLoginProfile(user.name()));
  }

  private static void write(Xml xml, User user, LoginProfile profile) {
    xml.element("UserName", user.name())
        .element("CreateDate", profile.created())
        .element("PasswordResetRequired", profile.passwordResetRequired());
  }

  private static dev.stint.server.query.ApiException alreadyExists(User user) {
    return rejected(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Login Profile for user " + user.name() + " already exists.");
  }

  /**
   * The {@code Password} parameter, checked against the model. The model marks it sensitive, so AWS
   * leaves the value out of its validation message; so does this. {@link #checkPolicy} applies
   * IAM's default password policy (at least 8 characters, three of: upper case, lower case, digits,
   * symbols) once the caller is authorized.
   */
  private static String password(QueryCall call) {
    String password = call.params().get("Password").orElseThrow();
    String constraint = null;
    int length = password.codePointCount(0, password.length());
    if (length < IamShapes.PASSWORD.min()) {
      constraint = "Member must have length greater than or equal to " + IamShapes.PASSWORD.min();
    } else if (length > IamShapes.PASSWORD.max()) {
      constraint = "Member must have length less than or equal to " + IamShapes.PASSWORD.max();
    } else if (!IamShapes.PASSWORD.matches(password)) {
      constraint =
          "Member must satisfy regular expression pattern: " + IamShapes.PASSWORD.pattern();
    }
    if (constraint != null) {
      throw rejected(
          ErrorCode.VALIDATION_ERROR,
          "1 validation error detected: Value at 'password' failed to satisfy constraint: "
              + constraint);
    }
    return password;
  }

  private static void checkPolicy(String password) {
    if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH
        || classes(password) < 3) {
      throw rejected(ErrorCode.PASSWORD_POLICY_VIOLATION, POLICY_VIOLATION);
    }
  }

  private static int classes(String password) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean symbol = false;
    for (int i = 0; i < password.length(); i++) {
      char c = password.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        symbol = true;
      }
    }
    return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
  }

  private String hash(String password) {
    char[] chars = password.toCharArray();
    try {
      return passwords.hash(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }
}
