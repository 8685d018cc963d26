package dev.stint.server.store;

import static dev.stint.server.store.Fixtures.ACCOUNT;
import static dev.stint.server.store.Fixtures.OTHER_ACCOUNT;
import static dev.stint.server.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.server.store.Assignment.PrincipalType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The access portal's contract: groups, permission sets, assignments and provisioned roles, portal
 * users, portal sessions, settings and CreateAccount requests, for every backend.
 */
abstract class PortalContractTest extends ContractTestBase {

  private static final String ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
  private static final String HASH_A = "a".repeat(64);
  private static final String HASH_B = "b".repeat(64);

  private User alice() {
    return db.users().create(Fixtures.user(ACCOUNT, "alice", "/", "ALICE"));
  }

  private User bob() {
    return db.users().create(Fixtures.user(ACCOUNT, "bob", "/", "BOB"));
  }

  private static PermissionSet ps(String id, String name, Duration duration, List<String> arns) {
    return new PermissionSet(id, name, "desc " + name, duration, null, arns, T0);
  }

  @Test
  void groupNamesAreUniqueWithoutCaseAndMembershipsAreListedBothWays() {
    User alice = alice();
    User bob = bob();
    Group eng = db.groups().create(new Group("g-eng", "Engineers", null, T0));
    Group ops = db.groups().create(new Group("g-ops", "ops", "on call", T0));

    assertThatThrownBy(() -> db.groups().create(new Group("g-x", "ENGINEERS", null, T0)))
        .isInstanceOf(StoreException.EntityAlreadyExists.class)
        .hasMessage("Group with name ENGINEERS already exists.");
    assertThat(db.groups().findByName("engineers")).contains(eng);
    assertThat(db.groups().list()).containsExactly(eng, ops);

    db.groups().addMember("g-eng", alice.id());
    db.groups().addMember("g-eng", alice.id());
    db.groups().addMember("g-eng", bob.id());
    db.groups().addMember("g-ops", alice.id());
    assertThat(db.groups().listMembers("g-eng")).containsExactly(alice.id(), bob.id());
    assertThat(db.groups().listGroupsOf(alice.id())).containsExactly(eng, ops);

    db.groups().removeMember("g-eng", bob.id());
    assertThat(db.groups().listMembers("g-eng")).containsExactly(alice.id());
    assertThatThrownBy(() -> db.groups().removeMember("g-eng", bob.id()))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The group member with name " + bob.id() + " cannot be found.");
    assertThatThrownBy(() -> db.groups().addMember("g-none", alice.id()))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The group with name g-none cannot be found.");
  }

  @Test
  void groupsAreRenamedAndDeletedWithTheirMembershipsButNotWhileAssigned() {
    User alice = alice();
    db.groups().create(new Group("g-eng", "eng", null, T0));
    db.groups().create(new Group("g-ops", "ops", null, T0));
    db.groups().addMember("g-eng", alice.id());

    assertThatThrownBy(() -> db.groups().update(new Group("g-eng", "OPS", null, T0)))
        .isInstanceOf(StoreException.EntityAlreadyExists.class);
    Group renamed = db.groups().update(new Group("g-eng", "Engineering", "builders", T0));
    assertThat(db.groups().find("g-eng")).contains(renamed);

    db.permissionSets().create(ps("ps-1", "ReadOnly", Duration.ofHours(1), List.of()));
    db.assignments()
        .create(new Assignment(PrincipalType.GROUP, "g-eng", OTHER_ACCOUNT, "ps-1", T0));
    assertThatThrownBy(() -> db.groups().delete("g-eng"))
        .isInstanceOfSatisfying(
            StoreException.DeleteConflict.class,
            e -> assertThat(e.blocker()).isEqualTo(StoreException.Blocker.ASSIGNMENTS));
    db.assignments().delete(PrincipalType.GROUP, "g-eng", OTHER_ACCOUNT, "ps-1");
    db.groups().delete("g-eng");
    assertThat(db.groups().find("g-eng")).isEmpty();
    assertThat(db.groups().listGroupsOf(alice.id())).isEmpty();
  }

