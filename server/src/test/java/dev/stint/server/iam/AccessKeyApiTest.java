package dev.stint.server.iam;

import static dev.stint.server.iam.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.StatusType;

/** Long-term access keys: shown once, two per user, and refused at once when turned off. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessKeyApiTest {
  private static final String GET_OWN_USER =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser",
      "Resource":"arn:aws:iam::*:user/${aws:username}"}]}""";

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
  void newKeySignsForItsUserWhoseNarrowPolicyDecidesWhatItMayDo() {
    iam.createUser(r -> r.userName("frank"));
    iam.putUserPolicy(r -> r.userName("frank").policyName("self").policyDocument(GET_OWN_USER));
    AccessKey key = iam.createAccessKey(r -> r.userName("frank")).accessKey();

    assertThat(key.userName()).isEqualTo("frank");
    assertThat(key.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
    assertThat(key.secretAccessKey()).matches("[A-Za-z0-9/+]{40}");
    assertThat(key.status()).isEqualTo(StatusType.ACTIVE);

    try (IamClient frank = server.iam(key.accessKeyId(), key.secretAccessKey(), null)) {
      assertThat(frank.getUser().user().arn()).isEqualTo("arn:aws:iam::" + account + ":user/frank");
      assertAwsError(
          frank::listUsers,
          403,
          "AccessDenied",
          "User: arn:aws:iam::"
              + account
              + ":user/frank is not authorized to perform: iam:ListUsers on resource: * because no"
              + " identity-based policy allows the iam:ListUsers action");
      assertAwsError(
          () -> frank.getUser(r -> r.userName("admin")),
          403,
          "AccessDenied",
          "User: arn:aws:iam::"
              + account
              + ":user/frank is not authorized to perform: iam:GetUser on resource: arn:aws:iam::"
              + account
              + ":user/admin because no identity-based policy allows the iam:GetUser action");
    }
  }

  @Test
  void aThirdKeyExceedsTheQuotaAndKeysListInPages() {
    iam.createUser(r -> r.userName("gina"));
    AccessKey first = iam.createAccessKey(r -> r.userName("gina")).accessKey();
    AccessKey second = iam.createAccessKey(r -> r.userName("gina")).accessKey();
    assertAwsError(
        () -> iam.createAccessKey(r -> r.userName("gina")),
        409,
        "LimitExceeded",
        "Cannot exceed quota for AccessKeysPerUser: 2");

    ListAccessKeysResponse all = iam.listAccessKeys(r -> r.userName("gina"));
    assertThat(all.accessKeyMetadata())
        .extracting(AccessKeyMetadata::accessKeyId)
        .containsExactlyInAnyOrder(first.accessKeyId(), second.accessKeyId());
    assertThat(all.accessKeyMetadata())
        .allSatisfy(
            k -> {
              assertThat(k.userName()).isEqualTo("gina");
              assertThat(k.status()).isEqualTo(StatusType.ACTIVE);
            });
    ListAccessKeysResponse page = iam.listAccessKeys(r -> r.userName("gina").maxItems(1));
    assertThat(page.accessKeyMetadata()).hasSize(1);
    assertThat(page.isTruncated()).isTrue();
    ListAccessKeysResponse rest =
        iam.listAccessKeys(r -> r.userName("gina").maxItems(1).marker(page.marker()));
    assertThat(rest.accessKeyMetadata()).hasSize(1);
    assertThat(rest.isTruncated()).isFalse();
    assertThat(rest.accessKeyMetadata().get(0).accessKeyId())
        .isNotEqualTo(page.accessKeyMetadata().get(0).accessKeyId());
  }

  @Test
  void anInactiveOrDeletedKeyIsRefusedAtOnce() {
    iam.createUser(r -> r.userName("hal"));
    iam.putUserPolicy(r -> r.userName("hal").policyName("self").policyDocument(GET_OWN_USER));
    AccessKey key = iam.createAccessKey(r -> r.userName("hal")).accessKey();
    try (IamClient hal = server.iam(key.accessKeyId(), key.secretAccessKey(), null)) {
      assertThat(hal.getUser().user().userName()).isEqualTo("hal");

      iam.updateAccessKey(
          r -> r.userName("hal").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
      assertThat(iam.listAccessKeys(r -> r.userName("hal")).accessKeyMetadata().get(0).status())
          .isEqualTo(StatusType.INACTIVE);
      assertAwsError(
          hal::getUser,
          403,
          "InvalidClientTokenId",
          "The security token included in the request is invalid.");

      iam.updateAccessKey(
          r -> r.userName("hal").accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
      assertThat(hal.getUser().user().userName()).isEqualTo("hal");

      iam.deleteAccessKey(r -> r.userName("hal").accessKeyId(key.accessKeyId()));
      assertAwsError(
          hal::getUser,
          403,
          "InvalidClientTokenId",
          "The security token included in the request is invalid.");
    }
    assertAwsError(
        () -> iam.deleteAccessKey(r -> r.userName("hal").accessKeyId(key.accessKeyId())),
        404,
        "NoSuchEntity",
        "The Access Key with id " + key.accessKeyId() + " cannot be found.");
  }

  @Test
  void anotherUsersKeyIsNotFoundAndStatusMustBeAnEnumValue() {
    iam.createUser(r -> r.userName("ida"));
    AccessKey key = iam.createAccessKey(r -> r.userName("ida")).accessKey();
    assertAwsError(
        () -> iam.deleteAccessKey(r -> r.accessKeyId(key.accessKeyId())),
        404,
        "NoSuchEntity",
        "The Access Key with id " + key.accessKeyId() + " cannot be found.");
    assertAwsError(
        () ->
            iam.updateAccessKey(r -> r.userName("ida").accessKeyId(key.accessKeyId()).status("On")),
        400,
        "ValidationError",
        "1 validation error detected: Value 'On' at 'status' failed to satisfy constraint: Member"
            + " must satisfy enum value set: [Active, Inactive, Expired]");
  }

  @Test
  void lastUseOfANeverUsedKeyIsNotAvailable() {
    iam.createUser(r -> r.userName("jo"));
    AccessKey key = iam.createAccessKey(r -> r.userName("jo")).accessKey();
    GetAccessKeyLastUsedResponse used =
        iam.getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId()));
    assertThat(used.userName()).isEqualTo("jo");
    assertThat(used.accessKeyLastUsed().serviceName()).isEqualTo("N/A");
    assertThat(used.accessKeyLastUsed().region()).isEqualTo("N/A");
    assertThat(used.accessKeyLastUsed().lastUsedDate()).isNull();
  }

  @Test
  void callersWithoutAUserMustNameOne() {
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"arn:aws:iam::"
            + account
            + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    iam.createRole(r -> r.roleName("keys-role").assumeRolePolicyDocument(trust));
    iam.attachRolePolicy(
        r -> r.roleName("keys-role").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
    var credentials =
        server
            .adminSts()
            .assumeRole(
                r -> r.roleArn("arn:aws:iam::" + account + ":role/keys-role").roleSessionName("s1"))
            .credentials();
    try (IamClient role =
        server.iam(
            credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())) {
      assertAwsError(
          role::getUser,
          400,
          "ValidationError",
          "Must specify userName when calling with non-User credentials");
      assertAwsError(
          role::createAccessKey,
          400,
          "ValidationError",
          "Must specify userName when calling with non-User credentials");
      assertThat(role.getUser(r -> r.userName("admin")).user().userName()).isEqualTo("admin");
    }
  }

  @Test
  void federatedAndMfaLessSessionCredentialsCannotCallIam() {
    var session = server.adminSts().getSessionToken().credentials();
    try (IamClient noMfa =
        server.iam(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())) {
      assertAwsError(
          noMfa::getUser,
          403,
          "InvalidClientTokenId",
          "The security token included in the request is invalid");
    }
    var federated =
        server
            .adminSts()
            .getFederationToken(
                r ->
                    r.name("fed")
                        .policy(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Action\":\"*\",\"Resource\":\"*\"}]}"))
            .credentials();
    try (IamClient fed =
        server.iam(
            federated.accessKeyId(), federated.secretAccessKey(), federated.sessionToken())) {
      assertAwsError(
          () -> fed.listUsers(),
          403,
          "InvalidClientTokenId",
          "The security token included in the request is invalid");
    }
  }
}
