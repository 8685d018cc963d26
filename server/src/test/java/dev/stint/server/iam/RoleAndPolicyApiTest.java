package dev.stint.server.iam;

import static dev.stint.server.iam.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** Roles, inline policies and managed policies with their attachments. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleAndPolicyApiTest {
  static final String EC2_TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  // As AWS's documentation shows IAM returning that document.
  static final String EC2_TRUST_ENCODED =
      "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22"
          + "%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A"
          + "%22sts%3AAssumeRole%22%7D%5D%7D";
  static final String S3_READ =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

  private IamServer server;
  private IamClient iam;
  private String account;

  @BeforeAll
  void start(@TempDir Path dir) {
    server = IamServer.start(dir);
    iam = server.admin();
    account = server.account();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      iam.close();
      server.close();
    }
  }

  @Test
  void listRolesKeepsToThePathPrefixAndPagesByMaxItemsAndMarker() {
    List<String> names = List.of("lr1", "lr2", "lr3", "lr4", "lr5");
    for (String name : names) {
      iam.createRole(
          r ->
              r.roleName(name)
                  .path("/listed/")
                  .assumeRolePolicyDocument(EC2_TRUST)
                  .tags(Tag.builder().key("k").value("v").build()));
    }
    iam.createRole(r -> r.roleName("lr0").path("/elsewhere/").assumeRolePolicyDocument(EC2_TRUST));

    var seen = new ArrayList<String>();
    var pages = new ArrayList<Integer>();
    String marker = null;
    do {
      String m = marker;
      ListRolesResponse page = iam.listRoles(r -> r.pathPrefix("/listed/").maxItems(2).marker(m));
      page.roles().forEach(role -> seen.add(role.roleName()));
      pages.add(page.roles().size());
      assertThat(page.isTruncated()).isEqualTo(page.marker() != null);
      marker = page.marker();
    } while (marker != null);

    assertThat(seen).isEqualTo(names);
    assertThat(pages).containsExactly(2, 2, 1);
    Role first = iam.listRoles(r -> r.pathPrefix("/listed/").maxItems(1)).roles().get(0);
    assertThat(first.arn()).isEqualTo("arn:aws:iam::" + account + ":role/listed/lr1");
    assertThat(first.assumeRolePolicyDocument()).isEqualTo(EC2_TRUST_ENCODED);
    assertThat(first.maxSessionDuration()).isEqualTo(3600);
    // As in AWS, ListRoles leaves tags to GetRole and ListRoleTags.
    assertThat(first.tags()).isEmpty();
    assertThat(iam.listRoles(r -> r.pathPrefix("/elsewhere/")).roles())
        .extracting(Role::roleName)
        .containsExactly("lr0");
    assertAwsError(
        () -> iam.listRoles(r -> r.marker("not a marker")),
        400,
        "ValidationError",
        "Invalid Marker.");
  }

  @Test
  void roleKeepsItsTrustPolicyAndSettingsAndReturnsTheDocumentUrlEncoded() {
    Role created =
        iam.createRole(
                r ->
                    r.roleName("web")
                        .path("/apps/")
                        .assumeRolePolicyDocument(EC2_TRUST)
                        .description("web servers")
                        .maxSessionDuration(7200)
                        .tags(Tag.builder().key("tier").value("front").build()))
            .role();
    assertThat(created.arn()).isEqualTo("arn:aws:iam::" + account + ":role/apps/web");
    assertThat(created.roleId()).matches("AROA[A-Z0-9]{17}");
    assertThat(created.assumeRolePolicyDocument()).isEqualTo(EC2_TRUST_ENCODED);

    Role found = iam.getRole(r -> r.roleName("WEB")).role();
    assertThat(found.roleName()).isEqualTo("web");
    assertThat(found.path()).isEqualTo("/apps/");
    assertThat(found.roleId()).isEqualTo(created.roleId());
    assertThat(found.createDate()).isEqualTo(created.createDate());
    assertThat(found.assumeRolePolicyDocument()).isEqualTo(EC2_TRUST_ENCODED);
    assertThat(found.description()).isEqualTo("web servers");
    assertThat(found.maxSessionDuration()).isEqualTo(7200);
    assertThat(found.tags()).containsExactly(Tag.builder().key("tier").value("front").build());

    iam.updateRole(r -> r.roleName("web").description("").maxSessionDuration(43200));
    String lambdaTrust = EC2_TRUST.replace("ec2.amazonaws.com", "lambda.amazonaws.com");
    iam.updateAssumeRolePolicy(r -> r.roleName("web").policyDocument(lambdaTrust));
    Role updated = iam.getRole(r -> r.roleName("web")).role();
    assertThat(updated.description()).isNull();
    assertThat(updated.maxSessionDuration()).isEqualTo(43200);
    assertThat(URLDecoder.decode(updated.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
        .isEqualTo(lambdaTrust);
    assertThat(iam.listRoles(r -> r.pathPrefix("/apps/")).roles())
        .extracting(Role::roleName)
        .containsExactly("web");
  }

  @Test
  void roleRefusesBadDurationsMalformedTrustAndDuplicates() {
    assertAwsError(
        () ->
            iam.createRole(
                r -> r.roleName("r1").assumeRolePolicyDocument(EC2_TRUST).maxSessionDuration(100)),
        400,
        "ValidationError",
        "1 validation error detected: Value '100' at 'maxSessionDuration' failed to satisfy"
            + " constraint: Member must have value greater than or equal to 3600");
    assertAwsError(
        () -> iam.createRole(r -> r.roleName("r1").assumeRolePolicyDocument("{nope")),
        400,
        "MalformedPolicyDocument",
        "Syntax errors in policy.");
    iam.createRole(r -> r.roleName("r1").assumeRolePolicyDocument(EC2_TRUST));
    assertAwsError(
        () -> iam.createRole(r -> r.roleName("R1").assumeRolePolicyDocument(EC2_TRUST)),
        409,
        "EntityAlreadyExists",
        "Role with name R1 already exists.");
    assertAwsError(
        () -> iam.getRole(r -> r.roleName("nobody")),
        404,
        "NoSuchEntity",
        "The role with name nobody cannot be found.");
  }

  @Test
  void userPolicyRoundTripsItsDocumentExactly() {
    iam.createUser(r -> r.userName("kim"));
    String document =
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Read the"
            + " \\\"logs\\\" bucket\",\n      \"Effect\": \"Allow\",\n      \"Action\":"
            + " [\"s3:GetObject\", \"s3:ListBucket\"],\n      \"Resource\":"
            + " \"arn:aws:s3:::logs/*\"\n    }\n  ]\n}";
    iam.putUserPolicy(r -> r.userName("kim").policyName("logs").policyDocument(document));

    GetUserPolicyResponse got = iam.getUserPolicy(r -> r.userName("kim").policyName("logs"));
    assertThat(got.userName()).isEqualTo("kim");
    assertThat(got.policyName()).isEqualTo("logs");
    assertThat(got.policyDocument()).startsWith("%7B%0A%20%20%22Version%22%3A%20%222012-10-17%22");
    assertThat(URLDecoder.decode(got.policyDocument(), StandardCharsets.UTF_8)).isEqualTo(document);

    iam.putUserPolicy(r -> r.userName("kim").policyName("a-first").policyDocument(S3_READ));
    assertThat(iam.listUserPolicies(r -> r.userName("kim")).policyNames())
        .containsExactly("a-first", "logs");
    var page = iam.listUserPolicies(r -> r.userName("kim").maxItems(1));
    assertThat(page.policyNames()).containsExactly("a-first");
    assertThat(iam.listUserPolicies(r -> r.userName("kim").marker(page.marker())).policyNames())
        .containsExactly("logs");

    iam.deleteUserPolicy(r -> r.userName("kim").policyName("logs"));
    assertAwsError(
        () -> iam.getUserPolicy(r -> r.userName("kim").policyName("logs")),
        404,
        "NoSuchEntity",
        "The user policy with name logs cannot be found.");
    assertAwsError(
        () -> iam.deleteUserPolicy(r -> r.userName("kim").policyName("logs")),
        404,
        "NoSuchEntity",
        "The user policy with name logs cannot be found.");
  }

  @Test
  void aResponseLargerThanTheResponseCopyBufferArrivesWhole() {
    iam.createRole(r -> r.roleName("wide").assumeRolePolicyDocument(EC2_TRUST));
    var statements = new StringBuilder();
    for (int i = 0; i < 95; i++) {
      statements
          .append(i == 0 ? "" : ",")
          .append("{\"Sid\":\"S")
          .append(i)
          .append("\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",")
          .append("\"Resource\":\"arn:aws:s3:::bucket-")
          .append(i)
          .append("/a b&c<d>/*\"}");
    }
    String document = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    assertThat(document.length()).isBetween(8_000, 10_240);
    iam.putRolePolicy(r -> r.roleName("wide").policyName("wide").policyDocument(document));

    // URL-encoded, the document alone is more than three times the 4 KB buffer that copies a
    // response into Jetty.
    String got = iam.getRolePolicy(r -> r.roleName("wide").policyName("wide")).policyDocument();

    assertThat(got.length()).isGreaterThan(3 * 4096);
    assertThat(URLDecoder.decode(got, StandardCharsets.UTF_8)).isEqualTo(document);
  }

  @Test
  void inlinePoliciesAreParsedAndCountedAgainstTheOwnersQuota() {
    iam.createUser(r -> r.userName("lee"));
    assertAwsError(
        () ->
            iam.putUserPolicy(
                r ->
                    r.userName("lee")
                        .policyName("p")
                        .policyDocument(S3_READ.replace(",\"Resource\":\"*\"", ""))),
        400,
        "MalformedPolicyDocument",
        "Policy statement must contain resources.");
    String big =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"arn:aws:s3:::"
            + "b".repeat(1100)
            + "\"}]}";
    iam.putUserPolicy(r -> r.userName("lee").policyName("one").policyDocument(big));
    iam.putUserPolicy(r -> r.userName("lee").policyName("one").policyDocument(big));
    assertAwsError(
        () -> iam.putUserPolicy(r -> r.userName("lee").policyName("two").policyDocument(big)),
        409,
        "LimitExceeded",
        "Maximum policy size of 2048 bytes exceeded for user lee");
  }

  @Test
  void rolePoliciesBlockRoleDeletionUntilRemoved() {
    iam.createRole(r -> r.roleName("batch").assumeRolePolicyDocument(EC2_TRUST));
    iam.putRolePolicy(r -> r.roleName("batch").policyName("read").policyDocument(S3_READ));
    assertThat(
            URLDecoder.decode(
                iam.getRolePolicy(r -> r.roleName("batch").policyName("read")).policyDocument(),
                StandardCharsets.UTF_8))
        .isEqualTo(S3_READ);
    assertThat(iam.listRolePolicies(r -> r.roleName("batch")).policyNames())
        .containsExactly("read");
    assertAwsError(
        () -> iam.deleteRole(r -> r.roleName("batch")),
        409,
        "DeleteConflict",
        "Cannot delete entity, must delete policies first.");
    iam.deleteRolePolicy(r -> r.roleName("batch").policyName("read"));

    String admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    iam.attachRolePolicy(r -> r.roleName("batch").policyArn(admin));
    assertThat(iam.listAttachedRolePolicies(r -> r.roleName("batch")).attachedPolicies())
        .containsExactly(
            AttachedPolicy.builder().policyName("AdministratorAccess").policyArn(admin).build());
    assertAwsError(
        () -> iam.deleteRole(r -> r.roleName("batch")),
        409,
        "DeleteConflict",
        "Cannot delete entity, must detach all policies first.");
    iam.detachRolePolicy(r -> r.roleName("batch").policyArn(admin));
    assertAwsError(
        () -> iam.detachRolePolicy(r -> r.roleName("batch").policyArn(admin)),
        404,
        "NoSuchEntity",
        "Policy " + admin + " was not found.");
    iam.deleteRole(r -> r.roleName("batch"));
    assertAwsError(
        () -> iam.getRole(r -> r.roleName("batch")),
        404,
        "NoSuchEntity",
        "The role with name batch cannot be found.");
  }

  @Test
  void managedPolicyLivesAsOneVersionAndCannotGoWhileAttached() {
    Policy created =
        iam.createPolicy(r -> r.policyName("ReadLogs").path("/team/").policyDocument(S3_READ))
            .policy();
    String arn = "arn:aws:iam::" + account + ":policy/team/ReadLogs";
    assertThat(created.arn()).isEqualTo(arn);
    assertThat(created.policyId()).matches("ANPA[A-Z0-9]{17}");
    assertThat(created.path()).isEqualTo("/team/");
    assertThat(created.defaultVersionId()).isEqualTo("v1");
    assertThat(created.attachmentCount()).isZero();
    assertThat(created.isAttachable()).isTrue();
    assertThat(created.updateDate()).isEqualTo(created.createDate());
    assertAwsError(
        () -> iam.createPolicy(r -> r.policyName("readlogs").policyDocument(S3_READ)),
        409,
        "EntityAlreadyExists",
        "A policy called readlogs already exists. Duplicate names are not allowed.");

    PolicyVersion version =
        iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v1")).policyVersion();
    assertThat(version.document())
        .isEqualTo(
            "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow"
                + "%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22*%22%7D%5D%7D");
    assertThat(version.isDefaultVersion()).isTrue();
    assertAwsError(
        () -> iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v2")),
        404,
        "NoSuchEntity",
        "Policy " + arn + " version v2 does not exist or is not attachable.");

    iam.createUser(r -> r.userName("mo"));
    iam.attachUserPolicy(r -> r.userName("mo").policyArn(arn));
    iam.attachUserPolicy(r -> r.userName("mo").policyArn(arn));
    Policy got = iam.getPolicy(r -> r.policyArn(arn)).policy();
    assertThat(got.attachmentCount()).isEqualTo(1);
    assertThat(got.policyId()).isEqualTo(created.policyId());
    assertThat(iam.listAttachedUserPolicies(r -> r.userName("mo")).attachedPolicies())
        .containsExactly(AttachedPolicy.builder().policyName("ReadLogs").policyArn(arn).build());
    assertThat(
            iam.listAttachedUserPolicies(r -> r.userName("mo").pathPrefix("/other/"))
                .attachedPolicies())
        .isEmpty();
    assertAwsError(
        () -> iam.deletePolicy(r -> r.policyArn(arn)),
        409,
        "DeleteConflict",
        "Cannot delete a policy attached to entities.");

    iam.detachUserPolicy(r -> r.userName("mo").policyArn(arn));
    iam.deletePolicy(r -> r.policyArn(arn));
    assertAwsError(
        () -> iam.getPolicy(r -> r.policyArn(arn)),
        404,
        "NoSuchEntity",
        "Policy " + arn + " was not found.");
    assertAwsError(
        () -> iam.attachUserPolicy(r -> r.userName("mo").policyArn(arn)),
        404,
        "NoSuchEntity",
        "Policy " + arn + " does not exist or is not attachable.");
  }

  @Test
  void listPoliciesByScopeIncludesTheBuiltInAdministratorAccess() {
    iam.createPolicy(r -> r.policyName("Local1").policyDocument(S3_READ));
    assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.AWS)).policies())
        .extracting(Policy::arn)
        .containsExactly("arn:aws:iam::aws:policy/AdministratorAccess");
    assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL)).policies())
        .extracting(Policy::policyName)
        .contains("Local1")
        .doesNotContain("AdministratorAccess");
    Policy admin =
        iam.getPolicy(r -> r.policyArn("arn:aws:iam::aws:policy/AdministratorAccess")).policy();
    assertThat(admin.policyId()).isEqualTo("ANPAIWMBCKSKIEE64ZLYK");
    assertThat(admin.description())
        .isEqualTo("Provides full access to AWS services and resources.");
    // The first start attached it to the administrator.
    assertThat(admin.attachmentCount()).isEqualTo(1);
    assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.ALL).onlyAttached(true)).policies())
        .extracting(Policy::policyName)
        .contains("AdministratorAccess")
        .doesNotContain("Local1");
    assertThat(iam.listPoliciesPaginator(r -> r.maxItems(1)).policies().stream().count())
        .isEqualTo(iam.listPolicies().policies().size());
  }

  @Test
  void anAttachedManagedPolicyGrantsItsPermissions() {
    String listUsers =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}";
    String arn =
        iam.createPolicy(r -> r.policyName("ListUsersOnly").policyDocument(listUsers))
            .policy()
            .arn();
    iam.createUser(r -> r.userName("nia"));
    var key = iam.createAccessKey(r -> r.userName("nia")).accessKey();
    try (IamClient nia = server.iam(key.accessKeyId(), key.secretAccessKey(), null)) {
      assertAwsError(
          nia::listUsers,
          403,
          "AccessDenied",
          "User: arn:aws:iam::"
              + account
              + ":user/nia is not authorized to perform: iam:ListUsers on resource: * because no"
              + " identity-based policy allows the iam:ListUsers action");
      iam.attachUserPolicy(r -> r.userName("nia").policyArn(arn));
      assertThat(nia.listUsers().users()).extracting(u -> u.userName()).contains("admin", "nia");
    }
  }
}
