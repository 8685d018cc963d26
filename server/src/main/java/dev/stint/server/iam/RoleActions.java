package dev.stint.server.iam;

import dev.stint.core.ids.Ids;
import dev.stint.server.policy.Policy;
import dev.stint.server.query.QueryAction;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.Validator;
import dev.stint.server.query.Xml;
import dev.stint.server.store.Role;
import dev.stint.server.store.StoreException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM roles: CreateRole, GetRole, ListRoles, UpdateRole, DeleteRole, UpdateAssumeRolePolicy and
 * their tags. Trust policies are parsed as IAM parses them before they are stored. Thread-safe.
 */
final class RoleActions {
  static final int TRUST_POLICY_QUOTA = 2048;

  private final Iam iam;
  private final Ids ids;

  RoleActions(Iam iam, Ids ids) {
    this.iam = iam;
    this.ids = ids;
  }

  void register(Map<String, QueryAction> actions) {
    actions.put("CreateRole", this::createRole);
    actions.put("GetRole", this::getRole);
    actions.put("ListRoles", this::listRoles);
    actions.put("UpdateRole", this::updateRole);
    actions.put("DeleteRole", this::deleteRole);
    actions.put("UpdateAssumeRolePolicy", this::updateAssumeRolePolicy);
    actions.put("TagRole", this::tagRole);
    actions.put("UntagRole", this::untagRole);
    actions.put("ListRoleTags", this::listRoleTags);
  }

  Xml.Body createRole(QueryCall call) {
    Validator v = call.validator();
    String path = v.optional("Path", IamShapes.PATH).orElse("/");
    String name = v.required("RoleName", IamShapes.ROLE_NAME);
    String trust = v.required("AssumeRolePolicyDocument", IamShapes.POLICY_DOCUMENT);
    Optional<String> description = v.optional("Description", IamShapes.ROLE_DESCRIPTION);
    Optional<Integer> maxSession =
        v.integer("MaxSessionDuration", Role.MIN_SESSION_SECONDS, Role.MAX_SESSION_SECONDS);
    Optional<String> boundary = v.optional("PermissionsBoundary", IamShapes.ARN);
    Tags.Requested requested = Tags.read(call, v, false);
    v.check();
    Map<String, String> tags = requested.get();
    Iam.noBoundary(boundary);
    String account = iam.account(call);
    String arn = Iam.roleArn(account, path, name);
    Map<String, List<String>> keys = Tags.requestKeys(tags);
    iam.authorize(call, "iam:CreateRole", arn, keys);
    if (!tags.isEmpty()) {
      iam.authorize(call, "iam:TagRole", arn, keys);
    }
    trustPolicy(trust);
    var role =
        new Role(
            ids.roleId(),
            account,
            name,
            path,
            arn,
            trust,
            description.filter(d -> !d.isEmpty()).orElse(null),
            maxSession.orElse(Role.MIN_SESSION_SECONDS),
            call.now(),
            tags);
    try {
      iam.db.roles().create(role);
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    return xml ->
        xml.element(
            "Role",
            x -> {
              IamXml.role(x, role, false);
              if (!role.tags().isEmpty()) {
                Tags.write(x, role.tags());
              }
            });
  }

  Xml.Body getRole(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("RoleName", IamShapes.ROLE_NAME);
    v.check();
    Role role = iam.role(call, name, "iam:GetRole");
    return xml -> xml.element("Role", x -> IamXml.role(x, role, true));
  }

  Xml.Body listRoles(QueryCall call) {
    return iam.listUnderPath(
        call, "iam:ListRoles", iam.db.roles()::list, "Roles", (m, r) -> IamXml.role(m, r, false));
  }

  Xml.Body updateRole(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("RoleName", IamShapes.ROLE_NAME);
    Optional<String> description = v.optional("Description", IamShapes.ROLE_DESCRIPTION);
    Optional<Integer> maxSession =
        v.integer("MaxSessionDuration", Role.MIN_SESSION_SECONDS, Role.MAX_SESSION_SECONDS);
    v.check();
    Role role = iam.modifiableRole(call, name, "iam:UpdateRole");
    save(
        role,
        role.trustPolicy(),
        description.isPresent()
            ? description.filter(d -> !d.isEmpty()).orElse(null)
            : role.description(),
        maxSession.orElse(role.maxSessionDurationSeconds()),
        role.tags());
    // UpdateRole's output shape has no members: IAM answers with an empty result element.
    iam.changed(role.id());
    return xml -> {};
  }

  Xml.Body deleteRole(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("RoleName", IamShapes.ROLE_NAME);
    v.check();
    Role role = iam.modifiableRole(call, name, "iam:DeleteRole");
    try {
      iam.db.roles().delete(role.accountId(), role.name());
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    iam.changed(role.id());
    return null;
  }

  Xml.Body updateAssumeRolePolicy(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("RoleName", IamShapes.ROLE_NAME);
    String trust = v.required("PolicyDocument", IamShapes.POLICY_DOCUMENT);
    v.check();
    Role role = iam.modifiableRole(call, name, "iam:UpdateAssumeRolePolicy");
    trustPolicy(trust);
    save(role, trust, role.description(), role.maxSessionDurationSeconds(), role.tags());
    iam.changed(role.id());
    return null;
  }

  Xml.Body tagRole(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("RoleName", IamShapes.ROLE_NAME);
    Tags.Requested requested = Tags.read(call, v, true);
    v.check();
    Map<String, String> tags = requested.get();
    Role role = iam.modifiableRole(call, name, "iam:TagRole", Tags.requestKeys(tags));
    Map<String, String> merged = Tags.merge(role.tags(), tags, "TagsPerRole");
    save(role, role.trustPolicy(), role.description(), role.maxSessionDurationSeconds(), merged);
    return null;
  }

  Xml.Body untagRole(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("RoleName", IamShapes.ROLE_NAME);
    List<String> keys = Tags.keys(call, v);
    v.check();
    Role role =
        iam.modifiableRole(
            call, name, "iam:UntagRole", keys.isEmpty() ? Map.of() : Map.of("aws:TagKeys", keys));
    save(
        role,
        role.trustPolicy(),
        role.description(),
        role.maxSessionDurationSeconds(),
        Tags.remove(role.tags(), keys));
    return null;
  }

  Xml.Body listRoleTags(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("RoleName", IamShapes.ROLE_NAME);
    Paging paging = Paging.read(v);
    v.check();
    Role role = iam.role(call, name, "iam:ListRoleTags");
    return Tags.list(paging, role.tags());
  }

  private static void trustPolicy(String document) {
    Documents.parse(
        document, Policy.Kind.TRUST, () -> IamErrors.quota("ACLSizePerRole", TRUST_POLICY_QUOTA));
  }

  private void save(
      Role role, String trust, String description, int maxSession, Map<String, String> tags) {
    try {
      iam.db
          .roles()
          .update(
              new Role(
                  role.id(),
                  role.accountId(),
                  role.name(),
                  role.path(),
                  role.arn(),
                  trust,
                  description,
                  maxSession,
                  role.created(),
                  tags));
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    iam.changed(role.id());
  }
}
