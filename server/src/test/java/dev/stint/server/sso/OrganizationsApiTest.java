package dev.stint.server.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountNotFoundException;
import software.amazon.awssdk.services.organizations.model.CreateAccountFailureReason;
import software.amazon.awssdk.services.organizations.model.CreateAccountState;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatusNotFoundException;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Organizations through the AWS SDK for Java v2's {@code OrganizationsClient}. */
class OrganizationsApiTest {
  @TempDir Path dir;
  private PortalServer server;
  private OrganizationsClient org;

  @BeforeEach
  void start() {
    server = PortalServer.start(dir);
    org = server.adminOrganizations();
  }

  @AfterEach
  void stop() {
    org.close();
    server.close();
  }

  @Test
  void createAccountSucceedsAtOnceAndTheAdministratorCanAssumeItsAccessRole() {
    CreateAccountStatus status =
        org.createAccount(b -> b.email("dev@example.com").accountName("dev")).createAccountStatus();

    assertThat(status.id()).matches("car-[0-9a-f]{32}");
    assertThat(status.state()).isEqualTo(CreateAccountState.SUCCEEDED);
    assertThat(status.accountName()).isEqualTo("dev");
    assertThat(status.accountId()).matches("[1-9][0-9]{11}");
    assertThat(status.requestedTimestamp()).isEqualTo(status.completedTimestamp());
    assertThat(
            org.describeCreateAccountStatus(b -> b.createAccountRequestId(status.id()))
                .createAccountStatus())
        .isEqualTo(status);

    String member = status.accountId();
    Account described = org.describeAccount(b -> b.accountId(member)).account();
    assertThat(described.name()).isEqualTo("dev");
    assertThat(described.email()).isEqualTo("dev@example.com");
    assertThat(described.statusAsString()).isEqualTo("ACTIVE");
    assertThat(described.joinedMethodAsString()).isEqualTo("CREATED");
    assertThat(described.arn())
        .matches(
            "arn:aws:organizations::" + server.account() + ":account/o-[a-z0-9]{10}/" + member);

    Credentials assumed =
        server
            .adminSts()
            .assumeRole(
                b ->
                    b.roleArn("arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole")
                        .roleSessionName("admin"))
            .credentials();
    var identity =
        server
            .sts(assumed.accessKeyId(), assumed.secretAccessKey(), assumed.sessionToken())
            .getCallerIdentity();
    assertThat(identity.arn())
        .isEqualTo("arn:aws:sts::" + member + ":assumed-role/OrganizationAccountAccessRole/admin");
  }

  @Test
  void listAccountsPagesByIdIncludingTheManagementAccount() {
    String a =
        org.createAccount(b -> b.email("a@example.com").accountName("a"))
            .createAccountStatus()
            .accountId();
    String b2 =
        org.createAccount(b -> b.email("b@example.com").accountName("b"))
            .createAccountStatus()
            .accountId();

    var first = org.listAccounts(b -> b.maxResults(2));
    assertThat(first.accounts()).hasSize(2);
    assertThat(first.nextToken()).isNotNull();
    var second = org.listAccounts(b -> b.maxResults(2).nextToken(first.nextToken()));
    assertThat(second.accounts()).hasSize(1);
    assertThat(second.nextToken()).isNull();
    List<String> all =
        org.listAccountsPaginator(b -> b.maxResults(1)).stream()
            .flatMap(r -> r.accounts().stream())
            .map(Account::id)
            .toList();
    assertThat(all).containsExactlyInAnyOrder(server.account(), a, b2).isSorted();
  }

  @Test
  void aTakenEmailFailsTheRequestWithItsReason() {
    org.createAccount(b -> b.email("dev@example.com").accountName("dev"));

    CreateAccountStatus status =
        org.createAccount(b -> b.email("DEV@example.com").accountName("again"))
            .createAccountStatus();

    assertThat(status.state()).isEqualTo(CreateAccountState.FAILED);
    assertThat(status.failureReason()).isEqualTo(CreateAccountFailureReason.EMAIL_ALREADY_EXISTS);
    assertThat(status.accountId()).isNull();
  }

  @Test
  void unknownIdsAreTheirNotFoundExceptions() {
    assertThatThrownBy(() -> org.describeAccount(b -> b.accountId("999999999999")))
        .isInstanceOfSatisfying(
            AccountNotFoundException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("You specified an account that doesn't exist."));
    assertThatThrownBy(
            () -> org.describeCreateAccountStatus(b -> b.createAccountRequestId("car-0123456789")))
        .isInstanceOf(CreateAccountStatusNotFoundException.class);
  }

  @Test
  void aUserWithoutPermissionIsAccessDenied() {
    var iam = server.adminIam();
    iam.createUser(b -> b.userName("bob"));
    var key = iam.createAccessKey(b -> b.userName("bob")).accessKey();
    try (var bob = server.organizations(key.accessKeyId(), key.secretAccessKey(), null)) {
      assertThatThrownBy(() -> bob.createAccount(b -> b.email("x@example.com").accountName("x")))
          .isInstanceOfSatisfying(
              AccessDeniedException.class,
              e ->
                  assertThat(e.awsErrorDetails().errorMessage())
                      .isEqualTo(
                          "User: arn:aws:iam::"
                              + server.account()
                              + ":user/bob is not authorized to perform: organizations:CreateAccount"
                              + " on resource: * because no identity-based policy allows the"
                              + " organizations:CreateAccount action"));
    }
  }
}
