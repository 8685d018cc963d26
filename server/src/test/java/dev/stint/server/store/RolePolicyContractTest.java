package dev.stint.server.store;

import static dev.stint.server.store.Fixtures.ACCOUNT;
import static dev.stint.server.store.Fixtures.OTHER_ACCOUNT;
import static dev.stint.server.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The role, managed policy and attachment contract, for every backend. */
abstract class RolePolicyContractTest extends ContractTestBase {

  private static final String POLICY_ARN = "arn:aws:iam::123456789012:policy/ReadOnly";

  @Test
  void createdRoleIsFoundByNameInAnyCaseWithItsTags() {
    Role role =
        new Role(
            "AROADEPLOY00000000000",
            ACCOUNT,
            "Deploy",
            "/ci/",
            "arn:aws:iam::123456789012:role/ci/Deploy",
            "{\"Statement\":[]}",
            "deploys things",
            7200,
            T0,
            Map.of("env", "prod"));
    db.roles().create(role);

    assertThat(db.roles().findByName(ACCOUNT, "deploy")).contains(role);
    assertThat(db.roles().findById("AROADEPLOY00000000000")).contains(role);
    assertThat(db.roles().findByName(OTHER_ACCOUNT, "Deploy")).isEmpty();
  }

  @Test
  void roleNamesAreUniquePerAccountRegardlessOfCase() {
    db.roles().create(Fixtures.role(ACCOUNT, "admin", "/", "R1"));
    assertThatThrownBy(() -> db.roles().create(Fixtures.role(ACCOUNT, "ADMIN", "/x/", "R2")))
        .isInstanceOf(StoreException.EntityAlreadyExists.class)
        .hasMessage("Role with name ADMIN already exists.");
  }

  @Test
  void rolesArePagedByNameAndFilteredByPathPrefix() {
    db.roles().create(Fixtures.role(ACCOUNT, "b", "/svc/", "R1"));
    db.roles().create(Fixtures.role(ACCOUNT, "A", "/", "R2"));
    db.roles().create(Fixtures.role(ACCOUNT, "c", "/svc/", "R3"));

    Page<Role> first = db.roles().list(ACCOUNT, null, null, 2);
    assertThat(first.items()).extracting(Role::name).containsExactly("A", "b");
    Page<Role> second = db.roles().list(ACCOUNT, null, first.nextMarker(), 2);
    assertThat(second.items()).extracting(Role::name).containsExactly("c");
    assertThat(second.isTruncated()).isFalse();
    assertThat(db.roles().list(ACCOUNT, "/svc/", null, 1000).items())
        .extracting(Role::name)
        .containsExactly("b", "c");
  }

  @Test
  void updateChangesTrustDescriptionDurationAndTagsButNeverTheName() {
    Role role = db.roles().create(Fixtures.role(ACCOUNT, "ops", "/", "R1"));
    Role changed =
        new Role(
            role.id(),
            ACCOUNT,
            "ops",
            "/",
            role.arn(),
            "{\"new\":true}",
            "on call",
            43_200,
            T0.plusSeconds(9),
            Map.of("a", "b"));
    db.roles().update(changed);

    Role stored = db.roles().findById(role.id()).orElseThrow();
    assertThat(stored.trustPolicy()).isEqualTo("{\"new\":true}");
    assertThat(stored.description()).isEqualTo("on call");
    assertThat(stored.maxSessionDurationSeconds()).isEqualTo(43_200);
    assertThat(stored.tags()).isEqualTo(Map.of("a", "b"));
    assertThat(stored.created()).isEqualTo(T0);

    Role recased =
        new Role(role.id(), ACCOUNT, "OPS", "/", role.arn(), "{}", null, 3600, T0, Map.of());
    assertThatThrownBy(() -> db.roles().update(recased))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Role " + role.id() + ": name, path and arn cannot change");
  }

  @Test
  void deletingARoleIsRefusedWhileItHasPolicies() {
    Role role = db.roles().create(Fixtures.role(ACCOUNT, "ops", "/", "R1"));
    db.roles().putPolicy(role.id(), new InlinePolicy("inline", "{}"));
    assertThatThrownBy(() -> db.roles().delete(ACCOUNT, "ops"))
        .isInstanceOfSatisfying(
            StoreException.DeleteConflict.class,
            e -> assertThat(e.blocker()).isEqualTo(StoreException.Blocker.INLINE_POLICIES))
        .hasMessage("Cannot delete entity, must delete policies first.");
    db.roles().deletePolicy(role.id(), "inline");

    db.policies().create(Fixtures.policy(ACCOUNT, "ReadOnly", "/"));
    PolicyAttachment attachment =
        new PolicyAttachment(PolicyAttachment.PrincipalType.ROLE, role.arn(), POLICY_ARN);
    db.policies().attach(attachment);
    assertThatThrownBy(() -> db.roles().delete(ACCOUNT, "ops"))
        .isInstanceOf(StoreException.DeleteConflict.class)
        .hasMessage("Cannot delete entity, must detach all policies first.");
    db.policies().detach(attachment);

    db.roles().delete(ACCOUNT, "OPS");
    assertThat(db.roles().findById(role.id())).isEmpty();
    assertThatThrownBy(() -> db.roles().delete(ACCOUNT, "ops"))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The role with name ops cannot be found.");
  }

