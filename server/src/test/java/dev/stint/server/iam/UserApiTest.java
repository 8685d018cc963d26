package dev.stint.server.iam;

import static dev.stint.server.iam.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListUserTagsResponse;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/** IAM users through the AWS SDK for Java v2: create, read, list, rename, tag, delete. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserApiTest {
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
  void createdUserIsFoundByNameInAnyCase() {
    Instant before = Instant.now().minusSeconds(1);
    User created =
        iam.createUser(
                r ->
                    r.userName("alice")
                        .path("/eng/")
                        .tags(Tag.builder().key("team").value("core").build()))
            .user();

    assertThat(created.userName()).isEqualTo("alice");
    assertThat(created.path()).isEqualTo("/eng/");
    assertThat(created.arn()).isEqualTo("arn:aws:iam::" + account + ":user/eng/alice");
    assertThat(created.userId()).matches("AIDA[A-Z0-9]{17}");
    assertThat(created.createDate()).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(created.tags()).containsExactly(Tag.builder().key("team").value("core").build());

    User found = iam.getUser(r -> r.userName("ALICE")).user();
    assertThat(found).isEqualTo(created);
  }

  @Test
  void getUserWithoutANameIsTheCaller() {
    User me = iam.getUser().user();
    assertThat(me.userName()).isEqualTo("admin");
    assertThat(me.arn()).isEqualTo("arn:aws:iam::" + account + ":user/admin");
    assertThat(me.path()).isEqualTo("/");
  }

  @Test
  void aNameTakenInAnyCaseIsEntityAlreadyExists() {
    iam.createUser(r -> r.userName("bob"));
    assertAwsError(
        () -> iam.createUser(r -> r.userName("BOB")),
        409,
        "EntityAlreadyExists",
        "User with name BOB already exists.");
  }

  @Test
  void unknownUserIsNoSuchEntity() {
    assertAwsError(
        () -> iam.getUser(r -> r.userName("ghost")),
        404,
        "NoSuchEntity",
        "The user with name ghost cannot be found.");
    assertAwsError(
        () -> iam.deleteUser(r -> r.userName("ghost")),
        404,
        "NoSuchEntity",
        "The user with name ghost cannot be found.");
  }

  @Test
  void everyViolatedConstraintIsNamedInOneValidationError() {
    assertAwsError(
        () -> iam.createUser(r -> r.userName("bad name!").path("nopath")),
        400,
        "ValidationError",
        "2 validation errors detected: Value 'bad name!' at 'userName' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+;"
            + " Value 'nopath' at 'path' failed to satisfy constraint: Member must satisfy regular"
            + " expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    assertAwsError(
        () -> iam.listUsers(r -> r.maxItems(1001)),
        400,
        "ValidationError",
        "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint:"
            + " Member must have value less than or equal to 1000");
    assertAwsError(
        () -> iam.listUsers(r -> r.marker("not a marker")),
        400,
        "ValidationError",
        "Invalid Marker.");
  }

  @Test
  void listUsersPagesByMaxItemsAndMarker() {
    List<String> names = List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7");
    for (String name : names) {
      iam.createUser(r -> r.userName(name).path("/paged/"));
    }

    var seen = new ArrayList<String>();
    var pages = new ArrayList<Integer>();
    String marker = null;
    do {
      String m = marker;
      ListUsersResponse page = iam.listUsers(r -> r.pathPrefix("/paged/").maxItems(3).marker(m));
      page.users().forEach(u -> seen.add(u.userName()));
      pages.add(page.users().size());
      assertThat(page.isTruncated()).isEqualTo(page.marker() != null);
      marker = page.marker();
    } while (marker != null);

    assertThat(seen).isEqualTo(names);
    assertThat(pages).containsExactly(3, 3, 1);
    assertThat(
            iam.listUsersPaginator(r -> r.pathPrefix("/paged/").maxItems(2)).users().stream()
                .map(User::userName)
                .toList())
        .isEqualTo(names);
    ListUsersResponse all = iam.listUsers(r -> r.pathPrefix("/paged/"));
    assertThat(all.isTruncated()).isFalse();
    assertThat(all.marker()).isNull();
    assertThat(all.users().get(0).tags()).isEmpty();
  }

  @Test
  void updateUserRenamesAndMovesKeepingTheId() {
    User carol = iam.createUser(r -> r.userName("carol")).user();
    iam.updateUser(r -> r.userName("carol").newUserName("caroline").newPath("/ops/"));

    User moved = iam.getUser(r -> r.userName("caroline")).user();
    assertThat(moved.userId()).isEqualTo(carol.userId());
    assertThat(moved.arn()).isEqualTo("arn:aws:iam::" + account + ":user/ops/caroline");
    assertAwsError(
        () -> iam.getUser(r -> r.userName("carol")),
        404,
        "NoSuchEntity",
        "The user with name carol cannot be found.");
    iam.createUser(r -> r.userName("dan"));
    assertAwsError(
        () -> iam.updateUser(r -> r.userName("dan").newUserName("Caroline")),
        409,
        "EntityAlreadyExists",
        "User with name Caroline already exists.");
  }

  @Test
  void deleteUserConflictsWhileAnythingHangsOffIt() {
    iam.createUser(r -> r.userName("dave"));
    String keyId = iam.createAccessKey(r -> r.userName("dave")).accessKey().accessKeyId();
    assertAwsError(
        () -> iam.deleteUser(r -> r.userName("dave")),
        409,
        "DeleteConflict",
        "Cannot delete entity, must delete access keys first.");
    iam.deleteAccessKey(r -> r.userName("dave").accessKeyId(keyId));

    iam.putUserPolicy(
        r ->
            r.userName("dave")
                .policyName("p")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                        + "\"Action\":\"s3:*\",\"Resource\":\"*\"}}"));
    assertAwsError(
        () -> iam.deleteUser(r -> r.userName("dave")),
        409,
        "DeleteConflict",
        "Cannot delete entity, must delete policies first.");
    iam.deleteUserPolicy(r -> r.userName("dave").policyName("p"));

    String admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    iam.attachUserPolicy(r -> r.userName("dave").policyArn(admin));
    assertAwsError(
        () -> iam.deleteUser(r -> r.userName("dave")),
        409,
        "DeleteConflict",
        "Cannot delete entity, must detach all policies first.");
    iam.detachUserPolicy(r -> r.userName("dave").policyArn(admin));

    iam.createLoginProfile(r -> r.userName("dave").password("Correct-Horse-9"));
    assertAwsError(
        () -> iam.deleteUser(r -> r.userName("dave")),
        409,
        "DeleteConflict",
        "Cannot delete entity, must delete login profile first.");
    iam.deleteLoginProfile(r -> r.userName("dave"));

    iam.deleteUser(r -> r.userName("dave"));
    assertAwsError(
        () -> iam.getUser(r -> r.userName("dave")),
        404,
        "NoSuchEntity",
        "The user with name dave cannot be found.");
  }

  @Test
  void tagsMergeWithoutCaseAndListInPages() {
    iam.createUser(r -> r.userName("erin").tags(tag("Env", "dev"), tag("b", "1")));
    iam.tagUser(r -> r.userName("erin").tags(tag("env", "prod"), tag("a", "0")));
    iam.untagUser(r -> r.userName("erin").tagKeys("B", "missing"));

    assertThat(iam.getUser(r -> r.userName("erin")).user().tags())
        .containsExactly(tag("a", "0"), tag("env", "prod"));
    ListUserTagsResponse first = iam.listUserTags(r -> r.userName("erin").maxItems(1));
    assertThat(first.tags()).containsExactly(tag("a", "0"));
    assertThat(first.isTruncated()).isTrue();
    ListUserTagsResponse second =
        iam.listUserTags(r -> r.userName("erin").maxItems(1).marker(first.marker()));
    assertThat(second.tags()).containsExactly(tag("env", "prod"));
    assertThat(second.isTruncated()).isFalse();

    assertAwsError(
        () -> iam.tagUser(r -> r.userName("erin").tags(tag("k", "1"), tag("K", "2"))),
        400,
        "InvalidInput",
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    assertAwsError(
        () -> iam.tagUser(r -> r.userName("erin").tags(tag("bad*key", "1"))),
        400,
        "ValidationError",
        "1 validation error detected: Value 'bad*key' at 'tags.1.member.key' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern:"
            + " [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
  }

  @Test
  void loginProfileFollowsTheDefaultPasswordPolicyAndNeverShowsThePassword() {
    iam.createUser(r -> r.userName("fay"));
    assertAwsError(
        () -> iam.createLoginProfile(r -> r.userName("fay").password("short")),
        400,
        "PasswordPolicyViolation",
        "Password does not conform to the account password policy.");
    var created =
        iam.createLoginProfile(
                r -> r.userName("fay").password("Tr0ub4dor&3").passwordResetRequired(true))
            .loginProfile();
    assertThat(created.userName()).isEqualTo("fay");
    assertThat(created.passwordResetRequired()).isTrue();
    assertAwsError(
        () -> iam.createLoginProfile(r -> r.userName("fay").password("Tr0ub4dor&3")),
        409,
        "EntityAlreadyExists",
        "Login Profile for user fay already exists.");

    iam.updateLoginProfile(r -> r.userName("fay").passwordResetRequired(false));
    var got = iam.getLoginProfile(r -> r.userName("fay")).loginProfile();
    assertThat(got.passwordResetRequired()).isFalse();
    assertThat(got.createDate()).isEqualTo(created.createDate());

    iam.deleteLoginProfile(r -> r.userName("fay"));
    assertAwsError(
        () -> iam.getLoginProfile(r -> r.userName("fay")),
        404,
        "NoSuchEntity",
        "Login Profile for User fay cannot be found.");
  }

  @Test
  void responsesCarryTheRequestIdAndGoodDates() {
    var response = iam.getUser(r -> r.userName("admin"));
    assertThat(response.responseMetadata().requestId()).matches("[0-9a-f-]{36}");
    assertThat(Duration.between(response.user().createDate(), Instant.now()))
        .isLessThan(Duration.ofMinutes(5));
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
