package dev.stint.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.server.portal.PortalUsers.PortalUserView;
import dev.stint.server.store.PermissionSet;
import dev.stint.server.store.User;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The administration pages over HTTP: each form changes what the portal services hold, says so
 * after the redirect, and shows the services' refusals on the page with a fitting status.
 */
class AdminPagesTest {
  // Near real time: the AWS SDK used here corrects a skew it sees in Date headers for every
  // client in the JVM (SdkGlobalTime), so a server clock years ahead would upset later tests.
  static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final String PASSWORD = "Correct-Horse-7";

  @TempDir Path dir;
  private PortalServer portal;
  private WebClient admin;

  @BeforeEach
  void start() throws Exception {
    portal = PortalServer.start(dir, START);
    admin = portal.admin();
  }

  @AfterEach
  void stop() {
    portal.close();
  }

  private HttpResponse<String> form(String page, String action, Map<String, String> fields)
      throws Exception {
    return admin.submit(page, action, fields);
  }

  private String follow(HttpResponse<String> redirect) throws Exception {
    assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(303);
    return admin.get(redirect.headers().firstValue("Location").orElseThrow()).body();
  }

  private PortalUserView user(String name) {
    return portal.portal().users().findByName(name).orElseThrow();
  }

  @Test
  void createsUsersAndManagesTheirPasswordMfaLockoutAndStatus() throws Exception {
    String created =
        follow(
            form(
                "/admin/users",
                "/admin/users",
                Map.of("name", "carol", "password", PASSWORD, "mfa", "true")));
    assertThat(created).contains("The user was created.").contains("<h1>carol</h1>");
    User carol = user("carol").user();
    assertThat(user("carol").state().mfaRequired()).isTrue();
    String page = "/admin/users/" + carol.id();

    assertThat(follow(form(page, page + "/password", Map.of("password", "Another-Pass-9"))))
        .contains("The password was set.");
    assertThat(follow(form(page, page + "/mfa-required", Map.of("required", "false"))))
        .contains("MFA is now optional for the user.");
    assertThat(user("carol").state().mfaRequired()).isFalse();

    WebClient signedIn = portal.client();
    assertThat(PortalServer.signIn(signedIn, "carol", "Another-Pass-9").statusCode())
        .isEqualTo(303);
    assertThat(follow(form(page, page + "/disable", Map.of())))
        .contains("The user was disabled and signed out everywhere.");
    assertThat(signedIn.get("/").statusCode()).isEqualTo(303);
    assertThat(PortalServer.signIn(portal.client(), "carol", "Another-Pass-9").body())
        .contains("This user is disabled. Ask an administrator for help.");
    assertThat(follow(form(page, page + "/enable", Map.of()))).contains("The user was enabled.");

    for (int i = 0; i < 5; i++) {
      PortalServer.signIn(portal.client(), "carol", "Wrong-Pass-" + i);
    }
    assertThat(user("carol").state().lockedUntil()).isEqualTo(START.plusSeconds(60));
    assertThat(follow(form(page, page + "/unlock", Map.of())))
        .contains("The user's sign-in lockout was lifted.");
    assertThat(user("carol").state().lockedUntil()).isNull();
  }

  @Test
  void refusalsAreShownOnThePageWithTheirStatus() throws Exception {
    var weak = form("/admin/users", "/admin/users", Map.of("name", "dave", "password", "short"));
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(weak.body()).contains("class=\"error\" role=\"alert\"").contains("<h1>Users</h1>");
    follow(form("/admin/users", "/admin/users", Map.of("name", "dave", "password", PASSWORD)));
    var taken = form("/admin/users", "/admin/users", Map.of("name", "Dave", "password", PASSWORD));
    assertThat(taken.statusCode()).isEqualTo(409);

    var unknown = admin.get("/admin/users/AIDAAAAAAAAAAAAAAAAA");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body())
        .contains("<h1>Not found</h1>")
        .contains("No user AIDAAAAAAAAAAAAAAAAA.");

