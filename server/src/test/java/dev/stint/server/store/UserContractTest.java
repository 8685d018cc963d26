package dev.stint.server.store;

import static dev.stint.server.store.Fixtures.ACCOUNT;
import static dev.stint.server.store.Fixtures.OTHER_ACCOUNT;
import static dev.stint.server.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The account, user, access key, login profile and MFA contract, for every backend. */
abstract class UserContractTest extends ContractTestBase {

  @Test
  void accountIdsAndEmailsAreUniqueAndTheManagementAccountIsFound() {
    assertThatThrownBy(() -> db.accounts().create(Fixtures.account(ACCOUNT, false)))
        .isInstanceOf(StoreException.EntityAlreadyExists.class)
        .hasMessage("Account with name 123456789012 already exists.");
    Account sameEmail =
        new Account("111122223333", "x", "OWNER-123456789012@EXAMPLE.com", false, T0);
    assertThatThrownBy(() -> db.accounts().create(sameEmail))
        .isInstanceOf(StoreException.EntityAlreadyExists.class)
        .hasMessage("Account with name OWNER-123456789012@EXAMPLE.com already exists.");
    assertThat(db.accounts().findManagement()).contains(Fixtures.account(ACCOUNT, true));
    assertThat(db.accounts().find("999999999999")).isEmpty();

    Page<Account> first = db.accounts().list(null, 1);
    assertThat(first.items()).extracting(Account::id).containsExactly(ACCOUNT);
    Page<Account> second = db.accounts().list(first.nextMarker(), 1);
    assertThat(second.items()).extracting(Account::id).containsExactly(OTHER_ACCOUNT);
    assertThat(second.isTruncated()).isFalse();
  }

  @Test
  void createdUserWithTagsIsFoundByIdAndByNameInAnyCase() {
    User alice =
        new User(
            "AIDAALICE0000000000",
            ACCOUNT,
            "Alice",
            "/eng/",
            "arn:aws:iam::123456789012:user/eng/Alice",
            T0,
            Map.of("team", "core", "cost-center", "42"));
    db.users().create(alice);

    assertThat(db.users().findByName(ACCOUNT, "aLICE")).contains(alice);
    assertThat(db.users().findById("AIDAALICE0000000000")).contains(alice);
    assertThat(db.users().findByName(OTHER_ACCOUNT, "Alice")).isEmpty();
    assertThat(db.users().findById("AIDAALICE0000000000").orElseThrow().tags())
        .containsExactly(Map.entry("cost-center", "42"), Map.entry("team", "core"));
  }

  @Test
  void userNamesAreUniquePerAccountRegardlessOfCase() {
    db.users().create(Fixtures.user(ACCOUNT, "alice", "/", "A1"));

    assertThatThrownBy(() -> db.users().create(Fixtures.user(ACCOUNT, "ALICE", "/", "A2")))
        .isInstanceOfSatisfying(
            StoreException.EntityAlreadyExists.class,
            e -> {
              assertThat(e.type()).isEqualTo(StoreException.EntityType.USER);
              assertThat(e.name()).isEqualTo("ALICE");
            })
        .hasMessage("User with name ALICE already exists.");
    db.users().create(Fixtures.user(OTHER_ACCOUNT, "alice", "/", "A3"));
    assertThat(db.users().findByName(OTHER_ACCOUNT, "alice")).isPresent();
  }

  @Test
  void userInMissingAccountIsNoSuchEntity() {
    assertThatThrownBy(() -> db.users().create(Fixtures.user("555555555555", "bob", "/", "B1")))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The account with name 555555555555 cannot be found.");
  }

