package dev.stint.server.iam;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.core.ids.Ids;
import dev.stint.server.keys.SecretBox;
import dev.stint.server.query.ErrorCode;
import dev.stint.server.query.QueryAction;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.Validator;
import dev.stint.server.query.Xml;
import dev.stint.server.store.AccessKey;
import dev.stint.server.store.Page;
import dev.stint.server.store.StoreException;
import dev.stint.server.store.User;
import dev.stint.server.sts.AccessKeyIds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Users' long-term access keys: CreateAccessKey (the secret is shown once, stored sealed),
 * ListAccessKeys, UpdateAccessKey, DeleteAccessKey and GetAccessKeyLastUsed. A key that is
 * deactivated or deleted is forgotten by the authenticator on this node at once. Thread-safe.
 */
final class AccessKeyActions {
  /** The {@link SecretBox} purpose of access key secrets, shared with the authenticator. */
  static final String SECRET_PURPOSE = "access-key";

  static final int MAX_KEYS_PER_USER = 2;

  private final Iam iam;
  private final Ids ids;
  private final AccessKeyIds keyIds;
  private final SecretBox box;
  private final Consumer<String> forgetKey;

  AccessKeyActions(
      Iam iam, Ids ids, AccessKeyIds keyIds, SecretBox box, Consumer<String> forgetKey) {
    this.iam = iam;
    this.ids = ids;
    this.keyIds = keyIds;
    this.box = box;
    this.forgetKey = forgetKey;
  }

  void register(Map<String, QueryAction> actions) {
    actions.put("CreateAccessKey", this::createAccessKey);
    actions.put("ListAccessKeys", this::listAccessKeys);
    actions.put("UpdateAccessKey", this::updateAccessKey);
    actions.put("DeleteAccessKey", this::deleteAccessKey);
    actions.put("GetAccessKeyLastUsed", this::getAccessKeyLastUsed);
  }

  Xml.Body createAccessKey(QueryCall call) {
    Validator v = call.validator();
    Optional<String> name = v.optional("UserName", IamShapes.EXISTING_USER_NAME);
    v.check();
    User user = iam.userOrSelf(call, name, "iam:CreateAccessKey");
    if (iam.db.accessKeys().listForUser(user.id()).size() >= MAX_KEYS_PER_USER) {
      throw IamErrors.quota("AccessKeysPerUser", MAX_KEYS_PER_USER);
    }
    String keyId = keyIds.longTerm(user.accountId());
    String secret = ids.secretAccessKey();
    byte[] sealed = box.seal(SECRET_PURPOSE, keyId, secret.getBytes(StandardCharsets.US_ASCII));
    var key = new AccessKey(keyId, user.id(), AccessKey.Status.ACTIVE, sealed, call.now(), null);
    try {
      iam.db.accessKeys().create(key);
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    return xml ->
        xml.element(
            "AccessKey",
            x ->
                x.element("UserName", user.name())
                    .element("AccessKeyId", keyId)
                    .element("Status", key.status().wire())
                    .element("SecretAccessKey", secret)
                    .element("CreateDate", key.created()));
  }

  Xml.Body listAccessKeys(QueryCall call) {
    Validator v = call.validator();
    Optional<String> name = v.optional("UserName", IamShapes.EXISTING_USER_NAME);
    Paging paging = Paging.read(v);
    v.check();
    User user = iam.userOrSelf(call, name, "iam:ListAccessKeys");
    List<AccessKey> keys = iam.db.accessKeys().listForUser(user.id());
    Page<AccessKey> page =
        paging.page(
            keys, k -> String.format(Locale.ROOT, "%020d/%s", k.created().toEpochMilli(), k.id()));
    return Paging.list(
        "AccessKeyMetadata",
        page,
        (m, k) ->
            m.element("UserName", user.name())
                .element("AccessKeyId", k.id())
                .element("Status", k.status().wire())
                .element("CreateDate", k.created()));
  }

  Xml.Body updateAccessKey(QueryCall call) {
    Validator v = call.validator();
    Optional<String> name = v.optional("UserName", IamShapes.EXISTING_USER_NAME);
    String keyId = v.required("AccessKeyId", IamShapes.ACCESS_KEY_ID);
    Optional<String> statusText =
        Iam.optionalEnum(call, v, "Status", List.of("Active", "Inactive", "Expired"));
    if (!call.params().has("Status")) {
      v.required("Status", IamShapes.STATUS);
    }
    v.check();
    User user = iam.userOrSelf(call, name, "iam:UpdateAccessKey");
    AccessKey key = ownKey(user, keyId);
    AccessKey.Status status =
        switch (statusText.orElseThrow()) {
          case "Active" -> AccessKey.Status.ACTIVE;
          case "Inactive" -> AccessKey.Status.INACTIVE;
          default ->
              throw rejected(
                  ErrorCode.INVALID_INPUT, "Access key status Expired cannot be set by a caller.");
        };
    try {
      iam.db.accessKeys().updateStatus(key.id(), status);
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    forgetKey.accept(key.id());
    return null;
  }

  Xml.Body deleteAccessKey(QueryCall call) {
    Validator v = call.validator();
    Optional<String> name = v.optional("UserName", IamShapes.EXISTING_USER_NAME);
    String keyId = v.required("AccessKeyId", IamShapes.ACCESS_KEY_ID);
    v.check();
    User user = iam.userOrSelf(call, name, "iam:DeleteAccessKey");
    AccessKey key = ownKey(user, keyId);
    try {
      iam.db.accessKeys().delete(key.id());
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    forgetKey.accept(key.id());
    return null;
  }

  Xml.Body getAccessKeyLastUsed(QueryCall call) {
    Validator v = call.validator();
    String keyId = v.required("AccessKeyId", IamShapes.ACCESS_KEY_ID);
    v.check();
    String account = iam.account(call);
    Optional<AccessKey> key = iam.db.accessKeys().find(keyId);
    Optional<User> owner =
        key.flatMap(k -> iam.db.users().findById(k.userId()))
            .filter(u -> u.accountId().equals(account));
    if (owner.isEmpty()) {
      iam.authorize(call, "iam:GetAccessKeyLastUsed", "*");
      throw IamErrors.noSuchAccessKey(keyId);
    }
    User user = owner.get();
    iam.authorize(call, "iam:GetAccessKeyLastUsed", user.arn());
    AccessKey.LastUsed used = key.get().lastUsed();
    return xml -> {
      xml.element("UserName", user.name());
      xml.element(
          "AccessKeyLastUsed",
          x -> {
            if (used == null) {
              // What IAM reports for a key that has never signed a request.
              x.element("ServiceName", "N/A").element("Region", "N/A");
            } else {
              x.element("LastUsedDate", used.time())
                  .element("ServiceName", used.service())
                  .element("Region", used.region());
            }
          });
    };
  }

  private AccessKey ownKey(User user, String keyId) {
    return iam.db
        .accessKeys()
        .find(keyId)
        .filter(k -> k.userId().equals(user.id()))
        .orElseThrow(() -> IamErrors.noSuchAccessKey(keyId));
  }
}
