package dev.stint.server.iam;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.server.policy.Policy;
import dev.stint.server.query.ErrorCode;
import dev.stint.server.query.QueryAction;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.Validator;
import dev.stint.server.query.Xml;
import dev.stint.server.store.InlinePolicy;
import dev.stint.server.store.Page;
import dev.stint.server.store.Role;
import dev.stint.server.store.StoreException;
import dev.stint.server.store.User;
import java.util.List;
import java.util.Map;

/**
 * Policies embedded in users and roles: Put, Get, List and Delete of UserPolicy and RolePolicy.
 * Documents are parsed as IAM parses them; IAM's quota is on all of an owner's inline policies
 * together (2,048 characters for a user, 10,240 for a role, white space not counted). Documents go
 * back URL-encoded, as IAM returns them. Thread-safe.
 */
final class InlinePolicyActions {
  private final Iam iam;

  InlinePolicyActions(Iam iam) {
    this.iam = iam;
  }

  void register(Map<String, QueryAction> actions) {
    actions.put("PutUserPolicy", this::putUserPolicy);
    actions.put("GetUserPolicy", this::getUserPolicy);
    actions.put("ListUserPolicies", this::listUserPolicies);
    actions.put("DeleteUserPolicy", this::deleteUserPolicy);
    actions.put("PutRolePolicy", this::putRolePolicy);
    actions.put("GetRolePolicy", this::getRolePolicy);
    actions.put("ListRolePolicies", this::listRolePolicies);
    actions.put("DeleteRolePolicy", this::deleteRolePolicy);
  }

  Xml.Body putUserPolicy(QueryCall call) {
    Validator v = call.validator();
    String userName = v.required("UserName", IamShapes.EXISTING_USER_NAME);
    String policyName = v.required("PolicyName", IamShapes.POLICY_NAME);
    String document = v.required("PolicyDocument", IamShapes.POLICY_DOCUMENT);
    v.check();
    User user = iam.user(call, userName, "iam:PutUserPolicy");
    checkQuota(
        document,
        Policy.Kind.USER_INLINE,
        iam.db.users().listPolicies(user.id()),
        policyName,
        "user " + user.name());
    try {
      iam.db.users().putPolicy(user.id(), new InlinePolicy(policyName, document));
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    iam.changed(user.id());
    return null;
  }

  Xml.Body getUserPolicy(QueryCall call) {
    Validator v = call.validator();
    String userName = v.required("UserName", IamShapes.EXISTING_USER_NAME);
    String policyName = v.required("PolicyName", IamShapes.POLICY_NAME);
    v.check();
    User user = iam.user(call, userName, "iam:GetUserPolicy");
    InlinePolicy policy =
        iam.db
            .users()
            .findPolicy(user.id(), policyName)
            .orElseThrow(() -> IamErrors.noSuchUserPolicy(policyName));
    return xml ->
        xml.element("UserName", user.name())
            .element("PolicyName", policy.name())
            .element("PolicyDocument", IamXml.encode(policy.document()));
  }

  Xml.Body listUserPolicies(QueryCall call) {
    Validator v = call.validator();
    String userName = v.required("UserName", IamShapes.EXISTING_USER_NAME);
    Paging paging = Paging.read(v);
    v.check();
    User user = iam.user(call, userName, "iam:ListUserPolicies");
    return names(paging, iam.db.users().listPolicies(user.id()));
  }

  Xml.Body deleteUserPolicy(QueryCall call) {
    Validator v = call.validator();
    String userName = v.required("UserName", IamShapes.EXISTING_USER_NAME);
    String policyName = v.required("PolicyName", IamShapes.POLICY_NAME);
    v.check();
    User user = iam.user(call, userName, "iam:DeleteUserPolicy");
    try {
      iam.db.users().deletePolicy(user.id(), policyName);
    } catch (StoreException.NoSuchEntity e) {
      throw IamErrors.noSuchUserPolicy(policyName);
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    iam.changed(user.id());
    return null;
  }

  Xml.Body putRolePolicy(QueryCall call) {
    Validator v = call.validator();
    String roleName = v.required("RoleName", IamShapes.ROLE_NAME);
    String policyName = v.required("PolicyName", IamShapes.POLICY_NAME);
    String document = v.required("PolicyDocument", IamShapes.POLICY_DOCUMENT);
    v.check();
    Role role = iam.modifiableRole(call, roleName, "iam:PutRolePolicy");
    checkQuota(
        document,
        Policy.Kind.ROLE_INLINE,
        iam.db.roles().listPolicies(role.id()),
        policyName,
        "role " + role.name());
    try {
      iam.db.roles().putPolicy(role.id(), new InlinePolicy(policyName, document));
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    iam.changed(role.id());
    return null;
  }

  Xml.Body getRolePolicy(QueryCall call) {
    Validator v = call.validator();
    String roleName = v.required("RoleName", IamShapes.ROLE_NAME);
    String policyName = v.required("PolicyName", IamShapes.POLICY_NAME);
    v.check();
    Role role = iam.role(call, roleName, "iam:GetRolePolicy");
    InlinePolicy policy =
        iam.db
            .roles()
            .findPolicy(role.id(), policyName)
            .orElseThrow(() -> IamErrors.noSuchRolePolicy(policyName));
    return xml ->
        xml.element("RoleName", role.name())
            .element("PolicyName", policy.name())
            .element("PolicyDocument", IamXml.encode(policy.document()));
  }

  Xml.Body listRolePolicies(QueryCall call) {
    Validator v = call.validator();
    String roleName = v.required("RoleName", IamShapes.ROLE_NAME);
    Paging paging = Paging.read(v);
    v.check();
    Role role = iam.role(call, roleName, "iam:ListRolePolicies");
    return names(paging, iam.db.roles().listPolicies(role.id()));
  }

  Xml.Body deleteRolePolicy(QueryCall call) {
    Validator v = call.validator();
    String roleName = v.required("RoleName", IamShapes.ROLE_NAME);
    String policyName = v.required("PolicyName", IamShapes.POLICY_NAME);
    v.check();
    Role role = iam.modifiableRole(call, roleName, "iam:DeleteRolePolicy");
    try {
      iam.db.roles().deletePolicy(role.id(), policyName);
    } catch (StoreException.NoSuchEntity e) {
      throw IamErrors.noSuchRolePolicy(policyName);
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    iam.changed(role.id());
    return null;
  }

  /**
   * Parses the document and checks the owner's aggregate quota, counting every other inline policy
   * of the owner (a policy replaced by name no longer counts).
   */
  private static void checkQuota(
      String document, Policy.Kind kind, List<InlinePolicy> existing, String name, String owner) {
    String message = "Maximum policy size of " + kind.maxSize() + " bytes exceeded for " + owner;
    Policy policy =
        Documents.parse(document, kind, () -> rejected(ErrorCode.LIMIT_EXCEEDED, message));
    int total = policy.size();
    for (InlinePolicy other : existing) {
      if (!other.name().equals(name)) {
        total += Documents.size(other.document(), kind);
      }
    }
    if (total > kind.maxSize()) {
      throw rejected(ErrorCode.LIMIT_EXCEEDED, message);
    }
  }

  private static Xml.Body names(Paging paging, List<InlinePolicy> policies) {
    Page<InlinePolicy> page = paging.page(policies, InlinePolicy::name);
    return xml -> {
      xml.element(
          "PolicyNames",
          x -> {
            for (InlinePolicy p : page.items()) {
              x.element("member", p.name());
            }
          });
      Paging.write(xml, page);
    };
  }
}