  @Test
  void usersArePagedByNameIgnoringCaseAndFilteredByPathPrefix() {
    db.users().create(Fixtures.user(ACCOUNT, "carol", "/eng/", "C1"));
    db.users().create(Fixtures.user(ACCOUNT, "Alice", "/eng/", "A1"));
    db.users().create(Fixtures.user(ACCOUNT, "bob", "/", "B1"));
    db.users().create(Fixtures.user(ACCOUNT, "dave", "/eng/backend/", "D1"));
    db.users().create(Fixtures.user(ACCOUNT, "Eve", "/", "E1"));
    db.users().create(Fixtures.user(OTHER_ACCOUNT, "aaron", "/", "F1"));

    Page<User> first = db.users().list(ACCOUNT, null, null, 2);
    assertThat(first.items()).extracting(User::name).containsExactly("Alice", "bob");
    assertThat(first.isTruncated()).isTrue();
    Page<User> second = db.users().list(ACCOUNT, null, first.nextMarker(), 2);
    assertThat(second.items()).extracting(User::name).containsExactly("carol", "dave");
    Page<User> third = db.users().list(ACCOUNT, null, second.nextMarker(), 2);
    assertThat(third.items()).extracting(User::name).containsExactly("Eve");
    assertThat(third.nextMarker()).isNull();

    assertThat(db.users().list(ACCOUNT, "/eng/", null, 100).items())
        .extracting(User::name)
        .containsExactly("Alice", "carol", "dave");
    assertThat(db.users().list(ACCOUNT, "/eng/backend/", null, 100).items())
        .extracting(User::name)
        .containsExactly("dave");
  }

  @Test
  void aMarkerTheStoreDidNotIssueIsRejected() {
    assertThatThrownBy(() -> db.users().list(ACCOUNT, null, "not*base64", 10))
        .isInstanceOfSatisfying(
            StoreException.InvalidMarker.class, e -> assertThat(e.marker()).isEqualTo("not*base64"))
        .hasMessage("Invalid Marker: not*base64");
  }

  @Test
  void renamingAUserMovesItsPolicyAttachmentsToTheNewArn() {
    User bob = db.users().create(Fixtures.user(ACCOUNT, "bob", "/", "B1"));
    db.policies().create(Fixtures.policy(ACCOUNT, "ReadOnly", "/"));
    String policyArn = "arn:aws:iam::123456789012:policy/ReadOnly";
    db.policies()
        .attach(new PolicyAttachment(PolicyAttachment.PrincipalType.USER, bob.arn(), policyArn));

    User renamed =
        new User(
            bob.id(),
            ACCOUNT,
            "robert",
            "/ops/",
            "arn:aws:iam::123456789012:user/ops/robert",
            T0.plusSeconds(60),
            Map.of("k", "v"));
    assertThat(db.users().update(renamed).created()).isEqualTo(T0);

    assertThat(db.users().findByName(ACCOUNT, "bob")).isEmpty();
    assertThat(db.users().findByName(ACCOUNT, "robert").orElseThrow().tags())
        .isEqualTo(Map.of("k", "v"));
    assertThat(db.policies().listAttached("arn:aws:iam::123456789012:user/ops/robert"))
        .extracting(PolicyAttachment::policyArn)
        .containsExactly(policyArn);
    assertThat(db.policies().listAttached(bob.arn())).isEmpty();
  }

  @Test
  void renamingToAnotherUsersNameIsEntityAlreadyExists() {
    db.users().create(Fixtures.user(ACCOUNT, "alice", "/", "A1"));
    User bob = db.users().create(Fixtures.user(ACCOUNT, "bob", "/", "B1"));
    User clash =
        new User(
            bob.id(), ACCOUNT, "Alice", "/", "arn:aws:iam::123456789012:user/Alice", T0, Map.of());

    assertThatThrownBy(() -> db.users().update(clash))
        .isInstanceOf(StoreException.EntityAlreadyExists.class)
        .hasMessage("User with name Alice already exists.");
  }