  @Test
  void permissionSetsKeepDurationPoliciesAndSortedArns() {
    PermissionSet admin =
        new PermissionSet(
            "ps-admin",
            "Admin",
            null,
            Duration.ofHours(8),
            "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
            List.of(ADMIN_ARN, "arn:aws:iam::aws:policy/A", ADMIN_ARN),
            T0);
    db.permissionSets().create(admin);
    db.permissionSets().create(ps("ps-ro", "readonly", Duration.ofHours(1), List.of()));

    PermissionSet found = db.permissionSets().find("ps-admin").orElseThrow();
    assertThat(found).isEqualTo(admin);
    assertThat(found.managedPolicyArns()).containsExactly("arn:aws:iam::aws:policy/A", ADMIN_ARN);
    assertThat(found.sessionDuration()).isEqualTo(Duration.ofHours(8));
    assertThat(db.permissionSets().findByName("ADMIN")).contains(admin);
    assertThat(db.permissionSets().list())
        .extracting(PermissionSet::name)
        .containsExactly("Admin", "readonly");
    assertThatThrownBy(
            () ->
                db.permissionSets().create(ps("ps-x", "ReadOnly", Duration.ofHours(1), List.of())))
        .isInstanceOf(StoreException.EntityAlreadyExists.class)
        .hasMessage("Permission set with name ReadOnly already exists.");

    PermissionSet changed =
        db.permissionSets()
            .update(
                new PermissionSet(
                    "ps-admin",
                    "Admin",
                    "all",
                    Duration.ofHours(12),
                    null,
                    List.of(ADMIN_ARN),
                    T0.plusSeconds(99)));
    assertThat(changed.created()).isEqualTo(T0);
    assertThat(db.permissionSets().find("ps-admin")).contains(changed);
    assertThat(changed.inlinePolicy()).isNull();
  }

