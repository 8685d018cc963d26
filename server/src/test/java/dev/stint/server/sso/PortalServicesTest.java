package dev.stint.server.sso;

import static dev.stint.server.sso.PortalServer.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.server.mfa.Totp;
import dev.stint.server.portal.Administration;
import dev.stint.server.portal.PermissionSets;
import dev.stint.server.portal.Portal;
import dev.stint.server.portal.PortalException;
import dev.stint.server.portal.SignIn;
import dev.stint.server.store.Assignment.PrincipalType;
import dev.stint.server.store.AuditEvent;
import dev.stint.server.store.AuditQuery;
import dev.stint.server.store.PermissionSet;
import dev.stint.server.store.User;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * The portal's services as the web pages use them: sign-in with lockout, TOTP and enrolment, and
 * assignments that provision roles which IAM then shows.
 */
class PortalServicesTest {
  private static final char[] PASSWORD = "Corr3ct-horse".toCharArray();

  @TempDir Path dir;
  private PortalServer server;
  private Portal portal;
  private User alice;

  @BeforeEach
  void start() {
    server = PortalServer.start(dir);
    portal = server.portal();
    alice = portal.users().create("alice", PASSWORD, false, ORIGIN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SignIn.Outcome password(String name, String password) {
    return portal.signIn().password(name, password.toCharArray(), ORIGIN);
  }

  @Test
  void aRightPasswordSignsInWithAFreshSessionOfThePortalLength() {
    SignIn.Outcome first = password("alice", "Corr3ct-horse");
    SignIn.Outcome second = password("ALICE", "Corr3ct-horse");

    assertThat(first).isInstanceOf(SignIn.SignedIn.class);
    var a = ((SignIn.SignedIn) first).session();
    var b = ((SignIn.SignedIn) second).session();
    assertThat(a.id()).startsWith("sps_").isNotEqualTo(b.id());
    assertThat(a.toString()).doesNotContain(a.id());
    assertThat(a.session().expires()).isEqualTo(server.clock.instant().plus(Duration.ofHours(8)));
    assertThat(portal.sessions().find(a.id())).contains(a.session());
    assertThat(portal.sessions().checkCsrf(a.id(), portal.sessions().csrfToken(a.id()))).isTrue();
    assertThat(portal.sessions().checkCsrf(a.id(), portal.sessions().csrfToken(b.id()))).isFalse();
    assertThat(portal.sessions().checkCsrf(a.id(), null)).isFalse();

    portal.sessions().signOut(a.id());
    assertThat(portal.sessions().find(a.id())).isEmpty();
    assertThat(portal.sessions().find(b.id())).isPresent();
    server.clock.advance(Duration.ofHours(8));
    assertThat(portal.sessions().find(b.id())).isEmpty();
  }

  @Test
  void administratorsAreEnabledManagementUsersWhosePoliciesAllowAnArea() {
    User admin = portal.users().findByName("admin").orElseThrow().user();
    var conditions = new Administration.Conditions("127.0.0.1", false, null);
    assertThat(portal.administration().areas(admin.id(), conditions))
        .containsExactlyInAnyOrder(Administration.Area.values());
    assertThat(portal.administration().may(admin.id(), Administration.Area.USERS, conditions))
        .isTrue();
    assertThat(portal.administration().areas(alice.id(), conditions)).isEmpty();
    assertThat(portal.administration().areas("AIDAAAAAAAAAAAAAAAAA", conditions)).isEmpty();
    portal.users().setDisabled(admin.id(), true, ORIGIN);
    assertThat(portal.administration().areas(admin.id(), conditions)).isEmpty();
  }

  @Test
  void unknownUsersAndWrongPasswordsGetTheSameAnswer() {
    assertThat(password("nobody", "Corr3ct-horse"))
        .isEqualTo(new SignIn.Refused(SignIn.Reason.INVALID_CREDENTIALS, null));
    assertThat(password("alice", "wrong"))
        .isEqualTo(new SignIn.Refused(SignIn.Reason.INVALID_CREDENTIALS, null));
  }

  @Test
  void theSixthAttemptAfterFiveWrongPasswordsIsRefusedEvenWhenRightUntilTheBackOffPasses() {
    for (int i = 0; i < 5; i++) {
      assertThat(password("alice", "wrong-" + i))
          .isEqualTo(new SignIn.Refused(SignIn.Reason.INVALID_CREDENTIALS, null));
    }
    Instant until = server.clock.instant().plus(SignIn.FIRST_LOCK);
    assertThat(password("alice", "Corr3ct-horse"))
        .isEqualTo(new SignIn.Refused(SignIn.Reason.LOCKED, until));

    server.clock.advance(SignIn.FIRST_LOCK.minusSeconds(1));
    assertThat(password("alice", "Corr3ct-horse"))
        .isEqualTo(new SignIn.Refused(SignIn.Reason.LOCKED, until));
    server.clock.advance(Duration.ofSeconds(1));
    // One more wrong password after the lock doubles the wait.
    assertThat(password("alice", "wrong-again"))
        .isEqualTo(new SignIn.Refused(SignIn.Reason.INVALID_CREDENTIALS, null));
    assertThat(password("alice", "Corr3ct-horse"))
        .isEqualTo(
            new SignIn.Refused(
                SignIn.Reason.LOCKED, server.clock.instant().plus(Duration.ofMinutes(2))));

    server.clock.advance(Duration.ofMinutes(2));
    assertThat(password("alice", "Corr3ct-horse")).isInstanceOf(SignIn.SignedIn.class);
    assertThat(portal.users().find(alice.id()).orElseThrow().state().failedSignIns()).isZero();
  }

  @Test
  void anAdministratorCanLiftALockout() {
    for (int i = 0; i < 5; i++) {
      password("alice", "wrong");
    }
    portal.users().unlock(alice.id(), ORIGIN);
    assertThat(password("alice", "Corr3ct-horse")).isInstanceOf(SignIn.SignedIn.class);
  }

  @Test
  void aDisabledUserIsToldSoOnlyWithTheRightPassword() {
    portal.users().setDisabled(alice.id(), true, ORIGIN);
    assertThat(password("alice", "wrong"))
        .isEqualTo(new SignIn.Refused(SignIn.Reason.INVALID_CREDENTIALS, null));
    assertThat(password("alice", "Corr3ct-horse"))
        .isEqualTo(new SignIn.Refused(SignIn.Reason.DISABLED, null));
    portal.users().setDisabled(alice.id(), false, ORIGIN);
    assertThat(password("alice", "Corr3ct-horse")).isInstanceOf(SignIn.SignedIn.class);
  }

  @Test
  void requiredMfaEnrolsADeviceThenAsksForCodesAndRefusesAReplayedOne() {
    portal.users().setMfaRequired(alice.id(), true, ORIGIN);
    var enrol = (SignIn.EnrolmentRequired) password("alice", "Corr3ct-horse");
    assertThat(portal.sessions().find(enrol.pendingId()))
        .as("a pending sign-in is no session")
        .isEmpty();

    SignIn.MfaEnrolment device = portal.signIn().startEnrolment(enrol.pendingId());
    assertThat(device.serialNumber()).isEqualTo("arn:aws:iam::" + server.account() + ":mfa/alice");
    assertThat(device.toString()).doesNotContain(device.secretBase32());
    assertThat(device.otpauthUri())
        .isEqualTo(
            "otpauth://totp/stint:alice%40"
                + server.account()
                + "?secret="
                + device.secretBase32()
                + "&issuer=stint");
    assertThat(device.qrPng()).startsWith(0x89, 'P', 'N', 'G');

    byte[] seed = base32(device.secretBase32());
    long step = Totp.step(server.clock.instant());
    assertThat(
            portal
                .signIn()
                .completeEnrolment(
                    enrol.pendingId(), device.serialNumber(), "000000", "000000", ORIGIN))
        .isEqualTo(new SignIn.Refused(SignIn.Reason.INVALID_CODE, null));
    SignIn.Outcome enrolled =
        portal
            .signIn()
            .completeEnrolment(
                enrol.pendingId(),
                device.serialNumber(),
                Totp.code(seed, step - 1),
                Totp.code(seed, step),
                ORIGIN);
    var signedIn = (SignIn.SignedIn) enrolled;
    assertThat(signedIn.session().session().mfaAuthenticated()).isEqualTo(server.clock.instant());
    assertThat(portal.signIn().totp(enrol.pendingId(), Totp.code(seed, step), ORIGIN))
        .as("the pending sign-in is spent")
        .isEqualTo(new SignIn.Refused(SignIn.Reason.EXPIRED, null));

    var mfa = (SignIn.MfaRequired) password("alice", "Corr3ct-horse");
    assertThat(portal.signIn().totp(mfa.pendingId(), Totp.code(seed, step), ORIGIN))
        .as("the enrolment's second code was spent")
        .isEqualTo(new SignIn.Refused(SignIn.Reason.INVALID_CODE, null));
    server.clock.advance(Duration.ofSeconds(30));
    String next = Totp.code(seed, step + 1);
    assertThat(portal.signIn().totp(mfa.pendingId(), next, ORIGIN))
        .isInstanceOf(SignIn.SignedIn.class);

    var again = (SignIn.MfaRequired) password("alice", "Corr3ct-horse");
    assertThat(portal.signIn().totp(again.pendingId(), next, ORIGIN))
        .as("replayed")
        .isEqualTo(new SignIn.Refused(SignIn.Reason.INVALID_CODE, null));

    portal.users().resetMfa(alice.id(), ORIGIN);
    assertThat(password("alice", "Corr3ct-horse")).isInstanceOf(SignIn.EnrolmentRequired.class);
  }

  @Test
  void assigningProvisionsTheReservedRoleAndTheLastUnassignRemovesIt() {
    String member = portal.accounts().create("dev", "dev@example.com", null, ORIGIN).accountId();
    PermissionSet ps =
        portal
            .permissionSets()
            .create(
                "PowerUser",
                new PermissionSets.Definition(
                    null,
                    PermissionSets.parseSessionDuration("PT8H"),
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
                    List.of("arn:aws:iam::aws:policy/AdministratorAccess")),
                ORIGIN);
    User bob = portal.users().create("bob", PASSWORD, false, ORIGIN);

    var role =
        portal
            .assignments()
            .assign(PrincipalType.USER, alice.id(), server.account(), ps.id(), ORIGIN);
    assertThat(
            portal
                .assignments()
                .assign(PrincipalType.USER, bob.id(), server.account(), ps.id(), ORIGIN))
        .isEqualTo(role);
    assertThatThrownBy(
            () ->
                portal
                    .assignments()
                    .assign(PrincipalType.USER, bob.id(), server.account(), ps.id(), ORIGIN))
        .isInstanceOf(PortalException.AlreadyExists.class);
    portal.assignments().assign(PrincipalType.USER, alice.id(), member, ps.id(), ORIGIN);

    var iam = server.adminIam();
    Role seen = iam.getRole(b -> b.roleName(role.name())).role();
    assertThat(seen.path()).isEqualTo("/aws-reserved/sso.amazonaws.com/");
    assertThat(seen.arn())
        .isEqualTo(
            "arn:aws:iam::"
                + server.account()
                + ":role/aws-reserved/sso.amazonaws.com/"
                + role.name());
    assertThat(seen.maxSessionDuration()).isEqualTo(8 * 3600);
    assertThat(URLDecoder.decode(seen.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
        .contains(
            "\"Federated\":\"arn:aws:iam::"
                + server.account()
                + ":saml-provider/AWSSSO_stint_DO_NOT_DELETE\"")
        .contains("sts:AssumeRoleWithSAML");
    assertThat(iam.listRolePolicies(b -> b.roleName(role.name())).policyNames())
        .containsExactly("AwsSSOInlinePolicy");
    assertThat(iam.listAttachedRolePolicies(b -> b.roleName(role.name())).attachedPolicies())
        .extracting(p -> p.policyArn())
        .containsExactly("arn:aws:iam::aws:policy/AdministratorAccess");

    portal
        .permissionSets()
        .update(
            ps.id(),
            new PermissionSets.Definition("changed", Duration.ofHours(12), null, List.of()),
            ORIGIN);
    assertThat(iam.getRole(b -> b.roleName(role.name())).role().maxSessionDuration())
        .isEqualTo(12 * 3600);
    assertThat(iam.listRolePolicies(b -> b.roleName(role.name())).policyNames()).isEmpty();
    assertThat(iam.listAttachedRolePolicies(b -> b.roleName(role.name())).attachedPolicies())
        .isEmpty();

    portal
        .assignments()
        .unassign(PrincipalType.USER, alice.id(), server.account(), ps.id(), ORIGIN);
    assertThat(iam.getRole(b -> b.roleName(role.name())).role().roleId()).isEqualTo(role.id());
    portal.assignments().unassign(PrincipalType.USER, bob.id(), server.account(), ps.id(), ORIGIN);
    assertThatThrownBy(() -> iam.getRole(b -> b.roleName(role.name())))
        .isInstanceOf(NoSuchEntityException.class);
    assertThatThrownBy(() -> portal.permissionSets().delete(ps.id(), ORIGIN))
        .isInstanceOf(PortalException.InUse.class)
        .hasMessage(
            "The permission set PowerUser is in use: remove its account assignments first.");
  }

  @Test
  void permissionSetRulesAreRefusedWithTheFieldNamed() {
    assertThatThrownBy(() -> PermissionSets.parseSessionDuration("PT13H"))
        .isInstanceOfSatisfying(
            PortalException.Invalid.class, e -> assertThat(e.field()).isEqualTo("sessionDuration"))
        .hasMessage(
            "The session duration 'PT13H' must be an ISO-8601 duration in whole minutes from PT1H to PT12H.");
    assertThatThrownBy(() -> PermissionSets.parseSessionDuration("8 hours"))
        .isInstanceOf(PortalException.Invalid.class);
    var definition = new PermissionSets.Definition(null, null, "{not json", List.of());
    assertThatThrownBy(() -> portal.permissionSets().create("Broken", definition, ORIGIN))
        .isInstanceOfSatisfying(
            PortalException.Invalid.class, e -> assertThat(e.field()).isEqualTo("inlinePolicy"));
    var unknown =
        new PermissionSets.Definition(null, null, null, List.of("arn:aws:iam::aws:policy/Nope"));
    assertThatThrownBy(() -> portal.permissionSets().create("Unknown", unknown, ORIGIN))
        .isInstanceOf(PortalException.Invalid.class)
        .hasMessage("The managed policy arn:aws:iam::aws:policy/Nope does not exist.");
    PermissionSet plain =
        portal
            .permissionSets()
            .create("Plain", new PermissionSets.Definition(null, null, null, List.of()), ORIGIN);
    assertThat(plain.sessionDuration()).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(
            () ->
                portal
                    .permissionSets()
                    .create(
                        "PLAIN",
                        new PermissionSets.Definition(null, null, null, List.of()),
                        ORIGIN))
        .isInstanceOf(PortalException.AlreadyExists.class);
    assertThatThrownBy(() -> portal.settings().setSessionLength(Duration.ofDays(8), ORIGIN))
        .isInstanceOf(PortalException.Invalid.class);
  }

  @Test
  void signInsAndCredentialIssuancesAreAudited() {
    password("alice", "wrong");
    password("alice", "Corr3ct-horse");
    String member = portal.accounts().create("dev", "dev@example.com", null, ORIGIN).accountId();
    PermissionSet ps =
        portal
            .permissionSets()
            .create("ReadOnly", new PermissionSets.Definition(null, null, null, List.of()), ORIGIN);
    portal.assignments().assign(PrincipalType.USER, alice.id(), member, ps.id(), ORIGIN);
    var issued = portal.credentials().issue(alice.id(), member, "ReadOnly", null, ORIGIN);

    List<AuditEvent> events =
        portal
            .auditTrail()
            .query(
                new AuditQuery(
                    Instant.EPOCH, server.clock.instant().plusSeconds(1), alice.arn(), null, 100));
    assertThat(events)
        .extracting(AuditEvent::action, AuditEvent::outcome)
        .contains(
            org.assertj.core.groups.Tuple.tuple("portal:SignIn", AuditEvent.Outcome.DENIED),
            org.assertj.core.groups.Tuple.tuple("portal:SignIn", AuditEvent.Outcome.SUCCESS),
            org.assertj.core.groups.Tuple.tuple(
                "sso:GetRoleCredentials", AuditEvent.Outcome.SUCCESS));
    AuditEvent issuance =
        events.stream()
            .filter(e -> e.action().equals("sso:GetRoleCredentials"))
            .findFirst()
            .orElseThrow();
    assertThat(issuance.expiry()).isEqualTo(issued.expiration());
    assertThat(issuance.details())
        .contains(issued.accessKeyId())
        .doesNotContain(issued.secretAccessKey());
  }

  private static byte[] base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    var out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toCharArray()) {
      buffer = buffer << 5 | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write(buffer >>> (bits - 8) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