  @Test
  void roleInlinePoliciesAreReplacedByName() {
    Role role = db.roles().create(Fixtures.role(ACCOUNT, "ops", "/", "R1"));
    db.roles().putPolicy(role.id(), new InlinePolicy("p", "{\"v\":1}"));
    db.roles().putPolicy(role.id(), new InlinePolicy("p", "{\"v\":2}"));
    assertThat(db.roles().listPolicies(role.id()))
        .containsExactly(new InlinePolicy("p", "{\"v\":2}"));
    assertThat(db.roles().findPolicy(role.id(), "q")).isEmpty();
    assertThatThrownBy(() -> db.roles().deletePolicy(role.id(), "q"))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The role policy with name q cannot be found.");
  }

  @Test
  void managedPoliciesAreUniqueByNameListedAndUpdated() {
    ManagedPolicy policy = db.policies().create(Fixtures.policy(ACCOUNT, "ReadOnly", "/"));
    db.policies().create(Fixtures.policy(ACCOUNT, "Admin", "/team/"));
    assertThatThrownBy(() -> db.policies().create(Fixtures.policy(ACCOUNT, "READONLY", "/x/")))
        .isInstanceOf(StoreException.EntityAlreadyExists.class)
        .hasMessage("Policy with name READONLY already exists.");

    assertThat(db.policies().list(ACCOUNT, null, null, 10).items())
        .extracting(ManagedPolicy::name)
        .containsExactly("Admin", "ReadOnly");
    assertThat(db.policies().list(ACCOUNT, "/team/", null, 10).items())
        .extracting(ManagedPolicy::name)
        .containsExactly("Admin");

    db.policies().updateDocument(POLICY_ARN, "{\"v\":2}");
    assertThat(db.policies().find(POLICY_ARN).orElseThrow().document()).isEqualTo("{\"v\":2}");
    assertThat(policy.created()).isEqualTo(T0);
    assertThatThrownBy(() -> db.policies().updateDocument(POLICY_ARN + "x", "{}"))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The policy with name " + POLICY_ARN + "x cannot be found.");
  }

  @Test
  void attachingIsIdempotentAndAnAttachedPolicyCannotBeDeleted() {
    db.policies().create(Fixtures.policy(ACCOUNT, "ReadOnly", "/"));
    User bob = db.users().create(Fixtures.user(ACCOUNT, "bob", "/", "B1"));
    Role ops = db.roles().create(Fixtures.role(ACCOUNT, "ops", "/", "R1"));
    PolicyAttachment toBob =
        new PolicyAttachment(PolicyAttachment.PrincipalType.USER, bob.arn(), POLICY_ARN);
    PolicyAttachment toOps =
        new PolicyAttachment(PolicyAttachment.PrincipalType.ROLE, ops.arn(), POLICY_ARN);
    db.policies().attach(toOps);
    db.policies().attach(toBob);
    db.policies().attach(toBob);

    assertThat(db.policies().listEntities(POLICY_ARN)).containsExactly(toOps, toBob);
    assertThat(db.policies().listAttached(bob.arn())).containsExactly(toBob);
    assertThatThrownBy(() -> db.policies().delete(POLICY_ARN))
        .isInstanceOfSatisfying(
            StoreException.DeleteConflict.class,
            e -> assertThat(e.blocker()).isEqualTo(StoreException.Blocker.ATTACHED_ENTITIES))
        .hasMessage("Cannot delete a policy attached to entities.");

    db.policies().detach(toBob);
    db.policies().detach(toOps);
    assertThatThrownBy(() -> db.policies().detach(toOps))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The policy attachment with name " + POLICY_ARN + " cannot be found.");
    db.policies().delete(POLICY_ARN);
    assertThat(db.policies().find(POLICY_ARN)).isEmpty();
  }

  @Test
  void attachingAMissingPolicyIsNoSuchEntity() {
    PolicyAttachment attachment =
        new PolicyAttachment(
            PolicyAttachment.PrincipalType.USER,
            "arn:aws:iam::123456789012:user/bob",
            "arn:aws:iam::123456789012:policy/Nope");
    assertThatThrownBy(() -> db.policies().attach(attachment))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The policy with name arn:aws:iam::123456789012:policy/Nope cannot be found.");
  }
}