  @Test
  void permissionSetRulesAreCheckedOnConstruction() {
    assertThatThrownBy(() -> ps("ps-1", "x", Duration.ofMinutes(59), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid session duration PT59M: must be whole minutes from PT1H to PT12H");
    assertThatThrownBy(() -> ps("ps-1", "x", Duration.ofHours(12).plusMinutes(1), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ps("ps-1", "has space", Duration.ofHours(1), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid permission set name 'has space'");
    assertThatThrownBy(() -> ps("ps-1", "a".repeat(33), Duration.ofHours(1), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void assignmentsReachUsersDirectlyAndThroughTheirGroups() {
    User alice = alice();
    User bob = bob();
    db.groups().create(new Group("g-eng", "eng", null, T0));
    db.groups().addMember("g-eng", alice.id());
    db.permissionSets().create(ps("ps-ro", "ReadOnly", Duration.ofHours(1), List.of()));
    db.permissionSets().create(ps("ps-admin", "Admin", Duration.ofHours(8), List.of()));

    Assignment direct = new Assignment(PrincipalType.USER, alice.id(), ACCOUNT, "ps-admin", T0);
    Assignment viaGroup = new Assignment(PrincipalType.GROUP, "g-eng", OTHER_ACCOUNT, "ps-ro", T0);
    Assignment bobs = new Assignment(PrincipalType.USER, bob.id(), ACCOUNT, "ps-ro", T0);
    db.assignments().create(direct);
    db.assignments().create(viaGroup);
    db.assignments().create(bobs);

    assertThat(db.assignments().listForUser(alice.id())).containsExactly(direct, viaGroup);
    assertThat(db.assignments().listForUser(bob.id())).containsExactly(bobs);
    assertThat(db.assignments().listForAccount(ACCOUNT)).containsExactly(direct, bobs);
    assertThat(db.assignments().listForPrincipal(PrincipalType.GROUP, "g-eng"))
        .containsExactly(viaGroup);
    assertThat(db.assignments().list()).containsExactly(direct, bobs, viaGroup);
    assertThat(db.assignments().count(ACCOUNT, "ps-ro")).isEqualTo(1);
    assertThat(db.assignments().isAssigned("ps-admin")).isTrue();

    assertThatThrownBy(() -> db.assignments().create(direct))
        .isInstanceOf(StoreException.EntityAlreadyExists.class);
    assertThatThrownBy(
            () ->
                db.assignments()
                    .create(
                        new Assignment(
                            PrincipalType.USER, alice.id(), "555555555555", "ps-ro", T0)))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The account with name 555555555555 cannot be found.");
    assertThatThrownBy(
            () ->
                db.assignments()
                    .create(new Assignment(PrincipalType.GROUP, "g-none", ACCOUNT, "ps-ro", T0)))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The group with name g-none cannot be found.");
    assertThatThrownBy(() -> db.permissionSets().delete("ps-admin"))
        .isInstanceOf(StoreException.DeleteConflict.class)
        .hasMessage("Cannot delete entity, must remove its account assignments first.");

    db.assignments().delete(PrincipalType.USER, alice.id(), ACCOUNT, "ps-admin");
    assertThatThrownBy(
            () -> db.assignments().delete(PrincipalType.USER, alice.id(), ACCOUNT, "ps-admin"))
        .isInstanceOf(StoreException.NoSuchEntity.class);
    db.permissionSets().delete("ps-admin");
    assertThat(db.permissionSets().find("ps-admin")).isEmpty();
  }

  @Test
  void aProvisionedRoleIsRecordedOncePerAccountAndPermissionSet() {
    db.permissionSets().create(ps("ps-ro", "ReadOnly", Duration.ofHours(1), List.of()));
    Role role =
        db.roles()
            .create(
                Fixtures.role(
                    ACCOUNT,
                    "AWSReservedSSO_ReadOnly_0123456789abcdef",
                    "/aws-reserved/sso.amazonaws.com/",
                    "P1"));
    Role other = db.roles().create(Fixtures.role(ACCOUNT, "Other", "/", "P2"));

    db.assignments().putRole(new ProvisionedRole(ACCOUNT, "ps-ro", role.id()));
    assertThat(db.assignments().findRole(ACCOUNT, "ps-ro"))
        .contains(new ProvisionedRole(ACCOUNT, "ps-ro", role.id()));
    assertThat(db.assignments().findRole(OTHER_ACCOUNT, "ps-ro")).isEmpty();
    assertThatThrownBy(
            () -> db.assignments().putRole(new ProvisionedRole(ACCOUNT, "ps-ro", other.id())))
        .isInstanceOf(StoreException.EntityAlreadyExists.class)
        .hasMessage("Provisioned role with name 123456789012/ps-ro already exists.");
    assertThatThrownBy(
            () ->
                db.assignments()
                    .putRole(new ProvisionedRole(ACCOUNT, "ps-ro", "AROANOTHERE0000000000")))
        .isInstanceOf(StoreException.NoSuchEntity.class);
    assertThat(db.assignments().listRoles("ps-ro"))
        .containsExactly(new ProvisionedRole(ACCOUNT, "ps-ro", role.id()));
    assertThatThrownBy(() -> db.permissionSets().delete("ps-ro"))
        .isInstanceOf(StoreException.DeleteConflict.class);

    db.assignments().deleteRole(ACCOUNT, "ps-ro");
    assertThat(db.assignments().findRole(ACCOUNT, "ps-ro")).isEmpty();
    assertThatThrownBy(() -> db.assignments().deleteRole(ACCOUNT, "ps-ro"))
        .isInstanceOf(StoreException.NoSuchEntity.class);
  }

  @Test
  void portalUserStateStartsInitialAndIsReplaced() {
    User alice = alice();
    assertThat(db.portalUsers().find(alice.id())).isEqualTo(PortalUser.initial(alice.id()));
    assertThat(db.portalUsers().list()).isEmpty();

    PortalUser locked = new PortalUser(alice.id(), false, true, 5, T0.plusSeconds(60));
    db.portalUsers().put(locked);
    assertThat(db.portalUsers().find(alice.id())).isEqualTo(locked);
    PortalUser cleared = new PortalUser(alice.id(), true, true, 0, null);
    db.portalUsers().put(cleared);
    assertThat(db.portalUsers().find(alice.id())).isEqualTo(cleared);
    assertThat(db.portalUsers().list()).containsExactly(cleared);
    assertThatThrownBy(() -> db.portalUsers().put(PortalUser.initial("AIDANOBODY00000000000")))
        .isInstanceOf(StoreException.NoSuchEntity.class);
  }

  @Test
  void portalSessionsAreFoundByHashSignedOutOnceAndPruned() {
    User alice = alice();
    PortalSession active =
        new PortalSession(
            HASH_A, alice.id(), PortalSession.Stage.ACTIVE, T0, T0.plusSeconds(3600), null, T0);
    PortalSession pending =
        new PortalSession(
            HASH_B, alice.id(), PortalSession.Stage.MFA, T0, T0.plusSeconds(600), null, null);
    db.portalSessions().create(active);
    db.portalSessions().create(pending);
    assertThat(db.portalSessions().find(HASH_A)).contains(active);
    assertThat(db.portalSessions().find(HASH_B)).contains(pending);
    assertThat(active.activeAt(T0.plusSeconds(3599))).isTrue();
    assertThat(active.activeAt(T0.plusSeconds(3600))).isFalse();
    assertThat(pending.activeAt(T0)).isFalse();
    assertThatThrownBy(() -> db.portalSessions().create(active))
        .isInstanceOf(StoreException.EntityAlreadyExists.class);

    assertThat(db.portalSessions().signOut(HASH_A, T0.plusSeconds(5))).isTrue();
    assertThat(db.portalSessions().signOut(HASH_A, T0.plusSeconds(6))).isFalse();
    assertThat(db.portalSessions().find(HASH_A).orElseThrow().signedOut())
        .isEqualTo(T0.plusSeconds(5));
    assertThat(db.portalSessions().signOutUser(alice.id(), T0.plusSeconds(7))).isEqualTo(1);

    assertThat(db.portalSessions().deleteExpiredBefore(T0.plusSeconds(601))).isEqualTo(1);
    assertThat(db.portalSessions().find(HASH_B)).isEmpty();
    assertThat(db.portalSessions().delete(HASH_A)).isTrue();
    assertThat(db.portalSessions().delete(HASH_A)).isFalse();
  }

  @Test
  void settingsArePutAndTheFirstPutIfAbsentWins() {
    assertThat(db.settings().get("x")).isEmpty();
    assertThat(db.settings().putIfAbsent("x", "first")).isEqualTo("first");
    assertThat(db.settings().putIfAbsent("x", "second")).isEqualTo("first");
    db.settings().put("x", "third");
    assertThat(db.settings().get("x")).contains("third");
  }

  @Test
  void createAccountRequestsAreStoredAsTheyEnded() {
    var ok =
        new CreateAccountRequest(
            "car-0123456789abcdef",
            "dev",
            CreateAccountRequest.State.SUCCEEDED,
            T0,
            T0,
            OTHER_ACCOUNT,
            null);
    var failed =
        new CreateAccountRequest(
            "car-fedcba9876543210",
            "dup",
            CreateAccountRequest.State.FAILED,
            T0,
            T0,
            null,
            "EMAIL_ALREADY_EXISTS");
    db.organization().createRequest(ok);
    db.organization().createRequest(failed);
    assertThat(db.organization().findRequest("car-0123456789abcdef")).contains(ok);
    assertThat(db.organization().findRequest("car-fedcba9876543210")).contains(failed);
    assertThat(db.organization().findRequest("car-00000000")).isEmpty();
    assertThatThrownBy(() -> db.organization().createRequest(ok))
        .isInstanceOf(StoreException.EntityAlreadyExists.class);
  }

  @Test
  void deletingAUserTakesItsPortalStateSessionsAndMembershipsAlong() {
    User alice = alice();
    db.groups().create(new Group("g-eng", "eng", null, T0));
    db.groups().addMember("g-eng", alice.id());
    db.portalUsers().put(new PortalUser(alice.id(), false, true, 0, null));
    db.portalSessions()
        .create(
            new PortalSession(
                HASH_A,
                alice.id(),
                PortalSession.Stage.ACTIVE,
                T0,
                T0.plusSeconds(60),
                null,
                null));

    db.users().delete(ACCOUNT, "alice");

    assertThat(db.groups().listMembers("g-eng")).isEmpty();
    assertThat(db.portalSessions().find(HASH_A)).isEmpty();
    assertThat(db.portalUsers().list()).isEmpty();
  }
}
