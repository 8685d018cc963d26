package dev.stint.server.iam;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.server.policy.Policy;
import dev.stint.server.query.ApiException;
import dev.stint.server.query.ErrorCode;
import dev.stint.server.query.QueryAction;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.Shape;
import dev.stint.server.query.Validator;
import dev.stint.server.query.Xml;
import dev.stint.server.store.InlinePolicies;
import dev.stint.server.store.InlinePolicy;
import dev.stint.server.store.Page;
import dev.stint.server.store.Role;
import dev.stint.server.store.StoreException;
import dev.stint.server.store.User;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Policies embedded in users and roles: Put, Get, List and Delete of UserPolicy and RolePolicy.
 * Documents are parsed as IAM parses them; IAM's quota is on all of an owner's inline policies
 * together (2,048 characters for a user, 10,240 for a role, white space not counted). Documents go
 * back URL-encoded, as IAM returns them. Thread-safe.
 */
final class InlinePolicyActions {

  /** An owner found by name for an action, and authorized for it. */
  private record Named(String id, String name) {}

  @FunctionalInterface
  private interface Lookup {
    Named find(QueryCall call, String name, String action);
  }

  /**
   * What differs between users' and roles' inline policies.
   *
   * @param kind {@code User} or {@code Role}, as in the action names and the {@code UserName} /
   *     {@code RoleName} parameters and elements
   * @param read finds the owner for reading its policies
   * @param modify finds the owner for changing them (roles the portal provisions refuse)
   */
  private record Owner(
      String kind,
      Shape nameShape,
      Policy.Kind policyKind,
      InlinePolicies store,
      Function<String, ApiException> noSuchPolicy,
      Lookup read,
      Lookup modify) {

    String nameParameter() {
      return kind + "Name";
    }

    String action(String verb) {
      return "iam:" + verb + kind + "Policy";
    }
  }

  private final Iam iam;
  private final Owner users;
  private final Owner roles;

  InlinePolicyActions(Iam iam) {
    this.iam = iam;
    Lookup user =
        (call, name, action) -> {
          User u = iam.user(call, name, action);
          return new Named(u.id(), u.name());
        };
    this.users =
        new Owner(
            "User",
            IamShapes.EXISTING_USER_NAME,
            Policy.Kind.USER_INLINE,
            iam.db.users(),
            IamErrors::noSuchUserPolicy,
            user,
            user);
    this.roles =
        new Owner(
            "Role",
            IamShapes.ROLE_NAME,
            Policy.Kind.ROLE_INLINE,
            iam.db.roles(),
            IamErrors::noSuchRolePolicy,
            (call, name, action) -> {
              Role r = iam.role(call, name, action);
              return new Named(r.id(), r.name());
            },
            (call, name, action) -> {
              Role r = iam.modifiableRole(call, name, action);
              return new Named(r.id(), r.name());
            });
  }

  void register(Map<String, QueryAction> actions) {
    for (Owner owner : List.of(users, roles)) {
      actions.put("Put" + owner.kind() + "Policy", call -> put(call, owner));
      actions.put("Get" + owner.kind() + "Policy", call -> get(call, owner));
      actions.put("List" + owner.kind() + "Policies", call -> list(call, owner));
      actions.put("Delete" + owner.kind() + "Policy", call -> delete(call, owner));
    }
  }

  private Xml.Body put(QueryCall call, Owner owner) {
    Validator v = call.validator();
    String ownerName = v.required(owner.nameParameter(), owner.nameShape());
    String policyName = v.required("PolicyName", IamShapes.POLICY_NAME);
    String document = v.required("PolicyDocument", IamShapes.POLICY_DOCUMENT);
    v.check();
    Named named = owner.modify().find(call, ownerName, owner.action("Put"));
    checkQuota(
        document,
        owner.policyKind(),
        owner.store().listPolicies(named.id()),
        policyName,
        owner.kind().toLowerCase(Locale.ROOT) + " " + named.name());
    try {
      owner.store().putPolicy(named.id(), new InlinePolicy(policyName, document));
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    iam.changed(named.id());
    return null;
  }

  private Xml.Body get(QueryCall call, Owner owner) {
    Validator v = call.validator();
    String ownerName = v.required(owner.nameParameter(), owner.nameShape());
    String policyName = v.required("PolicyName", IamShapes.POLICY_NAME);
    v.check();
    Named named = owner.read().find(call, ownerName, owner.action("Get"));
    InlinePolicy policy =
        owner
            .store()
            .findPolicy(named.id(), policyName)
            .orElseThrow(() -> owner.noSuchPolicy().apply(policyName));
    return xml ->
        xml.element(owner.nameParameter(), named.name())
            .element("PolicyName", policy.name())
            .element("PolicyDocument", IamXml.encode(policy.document()));
  }

  private Xml.Body list(QueryCall call, Owner owner) {
    Validator v = call.validator();
    String ownerName = v.required(owner.nameParameter(), owner.nameShape());
    Paging paging = Paging.read(v);
    v.check();
    Named named = owner.read().find(call, ownerName, "iam:List" + owner.kind() + "Policies");
    return names(paging, owner.store().listPolicies(named.id()));
  }

  private Xml.Body delete(QueryCall call, Owner owner) {
    Validator v = call.validator();
    String ownerName = v.required(owner.nameParameter(), owner.nameShape());
    String policyName = v.required("PolicyName", IamShapes.POLICY_NAME);
    v.check();
    Named named = owner.modify().find(call, ownerName, owner.action("Delete"));
    try {
      owner.store().deletePolicy(named.id(), policyName);
    } catch (StoreException.NoSuchEntity e) {
      throw owner.noSuchPolicy().apply(policyName);
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    iam.changed(named.id());
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