  @Test
  void deletingAUserIsRefusedWhileAnythingHangsOffIt() {
    User bob = db.users().create(Fixtures.user(ACCOUNT, "bob", "/", "B1"));
    db.accessKeys().create(Fixtures.accessKey("K1", bob.id()));
    assertDeleteConflict(
        "bob",
        StoreException.Blocker.ACCESS_KEYS,
        "Cannot delete entity, must delete access keys first.");
    db.accessKeys().delete("AKIAK100000000000000");

    db.users().putPolicy(bob.id(), new InlinePolicy("inline", "{}"));
    assertDeleteConflict(
        "bob",
        StoreException.Blocker.INLINE_POLICIES,
        "Cannot delete entity, must delete policies first.");
    db.users().deletePolicy(bob.id(), "inline");

    db.users().createLoginProfile(new LoginProfile(bob.id(), "$argon2id$x", true, T0));
    assertDeleteConflict(
        "BOB",
        StoreException.Blocker.LOGIN_PROFILE,
        "Cannot delete entity, must delete login profile first.");
    db.users().deleteLoginProfile(bob.id());

    db.policies().create(Fixtures.policy(ACCOUNT, "P", "/"));
    PolicyAttachment attachment =
        new PolicyAttachment(
            PolicyAttachment.PrincipalType.USER, bob.arn(), "arn:aws:iam::123456789012:policy/P");
    db.policies().attach(attachment);
    assertDeleteConflict(
        "bob",
        StoreException.Blocker.ATTACHED_POLICIES,
        "Cannot delete entity, must detach all policies first.");
    db.policies().detach(attachment);

    db.users().delete(ACCOUNT, "Bob");
    assertThat(db.users().findById(bob.id())).isEmpty();
    assertThatThrownBy(() -> db.users().delete(ACCOUNT, "bob"))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The user with name bob cannot be found.");
  }

  private void assertDeleteConflict(String name, StoreException.Blocker blocker, String message) {
    assertThatThrownBy(() -> db.users().delete(ACCOUNT, name))
        .isInstanceOfSatisfying(
            StoreException.DeleteConflict.class,
            e -> {
              assertThat(e.blocker()).isEqualTo(blocker);
              assertThat(e.name()).isEqualTo("bob");
            })
        .hasMessage(message);
  }

  @Test
  void inlinePoliciesArePutReplacedListedAndDeleted() {
    User bob = db.users().create(Fixtures.user(ACCOUNT, "bob", "/", "B1"));
    db.users().putPolicy(bob.id(), new InlinePolicy("b", "{\"v\":1}"));
    db.users().putPolicy(bob.id(), new InlinePolicy("a", "{\"v\":2}"));
    db.users().putPolicy(bob.id(), new InlinePolicy("b", "{\"v\":3}"));

    assertThat(db.users().listPolicies(bob.id()))
        .containsExactly(new InlinePolicy("a", "{\"v\":2}"), new InlinePolicy("b", "{\"v\":3}"));
    assertThat(db.users().findPolicy(bob.id(), "b")).contains(new InlinePolicy("b", "{\"v\":3}"));
    assertThatThrownBy(() -> db.users().deletePolicy(bob.id(), "c"))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The user policy with name c cannot be found.");
    assertThatThrownBy(
            () -> db.users().putPolicy("AIDAGHOST0000000000", new InlinePolicy("a", "{}")))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The user with name AIDAGHOST0000000000 cannot be found.");
  }

  @Test
  void loginProfileIsCreatedOnceUpdatedAndDeleted() {
    User bob = db.users().create(Fixtures.user(ACCOUNT, "bob", "/", "B1"));
    LoginProfile profile = new LoginProfile(bob.id(), "$argon2id$v=19$first", true, T0);
    db.users().createLoginProfile(profile);
    assertThatThrownBy(() -> db.users().createLoginProfile(profile))
        .isInstanceOf(StoreException.EntityAlreadyExists.class)
        .hasMessage("Login profile with name " + bob.id() + " already exists.");

    LoginProfile changed = new LoginProfile(bob.id(), "$argon2id$v=19$second", false, T0);
    db.users().updateLoginProfile(changed);
    assertThat(db.users().findLoginProfile(bob.id())).contains(changed);

    db.users().deleteLoginProfile(bob.id());
    assertThat(db.users().findLoginProfile(bob.id())).isEmpty();
    assertThatThrownBy(() -> db.users().updateLoginProfile(changed))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The login profile with name " + bob.id() + " cannot be found.");
  }