    var me = portal.portal().users().findByName("admin").orElseThrow().user();
    var self = form("/admin/users/" + me.id(), "/admin/users/" + me.id() + "/disable", Map.of());
    assertThat(self.statusCode()).isEqualTo(400);
    assertThat(self.body()).contains("You cannot disable yourself.");
  }

  @Test
  void groupsGainAndLoseMembers() throws Exception {
    User erin = portal.user("erin", PASSWORD, false);
    var created =
        form("/admin/groups", "/admin/groups", Map.of("name", "Ops", "description", "On call"));
    String page = created.headers().firstValue("Location").orElseThrow().replaceAll("\\?.*", "");
    assertThat(follow(created)).contains("The group was created.");

    assertThat(follow(form(page, page + "/members", Map.of("user", erin.id()))))
        .contains("The user was added to the group.")
        .contains("<a href=\"/admin/users/" + erin.id() + "\">erin</a>");
    assertThat(follow(form(page, page + "/members/remove", Map.of("user", erin.id()))))
        .contains("The user was removed from the group.")
        .contains("No members yet.");
    assertThat(follow(form(page, page, Map.of("name", "Operations", "description", ""))))
        .contains("<h1>Operations</h1>");
    assertThat(follow(form(page, page + "/delete", Map.of())))
        .contains("The group was deleted.")
        .contains("No groups yet.");
  }

  @Test
  void accountsPermissionSetsAndAssignmentsProvisionRoles() throws Exception {
    assertThat(
            follow(
                form(
                    "/admin/accounts",
                    "/admin/accounts",
                    Map.of("name", "Sandbox", "email", "sandbox@example.com"))))
        .contains("The account was created.")
        .contains("<td>Sandbox </td>");
    var again =
        form(
            "/admin/accounts",
            "/admin/accounts",
            Map.of("name", "Other", "email", "SANDBOX@example.com"));
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("An account with that email address exists already.");
    String account =
        portal.portal().accounts().list(null, 10).items().stream()
            .filter(a -> a.name().equals("Sandbox"))
            .findFirst()
            .orElseThrow()
            .id();

    var tooLong =
        form(
            "/admin/permission-sets",
            "/admin/permission-sets",
            Map.of("name", "Ops", "hours", "13"));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    var created =
        form(
            "/admin/permission-sets",
            "/admin/permission-sets",
            Map.of(
                "name", "Ops",
                "description", "Operators",
                "hours", "4",
                "managed", "arn:aws:iam::aws:policy/AdministratorAccess"));
    assertThat(follow(created)).contains("The permission set was created.");
    PermissionSet set = portal.portal().permissionSets().findByName("Ops").orElseThrow();
    assertThat(set.sessionDuration()).isEqualTo(Duration.ofHours(4));
    assertThat(set.managedPolicyArns())
        .containsExactly("arn:aws:iam::aws:policy/AdministratorAccess");
    String page = "/admin/permission-sets/" + set.id();
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    assertThat(
            follow(
                form(
                    page,
                    page,
                    Map.of("description", "Operators", "hours", "12", "inlinePolicy", policy))))
        .contains("The permission set was updated.");
    set = portal.portal().permissionSets().find(set.id()).orElseThrow();
    assertThat(set.sessionDuration()).isEqualTo(Duration.ofHours(12));
    assertThat(set.managedPolicyArns()).isEmpty();
    assertThat(set.inlinePolicy()).isEqualTo(policy);

    User frank = portal.user("frank", PASSWORD, false);
    var assignments =
        Map.of("principal", "USER:" + frank.id(), "account", account, "permissionSet", set.id());
    assertThat(follow(form("/admin/assignments", "/admin/assignments", assignments)))
        .contains("The assignment was made and its role provisioned.")
        .contains("<td>Ops</td>");
    assertThat(portal.portal().directory().roleNames(frank.id(), account)).containsExactly("Ops");
    var inUse = form(page, page + "/delete", Map.of());
    assertThat(inUse.statusCode()).isEqualTo(409);
    assertThat(follow(form("/admin/assignments", "/admin/assignments/remove", assignments)))
        .contains("The assignment was removed.")
        .contains("No assignments yet.");
    assertThat(follow(form(page, page + "/delete", Map.of())))
        .contains("The permission set was deleted.");
  }

  @Test
  void administrationIsDelegatedByPolicyAreaByAreaWithConditions() throws Exception {
    portal.user("ivy", PASSWORD, false);
    portal.putUserPolicy(
        "ivy",
        """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"stint:AdministerAuditLog","Resource":"*"}]}""");
    WebClient ivy = portal.client();
    PortalServer.signIn(ivy, "ivy", PASSWORD);
    String home = ivy.get("/").body();
    assertThat(home).contains("<a href=\"/admin/audit\">Administration</a>");
    assertThat(ivy.get("/admin/audit").statusCode()).isEqualTo(200);
    var users = ivy.get("/admin/users");
    assertThat(users.statusCode()).isEqualTo(403);
    assertThat(users.body())
        .contains("Your policies do not allow stint:AdministerUsers, which this page needs.");

    portal.putUserPolicy(
        "ivy",
        """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"stint:AdministerPortal","Resource":"*"},
          {"Effect":"Deny","Action":"stint:AdministerUsers","Resource":"*"}]}""");
    String nav = ivy.get("/admin/groups").body();
    assertThat(nav)
        .contains("<a href=\"/admin/groups\" aria-current=\"page\">Groups</a>")
        .contains("<a href=\"/admin/audit\">Audit log</a>")
        .doesNotContain("<a href=\"/admin/users\">");
    assertThat(ivy.get("/admin/users").statusCode()).isEqualTo(403);

    portal.putUserPolicy(
        "ivy",
        """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"stint:Administer*","Resource":"*"},
          {"Effect":"Deny","Action":"stint:AdministerPortal","Resource":"*"}]}""");
    assertThat(ivy.get("/admin/groups").statusCode())
        .as("a deny of the all-areas action closes every area")
        .isEqualTo(403);

    portal.putUserPolicy(
        "ivy",
        """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"*","Resource":"*",
           "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}""");
    assertThat(ivy.get("/admin/groups").statusCode()).isEqualTo(403);
    assertThat(ivy.get("/").body()).doesNotContain("Administration");
  }

  @Test
  void oneAreasPermissionOpensThatAreasPagesAndFormsAndNoOther() throws Exception {
    User erin = portal.user("erin", PASSWORD, false);
    User admin = user("admin").user();
    portal.user("jo", PASSWORD, false);
    portal.putUserPolicy(
        "jo",
        """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"stint:AdministerGroups","Resource":"*"}]}""");
    WebClient jo = portal.client();
    PortalServer.signIn(jo, "jo", PASSWORD);

    var adminHome = jo.get("/admin");
    assertThat(adminHome.statusCode()).isEqualTo(303);
    assertThat(adminHome.headers().firstValue("Location")).hasValue("/admin/groups");
    String groups = jo.get("/admin/groups").body();
    assertThat(groups)
        .contains("<a href=\"/admin/groups\" aria-current=\"page\">Groups</a>")
        .doesNotContain("<a href=\"/admin/users\">");
    var created = jo.submit("/admin/groups", "/admin/groups", Map.of("name", "Ops"));
    assertThat(created.statusCode()).isEqualTo(303);
    String page = created.headers().firstValue("Location").orElseThrow().replaceAll("\\?.*", "");
    var added = jo.submit(page, page + "/members", Map.of("user", erin.id()));
    assertThat(added.statusCode()).isEqualTo(303);
    assertThat(jo.get(page).body())
        .as("members are named, not linked to the users area jo may not open")
        .contains("<td>erin</td>")
        .doesNotContain("href=\"/admin/users/");

    for (String other :
        List.of(
            "/admin/users",
            "/admin/users/" + erin.id(),
            "/admin/accounts",
            "/admin/permission-sets",
            "/admin/assignments",
            "/admin/settings",
            "/admin/audit")) {
      assertThat(jo.get(other).statusCode()).as(other).isEqualTo(403);
    }
    String token = WebClient.csrf(jo.get("/admin/groups").body());
    var createUser =
        jo.post("/admin/users", Map.of("csrf", token, "name", "mallory", "password", PASSWORD));
    assertThat(createUser.statusCode()).isEqualTo(403);
    assertThat(createUser.body())
        .contains("Your policies do not allow stint:AdministerUsers, which this page needs.");
    assertThat(portal.portal().users().findByName("mallory")).isEmpty();
    var resetAdmin =
        jo.post(
            "/admin/users/" + admin.id() + "/password",
            Map.of("csrf", token, "password", "Taken-Over-1", "reset", "false"));
    assertThat(resetAdmin.statusCode()).isEqualTo(403);
    assertThat(PortalServer.signIn(portal.client(), "admin", "Taken-Over-1").body())
        .contains("The user name or password is not right.");

    // AWS's own actions do not open an area: in AWS, iam:* does not set portal passwords.
    portal.putUserPolicy(
        "jo",
        """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["iam:*","identitystore:*","sso:*"],"Resource":"*"}]}""");
    assertThat(jo.get("/admin/users").statusCode()).isEqualTo(403);
    assertThat(jo.get("/admin/groups").statusCode()).isEqualTo(403);
    assertThat(jo.get("/").body()).doesNotContain("Administration");
  }

  @Test
  void theSessionLengthSettingAppliesToNewSignIns() throws Exception {
    var invalid = form("/admin/settings", "/admin/settings", Map.of("hours", "0"));
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(follow(form("/admin/settings", "/admin/settings", Map.of("hours", "2"))))
        .contains("The settings were saved.")
        .contains("value=\"2\"");

    portal.user("gina", PASSWORD, false);
    var signedIn = PortalServer.signIn(portal.client(), "gina", PASSWORD);
    assertThat(signedIn.headers().allValues("Set-Cookie"))
        .anyMatch(c -> c.startsWith("stint_session=") && c.contains("; Max-Age=7200;"));
  }

  @Test
  void theAuditViewFiltersByTimeActorAndAction() throws Exception {
    portal.user("hank", PASSWORD, false);
    PortalServer.signIn(portal.client(), "hank", "Wrong-Pass-1");
    String hank = portal.portal().users().findByName("hank").orElseThrow().user().arn();

    String denied =
        admin.get("/admin/audit?actor=" + Site.encode(hank) + "&action=portal%3ASignIn").body();
    assertThat(denied)
        .contains("<caption>1 event, newest first</caption>")
        .contains("<span class=\"badge off\">denied</span>")
        .contains("reason=INVALID_CREDENTIALS failures=1");
    String earlier = admin.get("/admin/audit?from=2001-01-01T00:00&to=2001-01-01T01:00").body();
    assertThat(earlier).contains("<caption>0 events, newest first</caption>");
    var invalid = admin.get("/admin/audit?from=yesterday");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("The filter is not valid");
  }
}
