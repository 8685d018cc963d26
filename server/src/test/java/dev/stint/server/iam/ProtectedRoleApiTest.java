package dev.stint.server.iam;

import static dev.stint.server.iam.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.server.portal.Origin;
import dev.stint.server.portal.PermissionSets;
import dev.stint.server.store.Assignment.PrincipalType;
import dev.stint.server.store.PermissionSet;
import dev.stint.server.store.User;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The roles the access portal provisions ({@code AWSReservedSSO_*}) through the IAM API: every
 * change is refused with AWS's {@code UnmodifiableEntity}, reads work, and the portal itself still
 * creates, updates and removes them.
 */
class ProtectedRoleApiTest {
  private static final Origin ORIGIN = new Origin(null, "test-request", "127.0.0.1");
  private static final String ADMIN_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";
  private static final String S3_READ =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
  private static final String S3_WRITE =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}]}";
  private static final String EC2_TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  @TempDir Path dir;
  private IamServer server;
  private IamClient iam;
  private String account;
  private User admin;
  private PermissionSet ops;
  private String role;

  @BeforeEach
  void start() {
    server = IamServer.start(dir);
    iam = server.admin();
    account = server.account();
    admin = server.portal().users().findByName("admin").orElseThrow().user();
    ops =
        server
            .portal()
            .permissionSets()
            .create(
                "Ops",
                new PermissionSets.Definition(
                    "operators", Duration.ofHours(2), S3_READ, List.of(ADMIN_ACCESS)),
                ORIGIN);
    role =
        server
            .portal()
            .assignments()
            .assign(PrincipalType.USER, admin.id(), account, ops.id(), ORIGIN)
            .name();
  }

  @AfterEach
  void stop() {
    iam.close();
    server.close();
  }

  private void assertProtected(ThrowingCallable call) {
    assertAwsError(
        call,
        400,
        "UnmodifiableEntity",
        "Cannot perform the operation on the protected role '"
            + role
            + "' - this role is only modifiable by AWS");
  }

  @Test
  void everyChangeToAProvisionedRoleIsUnmodifiableEntityAndChangesNothing() {
    assertThat(role).matches("AWSReservedSSO_Ops_[0-9a-f]{16}");
    Role before = iam.getRole(r -> r.roleName(role)).role();
    String extra =
        iam.createPolicy(r -> r.policyName("extra").policyDocument(S3_WRITE)).policy().arn();

    assertProtected(() -> iam.deleteRole(r -> r.roleName(role)));
    assertProtected(() -> iam.updateRole(r -> r.roleName(role).description("mine now")));
    assertProtected(() -> iam.updateRole(r -> r.roleName(role).maxSessionDuration(43200)));
    assertProtected(
        () -> iam.updateAssumeRolePolicy(r -> r.roleName(role).policyDocument(EC2_TRUST)));
    assertProtected(
        () ->
            iam.putRolePolicy(
                r -> r.roleName(role).policyName("AwsSSOInlinePolicy").policyDocument(S3_WRITE)));
    assertProtected(
        () -> iam.putRolePolicy(r -> r.roleName(role).policyName("more").policyDocument(S3_WRITE)));
    assertProtected(
        () -> iam.deleteRolePolicy(r -> r.roleName(role).policyName("AwsSSOInlinePolicy")));
    assertProtected(() -> iam.attachRolePolicy(r -> r.roleName(role).policyArn(extra)));
    assertProtected(() -> iam.detachRolePolicy(r -> r.roleName(role).policyArn(ADMIN_ACCESS)));
    assertProtected(
        () -> iam.tagRole(r -> r.roleName(role).tags(Tag.builder().key("k").value("v").build())));
    assertProtected(() -> iam.untagRole(r -> r.roleName(role).tagKeys("k")));
    // Names are matched without case, so another spelling is the same protected role.
    assertAwsError(
        () -> iam.deleteRole(r -> r.roleName(role.toLowerCase())),
        400,
        "UnmodifiableEntity",
        "Cannot perform the operation on the protected role '"
            + role
            + "' - this role is only modifiable by AWS");

    Role after = iam.getRole(r -> r.roleName(role)).role();
    assertThat(after.description()).isEqualTo(before.description());
    assertThat(after.maxSessionDuration()).isEqualTo(7200);
    assertThat(after.assumeRolePolicyDocument()).isEqualTo(before.assumeRolePolicyDocument());
    assertThat(iam.listRoleTags(r -> r.roleName(role)).tags()).isEmpty();
    assertThat(iam.listRolePolicies(r -> r.roleName(role)).policyNames())
        .containsExactly("AwsSSOInlinePolicy");
    assertThat(
            URLDecoder.decode(
                iam.getRolePolicy(r -> r.roleName(role).policyName("AwsSSOInlinePolicy"))
                    .policyDocument(),
                StandardCharsets.UTF_8))
        .isEqualTo(S3_READ);
    assertThat(iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies())
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(ADMIN_ACCESS);
  }

  @Test
  void readsOfAProvisionedRoleWork() {
    Role found = iam.getRole(r -> r.roleName(role)).role();
    assertThat(found.path()).isEqualTo("/aws-reserved/sso.amazonaws.com/");
    assertThat(found.arn())
        .isEqualTo("arn:aws:iam::" + account + ":role/aws-reserved/sso.amazonaws.com/" + role);
    assertThat(found.maxSessionDuration()).isEqualTo(7200);
    assertThat(
            iam.listRoles(r -> r.pathPrefix("/aws-reserved/")).roles().stream().map(Role::roleName))
        .containsExactly(role);
    assertThat(iam.listRolePolicies(r -> r.roleName(role)).policyNames())
        .containsExactly("AwsSSOInlinePolicy");
    assertThat(iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies())
        .extracting(AttachedPolicy::policyName)
        .containsExactly("AdministratorAccess");
    assertThat(iam.listRoleTags(r -> r.roleName(role)).tags()).isEmpty();
  }

  @Test
  void thePortalStillUpdatesAndRemovesItsRoles() {
    server
        .portal()
        .permissionSets()
        .update(
            ops.id(),
            new PermissionSets.Definition("operators", Duration.ofHours(4), S3_WRITE, List.of()),
            ORIGIN);
    assertThat(iam.getRole(r -> r.roleName(role)).role().maxSessionDuration()).isEqualTo(14400);
    assertThat(
            URLDecoder.decode(
                iam.getRolePolicy(r -> r.roleName(role).policyName("AwsSSOInlinePolicy"))
                    .policyDocument(),
                StandardCharsets.UTF_8))
        .isEqualTo(S3_WRITE);
    assertThat(iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies()).isEmpty();

    server
        .portal()
        .assignments()
        .unassign(PrincipalType.USER, admin.id(), account, ops.id(), ORIGIN);
    assertAwsError(
        () -> iam.getRole(r -> r.roleName(role)),
        404,
        "NoSuchEntity",
        "The role with name " + role + " cannot be found.");
  }

  @Test
  void aRoleThatOnlyLooksProvisionedIsAnOrdinaryRole() {
    String lookalike = "AWSReservedSSO_Ops_0123456789abcdef";
    iam.createRole(
        r ->
            r.roleName(lookalike)
                .path("/aws-reserved/sso.amazonaws.com/")
                .assumeRolePolicyDocument(EC2_TRUST));

    iam.updateRole(r -> r.roleName(lookalike).description("not the portal's"));
    assertThat(iam.getRole(r -> r.roleName(lookalike)).role().description())
        .isEqualTo("not the portal's");
    iam.deleteRole(r -> r.roleName(lookalike));
    assertProtected(() -> iam.deleteRole(r -> r.roleName(role)));
  }

  @Test
  void aCallerWithoutPermissionIsDeniedBeforeLearningTheRoleIsProtected() {
    iam.createUser(r -> r.userName("nia"));
    var key = iam.createAccessKey(r -> r.userName("nia")).accessKey();
    try (IamClient nia = server.iam(key.accessKeyId(), key.secretAccessKey(), null)) {
      assertAwsError(
          () -> nia.deleteRole(r -> r.roleName(role)),
          403,
          "AccessDenied",
          "User: arn:aws:iam::"
              + account
              + ":user/nia is not authorized to perform: iam:DeleteRole on resource:"
              + " arn:aws:iam::"
              + account
              + ":role/aws-reserved/sso.amazonaws.com/"
              + role
              + " because no identity-based policy allows the iam:DeleteRole action");
    }
  }
}