  @Test
  void accessKeysRoundTripTheirCiphertextStatusAndLastUse() {
    User bob = db.users().create(Fixtures.user(ACCOUNT, "bob", "/", "B1"));
    AccessKey first = Fixtures.accessKey("K1", bob.id());
    AccessKey second =
        new AccessKey(
            "AKIAK200000000000000",
            bob.id(),
            AccessKey.Status.INACTIVE,
            new byte[] {9, 8, 7},
            T0.plusSeconds(1),
            null);
    db.accessKeys().create(second);
    db.accessKeys().create(first);
    assertThat(db.accessKeys().listForUser(bob.id())).containsExactly(first, second);
    assertThat(db.accessKeys().find(first.id()).orElseThrow().secretCiphertext())
        .containsExactly(1, 2, 3, 0xff);

    AccessKey.LastUsed use = new AccessKey.LastUsed(T0.plusSeconds(5), "sts", "us-east-1");
    db.accessKeys().recordUse(first.id(), use);
    db.accessKeys().updateStatus(first.id(), AccessKey.Status.INACTIVE);
    AccessKey stored = db.accessKeys().find(first.id()).orElseThrow();
    assertThat(stored.lastUsed()).isEqualTo(use);
    assertThat(stored.status()).isEqualTo(AccessKey.Status.INACTIVE);

    assertThatThrownBy(() -> db.accessKeys().create(first))
        .isInstanceOf(StoreException.EntityAlreadyExists.class)
        .hasMessage("Access key with name AKIAK100000000000000 already exists.");
    assertThatThrownBy(
            () -> db.accessKeys().create(Fixtures.accessKey("K3", "AIDAGHOST0000000000")))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The user with name AIDAGHOST0000000000 cannot be found.");
    assertThatThrownBy(() -> db.accessKeys().delete("AKIAK900000000000000"))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The access key with name AKIAK900000000000000 cannot be found.");
  }

  @Test
  void mfaDeviceIsCreatedUnassignedThenEnabledAndDeactivated() {
    User bob = db.users().create(Fixtures.user(ACCOUNT, "bob", "/", "B1"));
    String serial = "arn:aws:iam::123456789012:mfa/bob";
    db.mfaDevices().create(new MfaDevice(serial, ACCOUNT, null, new byte[] {5, 5}, T0, null));

    db.mfaDevices().enable(serial, bob.id(), T0.plusSeconds(30));
    assertThat(db.mfaDevices().listForUser(bob.id()))
        .containsExactly(
            new MfaDevice(serial, ACCOUNT, bob.id(), new byte[] {5, 5}, T0, T0.plusSeconds(30)));
    assertThatThrownBy(() -> db.mfaDevices().enable(serial, bob.id(), T0))
        .isInstanceOf(StoreException.EntityAlreadyExists.class)
        .hasMessage("MFA device with name " + serial + " already exists.");
    assertThatThrownBy(() -> db.users().delete(ACCOUNT, "bob"))
        .isInstanceOf(StoreException.DeleteConflict.class)
        .hasMessage("Cannot delete entity, must remove MFA devices first.");

    db.mfaDevices().deactivate(serial);
    assertThat(db.mfaDevices().listForUser(bob.id())).isEmpty();
    db.mfaDevices().delete(serial);
    assertThat(db.mfaDevices().find(serial)).isEmpty();
  }

  @Test
  void accountListsItsMfaDevicesAssignedOrNotBySerialNumber() {
    User bob = db.users().create(Fixtures.user(ACCOUNT, "bob", "/", "B1"));
    String b = "arn:aws:iam::123456789012:mfa/b";
    String a = "arn:aws:iam::123456789012:mfa/a";
    String other = "arn:aws:iam::210987654321:mfa/a";
    db.mfaDevices().create(new MfaDevice(b, ACCOUNT, null, new byte[] {1}, T0, null));
    db.mfaDevices().create(new MfaDevice(a, ACCOUNT, null, new byte[] {2}, T0, null));
    db.mfaDevices().create(new MfaDevice(other, OTHER_ACCOUNT, null, new byte[] {3}, T0, null));
    db.mfaDevices().enable(b, bob.id(), T0.plusSeconds(60));

    assertThat(db.mfaDevices().listForAccount(ACCOUNT))
        .containsExactly(
            new MfaDevice(a, ACCOUNT, null, new byte[] {2}, T0, null),
            new MfaDevice(b, ACCOUNT, bob.id(), new byte[] {1}, T0, T0.plusSeconds(60)));
    assertThat(db.mfaDevices().listForAccount(OTHER_ACCOUNT))
        .extracting(MfaDevice::serialNumber)
        .containsExactly(other);
    assertThat(db.mfaDevices().listForAccount("999999999999")).isEmpty();
  }
}
