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
import dev.stint.server.store.StoreException;
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

  /**
   * What differs between users' and roles' inline policies besides names.
   *
   * @param nameShape the shape of {@code UserName} or {@code RoleName} in these actions
   */
  private record Owner(
      PolicyOwner.Kind kind,
      Shape nameShape,
      Policy.Kind policyKind,
      InlinePolicies store,
      Function<String, ApiException> noSuchPolicy) {

    String action(String verb) {
      return "iam:" + verb + kind.word() + "Policy";
    }
  }

  private final Iam iam;
  private final Owner users;
  private final Owner roles;

  InlinePolicyActions(Iam iam) {
    this.iam = iam;
    this.users =
        new Owner(
            PolicyOwner.Kind.USER,
            IamShapes.EXISTING_USER_NAME,
            Policy.Kind.USER_INLINE,
            iam.db.users(),
            IamErrors::noSuchUserPolicy);
    this.roles =
        new Owner(
            PolicyOwner.Kind.ROLE,
            IamShapes.ROLE_NAME,
            Policy.Kind.ROLE_INLINE,
            iam.db.roles(),
            IamErrors::noSuchRolePolicy);
  }

  void register(Map<String, QueryAction> actions) {
    for (Owner owner : List.of(users, roles)) {
      actions.put("Put" + owner.kind().word() + "Policy", call -> put(call, owner));
      actions.put("Get" + owner.kind().word() + "Policy", call -> get(call, owner));
      actions.put("List" + owner.kind().word() + "Policies", call -> list(call, owner));
      actions.put("Delete" + owner.kind().word() + "Policy", call -> delete(call, owner));
    }
  }

  private Xml.Body put(QueryCall call, Owner owner) {
    Validator v = call.validator();
    String ownerName = v.required(owner.kind().nameParameter(), owner.nameShape());
    String policyName = v.required("PolicyName", IamShapes.POLICY_NAME);
    String document = v.required("PolicyDocument", IamShapes.POLICY_DOCUMENT);
    v.check();
    PolicyOwner named = owner.kind().modify(iam, call, ownerName, owner.action("Put"), Map.of());
    checkQuota(
        document,
        owner.policyKind(),
        owner.store().listPolicies(named.id()),
        policyName,
        owner.kind().word().toLowerCase(Locale.ROOT) + " " + named.name());
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
    String ownerName = v.required(owner.kind().nameParameter(), owner.nameShape());
    String policyName = v.required("PolicyName", IamShapes.POLICY_NAME);
    v.check();
    PolicyOwner named = owner.kind().read(iam, call, ownerName, owner.action("Get"), Map.of());
    InlinePolicy policy =
        owner
            .store()
            .findPolicy(named.id(), policyName)
            .orElseThrow(() -> owner.noSuchPolicy().apply(policyName));
    return xml ->
        xml.element(owner.kind().nameParameter(), named.name())
            .element("PolicyName", policy.name())
            .element("PolicyDocument", IamXml.encode(policy.document()));
  }

  private Xml.Body list(QueryCall call, Owner owner) {
    Validator v = call.validator();
    String ownerName = v.required(owner.kind().nameParameter(), owner.nameShape());
    Paging paging = Paging.read(v);
    v.check();
    PolicyOwner named =
        owner
            .kind()
            .read(iam, call, ownerName, "iam:List" + owner.kind().word() + "Policies", Map.of());
    return names(paging, owner.store().listPolicies(named.id()));
  }

  private Xml.Body delete(QueryCall call, Owner owner) {
    Validator v = call.validator();
    String ownerName = v.required(owner.kind().nameParameter(), owner.nameShape());
    String policyName = v.required("PolicyName", IamShapes.POLICY_NAME);
    v.check();
    PolicyOwner named = owner.kind().modify(iam, call, ownerName, owner.action("Delete"), Map.of());
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
