package dev.stint.server.iam;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.server.auth.Authorizer;
import dev.stint.server.auth.Caller;
import dev.stint.server.auth.IdentityPolicies;
import dev.stint.server.query.ErrorCode;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.Validator;
import dev.stint.server.query.Xml;
import dev.stint.server.store.Database;
import dev.stint.server.store.Page;
import dev.stint.server.store.Role;
import dev.stint.server.store.StoreException;
import dev.stint.server.store.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every IAM action needs: the store, the authorizer, the identity-policy cache to invalidate,
 * and the rules that AWS applies before any IAM action (who may call IAM at all, which user an
 * action without {@code UserName} is about, the ARNs of IAM's entities). Thread-safe.
 */
final class Iam {
  /** AWS's answer to IAM calls with federated or MFA-less GetSessionToken credentials. */
  static final String INVALID_TOKEN = "The security token included in the request is invalid";

  final Database db;
  private final Authorizer authorizer;
  private final IdentityPolicies identities;

  Iam(Database db, Authorizer authorizer, IdentityPolicies identities) {
    this.db = db;
    this.authorizer = authorizer;
    this.identities = identities;
  }

  /**
   * The signer, if it may call IAM: AWS refuses federated users outright, and a user's
   * GetSessionToken session unless it was issued with MFA.
   */
  Caller caller(QueryCall call) {
    Caller caller = call.signer();
    boolean refused =
        caller.kind() == Caller.Kind.FEDERATED_USER
            || (caller.kind() == Caller.Kind.USER_SESSION && !caller.mfaAuthenticated());
    if (refused) {
      throw rejected(ErrorCode.INVALID_CLIENT_TOKEN_ID, INVALID_TOKEN);
    }
    return caller;
  }

  /** The caller's account, after {@link #caller}'s checks. */
  String account(QueryCall call) {
    return caller(call).accountId();
  }

  void authorize(QueryCall call, String action, String resource) {
    authorizer.require(call, action, resource);
  }

  void authorize(
      QueryCall call, String action, String resource, Map<String, List<String>> requestKeys) {
    authorizer.require(call, action, resource, requestKeys);
  }

  /** One page of an account's entities whose path starts with a prefix, as the store lists them. */
  @FunctionalInterface
  interface PathLister<T> {
    Page<T> list(String accountId, String pathPrefix, String marker, int maxItems);
  }

  /**
   * A list action over the caller's account (ListUsers, ListRoles): {@code PathPrefix}, {@code
   * Marker} and {@code MaxItems} in, {@code action} authorized on {@code *}, one page out as {@code
   * <wrapper>}.
   */
  <T> Xml.Body listUnderPath(
      QueryCall call,
      String action,
      PathLister<T> lister,
      String wrapper,
      Paging.Member<T> member) {
    Validator v = call.validator();
    Optional<String> prefix = v.optional("PathPrefix", IamShapes.PATH_PREFIX);
    Paging paging = Paging.read(v);
    v.check();
    String account = account(call);
    authorize(call, action, "*");
    Page<T> page;
    try {
      page = lister.list(account, prefix.orElse(null), paging.storeMarker(), paging.maxItems());
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    return Paging.list(wrapper, page, member);
  }

  /** Forgets cached permissions of a user or role after its policies or tags changed. */
  void changed(String entityId) {
    identities.invalidate(entityId);
  }

  /** Forgets every cached permission (a managed policy changed). */
  void changedAll() {
    identities.invalidateAll();
  }

  /**
   * The user by name in the caller's account, once the caller may perform {@code action} on it.
   * Authorization comes first, as in AWS, so a refused caller learns nothing about existence.
   */
  User user(QueryCall call, String name, String action) {
    return user(call, name, action, Map.of());
  }

  /** As {@link #user(QueryCall, String, String)}, with request-specific condition keys. */
  User user(QueryCall call, String name, String action, Map<String, List<String>> requestKeys) {
    String account = account(call);
    Optional<User> user = db.users().findByName(account, name);
    authorize(call, action, user.map(User::arn).orElse(userArn(account, "/", name)), requestKeys);
    return user.orElseThrow(() -> IamErrors.noSuchUser(name));
  }

  /** The named user, or without a name the caller's own user (refused for roles). */
  User userOrSelf(QueryCall call, Optional<String> name, String action) {
    if (name.isPresent()) {
      return user(call, name.get(), action);
    }
    Caller caller = caller(call);
    if (caller.kind() != Caller.Kind.USER && caller.kind() != Caller.Kind.USER_SESSION) {
      throw IamErrors.userNameRequired();
    }
    authorize(call, action, caller.entityArn());
    return db.users()
        .findById(caller.entityId())
        .orElseThrow(
            () ->
                IamErrors.noSuchUser(
                    caller.entityArn().substring(caller.entityArn().lastIndexOf('/') + 1)));
  }

  /** The role by name in the caller's account, once the caller may perform {@code action}. */
  Role role(QueryCall call, String name, String action) {
    return role(call, name, action, Map.of());
  }

  /** As {@link #role(QueryCall, String, String)}, with request-specific condition keys. */
  Role role(QueryCall call, String name, String action, Map<String, List<String>> requestKeys) {
    String account = account(call);
    Optional<Role> role = db.roles().findByName(account, name);
    authorize(call, action, role.map(Role::arn).orElse(roleArn(account, "/", name)), requestKeys);
    return role.orElseThrow(() -> IamErrors.noSuchRole(name));
  }

  /**
   * As {@link #role(QueryCall, String, String)}, for an action that changes the role: a role the
   * access portal provisioned is refused with {@code UnmodifiableEntity}, after authorization, as
   * AWS refuses changes to Identity Center's roles. Only the portal changes those.
   */
  Role modifiableRole(QueryCall call, String name, String action) {
    return modifiableRole(call, name, action, Map.of());
  }

  /** As {@link #modifiableRole(QueryCall, String, String)}, with request condition keys. */
  Role modifiableRole(
      QueryCall call, String name, String action, Map<String, List<String>> requestKeys) {
    Role role = role(call, name, action, requestKeys);
    if (ProtectedRoles.isProtected(db, role)) {
      throw IamErrors.protectedRole(role.name());
    }
    return role;
  }

  /** Refuses permissions boundaries, which stint does not evaluate, rather than ignore them. */
  static void noBoundary(Optional<String> boundary) {
    if (boundary.isPresent()) {
      throw rejected(
          ErrorCode.INVALID_INPUT, "Permissions boundaries are not supported by this service.");
    }
  }

  /** An optional enum parameter; a value outside {@code values} is a violation, as in AWS. */
  static Optional<String> optionalEnum(
      QueryCall call, Validator v, String name, List<String> values) {
    Optional<String> raw = call.params().get(name);
    if (raw.isPresent() && !values.contains(raw.get())) {
      v.violation(
          Validator.member(name),
          raw.get(),
          "Member must satisfy enum value set: [" + String.join(", ", values) + "]");
      return Optional.empty();
    }
    return raw;
  }

  /** An optional boolean parameter, {@code true} or {@code false} as botocore sends them. */
  static Optional<Boolean> optionalBoolean(QueryCall call, Validator v, String name) {
    Optional<String> raw = call.params().get(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    if (raw.get().equalsIgnoreCase("true")) {
      return Optional.of(true);
    }
    if (raw.get().equalsIgnoreCase("false")) {
      return Optional.of(false);
    }
    v.violation(Validator.member(name), raw.get(), "Member must be a boolean");
    return Optional.empty();
  }

  static String userArn(String account, String path, String name) {
    return "arn:aws:iam::" + account + ":user" + path + name;
  }

  static String roleArn(String account, String path, String name) {
    return "arn:aws:iam::" + account + ":role" + path + name;
  }

  static String policyArn(String account, String path, String name) {
    return "arn:aws:iam::" + account + ":policy" + path + name;
  }

  static String mfaArn(String account, String path, String name) {
    return "arn:aws:iam::" + account + ":mfa" + path + name;
  }
}
