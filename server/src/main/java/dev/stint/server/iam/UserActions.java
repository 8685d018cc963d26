package dev.stint.server.iam;

import dev.stint.core.ids.Ids;
import dev.stint.server.query.QueryAction;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.Validator;
import dev.stint.server.query.Xml;
import dev.stint.server.store.StoreException;
import dev.stint.server.store.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser and their tags. Thread-safe.
 */
final class UserActions {
  private final Iam iam;
  private final Ids ids;

  UserActions(Iam iam, Ids ids) {
    this.iam = iam;
    this.ids = ids;
  }

  void register(Map<String, QueryAction> actions) {
    actions.put("CreateUser", this::createUser);
    actions.put("GetUser", this::getUser);
    actions.put("ListUsers", this::listUsers);
    actions.put("UpdateUser", this::updateUser);
    actions.put("DeleteUser", this::deleteUser);
    actions.put("TagUser", this::tagUser);
    actions.put("UntagUser", this::untagUser);
    actions.put("ListUserTags", this::listUserTags);
  }

  Xml.Body createUser(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("UserName", IamShapes.USER_NAME);
    String path = v.optional("Path", IamShapes.PATH).orElse("/");
    Optional<String> boundary = v.optional("PermissionsBoundary", IamShapes.ARN);
    Tags.Requested requested = Tags.read(call, v, false);
    v.check();
    Map<String, String> tags = requested.get();
    Iam.noBoundary(boundary);
    String account = iam.account(call);
    String arn = Iam.userArn(account, path, name);
    Map<String, List<String>> keys = Tags.requestKeys(tags);
    iam.authorize(call, "iam:CreateUser", arn, keys);
    if (!tags.isEmpty()) {
      iam.authorize(call, "iam:TagUser", arn, keys);
    }
    var user = new User(ids.userId(), account, name, path, arn, call.now(), tags);
    try {
      iam.db.users().create(user);
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    return xml -> xml.element("User", x -> IamXml.user(x, user, true));
  }

  Xml.Body getUser(QueryCall call) {
    Validator v = call.validator();
    Optional<String> name = v.optional("UserName", IamShapes.EXISTING_USER_NAME);
    v.check();
    User user = iam.userOrSelf(call, name, "iam:GetUser");
    return xml -> xml.element("User", x -> IamXml.user(x, user, true));
  }

  Xml.Body listUsers(QueryCall call) {
    return iam.listUnderPath(
        call, "iam:ListUsers", iam.db.users()::list, "Users", (m, u) -> IamXml.user(m, u, false));
  }

  Xml.Body updateUser(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("UserName", IamShapes.EXISTING_USER_NAME);
    Optional<String> newPath = v.optional("NewPath", IamShapes.PATH);
    Optional<String> newName = v.optional("NewUserName", IamShapes.USER_NAME);
    v.check();
    User user = iam.user(call, name, "iam:UpdateUser");
    String path = newPath.orElse(user.path());
    String renamed = newName.orElse(user.name());
    String arn = Iam.userArn(user.accountId(), path, renamed);
    if (!arn.equals(user.arn())) {
      // Renaming or moving needs the permission on the target as well, as AWS documents.
      iam.authorize(call, "iam:UpdateUser", arn);
    }
    try {
      iam.db
          .users()
          .update(
              new User(
                  user.id(), user.accountId(), renamed, path, arn, user.created(), user.tags()));
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    iam.changed(user.id());
    return null;
  }

  Xml.Body deleteUser(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("UserName", IamShapes.EXISTING_USER_NAME);
    v.check();
    User user = iam.user(call, name, "iam:DeleteUser");
    try {
      iam.db.users().delete(user.accountId(), user.name());
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    iam.changed(user.id());
    return null;
  }

  Xml.Body tagUser(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("UserName", IamShapes.EXISTING_USER_NAME);
    Tags.Requested requested = Tags.read(call, v, true);
    v.check();
    Map<String, String> tags = requested.get();
    User user = iam.user(call, name, "iam:TagUser", Tags.requestKeys(tags));
    Map<String, String> merged = Tags.merge(user.tags(), tags, "TagsPerUser");
    save(user, merged);
    return null;
  }

  Xml.Body untagUser(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("UserName", IamShapes.EXISTING_USER_NAME);
    List<String> keys = Tags.keys(call, v);
    v.check();
    User user =
        iam.user(
            call, name, "iam:UntagUser", keys.isEmpty() ? Map.of() : Map.of("aws:TagKeys", keys));
    save(user, Tags.remove(user.tags(), keys));
    return null;
  }

  Xml.Body listUserTags(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("UserName", IamShapes.EXISTING_USER_NAME);
    Paging paging = Paging.read(v);
    v.check();
    User user = iam.user(call, name, "iam:ListUserTags");
    return Tags.list(paging, user.tags());
  }

  private void save(User user, Map<String, String> tags) {
    try {
      iam.db
          .users()
          .update(
              new User(
                  user.id(),
                  user.accountId(),
                  user.name(),
                  user.path(),
                  user.arn(),
                  user.created(),
                  tags));
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    iam.changed(user.id());
  }
}
