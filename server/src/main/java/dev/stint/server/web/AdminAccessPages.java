package dev.stint.server.web;

import dev.stint.server.portal.Assignments;
import dev.stint.server.portal.Groups;
import dev.stint.server.portal.MemberAccounts;
import dev.stint.server.portal.PermissionSets;
import dev.stint.server.portal.PortalException;
import dev.stint.server.portal.PortalUsers;
import dev.stint.server.portal.PortalUsers.PortalUserView;
import dev.stint.server.store.Account;
import dev.stint.server.store.Assignment;
import dev.stint.server.store.CreateAccountRequest;
import dev.stint.server.store.Database;
import dev.stint.server.store.Group;
import dev.stint.server.store.ManagedPolicy;
import dev.stint.server.store.Page;
import dev.stint.server.store.PermissionSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Administration of access: accounts ({@code /admin/accounts}: list, create member accounts),
 * permission sets ({@code /admin/permission-sets}: name, description, session duration, inline and
 * managed policies) and assignments ({@code /admin/assignments}: a user or group may use a
 * permission set in an account). Each change goes through the portal services, which audit it.
 * Thread-safe.
 */
final class AdminAccessPages {

  private final Site site;
  private final MemberAccounts accounts;
  private final PermissionSets permissionSets;
  private final Assignments assignments;
  private final PortalUsers users;
  private final Groups groups;
  private final Database db;

  AdminAccessPages(
      Site site,
      MemberAccounts accounts,
      PermissionSets permissionSets,
      Assignments assignments,
      PortalUsers users,
      Groups groups,
      Database db) {
    this.site = site;
    this.accounts = accounts;
    this.permissionSets = permissionSets;
    this.assignments = assignments;
    this.users = users;
    this.groups = groups;
    this.db = db;
  }

  /** {@code /admin/accounts}: one page of the accounts, by id. */
  record AccountsPage(List<Account> accounts, Pager pager, String managementId) {}

  /**
   * {@code /admin/permission-sets} and {@code /admin/permission-sets/{id}}.
   *
   * @param sets one page of the permission sets, by name (none on a permission set's own page)
   * @param edited the permission set being edited, or {@code null} on the list
   * @param awsManaged the AWS managed policies offered as choices
   */
  record PermissionSetsPage(
      List<PermissionSet> sets, Pager pager, PermissionSet edited, List<ManagedPolicy> awsManaged) {

    /** Whether a managed policy is attached to the permission set being edited. */
    boolean attached(ManagedPolicy policy) {
      return edited != null && edited.managedPolicyArns().contains(policy.arn());
    }

    /** The edited set's managed policies that are not among the AWS managed choices. */
    String otherArns() {
      if (edited == null) {
        return "";
      }
      var known = awsManaged.stream().map(ManagedPolicy::arn).collect(Collectors.toSet());
      return edited.managedPolicyArns().stream()
          .filter(a -> !known.contains(a))
          .collect(Collectors.joining("\n"));
    }

    /** The edited set's duration in hours, or the default. */
    long hours() {
      return (edited == null ? PermissionSets.DEFAULT_SESSION_DURATION : edited.sessionDuration())
          .toHours();
    }
  }

  /** One assignment with the names people read. */
  record AssignmentRow(Assignment assignment, String principal, String account, String set) {}

  /**
   * {@code /admin/assignments}: one page of what exists (by account, permission set and principal),
   * and every choice for a new one.
   */
  record AssignmentsPage(
      List<AssignmentRow> rows,
      Pager pager,
      List<PortalUserView> users,
      List<Group> groups,
      List<Account> accounts,
      List<PermissionSet> sets) {}

  void register(RoutesConfig routes) {
    AdminArea a = AdminArea.ACCOUNTS;
    routes.get("/admin/accounts", site.admin(a, this::accounts));
    routes.post("/admin/accounts", site.adminForm(a, this::createAccount, this::accounts));
    AdminArea p = AdminArea.PERMISSION_SETS;
    routes.get("/admin/permission-sets", site.admin(p, this::permissionSets));
    routes.post("/admin/permission-sets", site.adminForm(p, this::createSet, this::permissionSets));
    routes.get("/admin/permission-sets/{id}", site.admin(p, this::permissionSet));
    routes.post(
        "/admin/permission-sets/{id}", site.adminForm(p, this::updateSet, this::permissionSet));
    routes.post(
        "/admin/permission-sets/{id}/delete",
        site.adminForm(p, this::deleteSet, this::permissionSet));
    AdminArea s = AdminArea.ASSIGNMENTS;
    routes.get("/admin/assignments", site.admin(s, this::assignments));
    routes.post("/admin/assignments", site.adminForm(s, this::assign, this::assignments));
    routes.post("/admin/assignments/remove", site.adminForm(s, this::unassign, this::assignments));
  }

  /** Every account, by id. */
  private List<Account> allAccounts() {
    var all = new ArrayList<Account>();
    String marker = null;
    do {
      Page<Account> page = accounts.list(marker, Page.MAX_ITEMS);
      all.addAll(page.items());
      marker = page.nextMarker();
    } while (marker != null);
    return all;
  }

  private void accounts(Context ctx, Visitor v) {
    int page = Pager.requested(ctx);
    List<Account> all = allAccounts();
    site.render(
        ctx,
        "adminAccounts",
        site.frame(ctx, v, "Accounts", AdminArea.ACCOUNTS.section()),
        new AccountsPage(
            Pager.items(all, page),
            Pager.over(all, page, AdminArea.ACCOUNTS.path(), Map.of()),
            accounts.management().id()));
  }

  private void createAccount(Context ctx, Visitor v) {
    CreateAccountRequest request =
        accounts.create(
            Forms.text(ctx, "name"),
            Forms.text(ctx, "email"),
            Forms.optional(ctx, "role"),
            v.origin());
    if (request.state() != CreateAccountRequest.State.SUCCEEDED) {
      throw new PortalException.Invalid(
          "email",
          "EMAIL_ALREADY_EXISTS".equals(request.failureReason())
              ? "An account with that email address exists already."
              : "The account was not created: " + request.failureReason() + ".");
    }
    Site.redirect(ctx, "/admin/accounts?notice=account-created");
  }

  private List<ManagedPolicy> awsManaged() {
    return db.policies().list("aws", null, null, 1000).items();
  }

  private void permissionSets(Context ctx, Visitor v) {
    int page = Pager.requested(ctx);
    List<PermissionSet> all = permissionSets.list();
    site.render(
        ctx,
        "adminPermissionSets",
        site.frame(ctx, v, "Permission sets", AdminArea.PERMISSION_SETS.section()),
        new PermissionSetsPage(
            Pager.items(all, page),
            Pager.over(all, page, AdminArea.PERMISSION_SETS.path(), Map.of()),
            null,
            awsManaged()));
  }

  private void permissionSet(Context ctx, Visitor v) {
    String id = ctx.pathParam("id");
    PermissionSet set =
        permissionSets
            .find(id)
            .orElseThrow(() -> new PortalException.NotFound("permission set", id));
    site.render(
        ctx,
        "adminPermissionSet",
        site.frame(ctx, v, "Permission set " + set.name(), AdminArea.PERMISSION_SETS.section()),
        new PermissionSetsPage(
            List.of(),
            Pager.over(List.of(), 1, AdminArea.PERMISSION_SETS.path(), Map.of()),
            set,
            awsManaged()));
  }

  private PermissionSets.Definition definition(Context ctx) {
    var arns = new LinkedHashSet<String>(ctx.formParams("managed"));
    for (String line : Forms.text(ctx, "otherArns").split("[\\s,]+")) {
      if (!line.isEmpty()) {
        arns.add(line);
      }
    }
    String hours = Forms.text(ctx, "hours");
    Duration duration;
    try {
      duration = Duration.ofHours(Long.parseLong(hours));
    } catch (NumberFormatException e) {
      throw new PortalException.Invalid(
          "sessionDuration", "The session duration must be a whole number of hours, 1 to 12.");
    }
    return new PermissionSets.Definition(
        Forms.optional(ctx, "description"),
        duration,
        Forms.optional(ctx, "inlinePolicy"),
        new ArrayList<>(arns));
  }

  private void createSet(Context ctx, Visitor v) {
    PermissionSet set = permissionSets.create(Forms.text(ctx, "name"), definition(ctx), v.origin());
    Site.redirect(ctx, "/admin/permission-sets/" + set.id() + "?notice=permission-set-created");
  }

  private void updateSet(Context ctx, Visitor v) {
    String id = ctx.pathParam("id");
    permissionSets.update(id, definition(ctx), v.origin());
    Site.redirect(ctx, "/admin/permission-sets/" + id + "?notice=permission-set-updated");
  }

  private void deleteSet(Context ctx, Visitor v) {
    permissionSets.delete(ctx.pathParam("id"), v.origin());
    Site.redirect(ctx, "/admin/permission-sets?notice=permission-set-deleted");
  }

  private void assignments(Context ctx, Visitor v) {
    int page = Pager.requested(ctx);
    List<Assignment> all = assignments.list();
    List<PortalUserView> userList = users.list();
    List<Group> groupList = groups.list();
    List<Account> accountList = allAccounts();
    List<PermissionSet> sets = permissionSets.list();
    Map<String, String> userNames =
        userList.stream().collect(Collectors.toMap(u -> u.user().id(), u -> u.user().name()));
    Map<String, String> groupNames =
        groupList.stream().collect(Collectors.toMap(Group::id, Group::name));
    Map<String, String> accountNames =
        accountList.stream().collect(Collectors.toMap(Account::id, Account::name));
    Map<String, String> setNames =
        sets.stream().collect(Collectors.toMap(PermissionSet::id, PermissionSet::name));
    Function<Assignment, String> principal =
        a ->
            a.principalType() == Assignment.PrincipalType.USER
                ? userNames.getOrDefault(a.principalId(), a.principalId())
                : groupNames.getOrDefault(a.principalId(), a.principalId());
    List<AssignmentRow> rows =
        Pager.items(all, page).stream()
            .map(
                a ->
                    new AssignmentRow(
                        a,
                        principal.apply(a),
                        accountNames.getOrDefault(a.accountId(), a.accountId()),
                        setNames.getOrDefault(a.permissionSetId(), a.permissionSetId())))
            .toList();
    site.render(
        ctx,
        "adminAssignments",
        site.frame(ctx, v, "Assignments", AdminArea.ASSIGNMENTS.section()),
        new AssignmentsPage(
            rows,
            Pager.over(all, page, AdminArea.ASSIGNMENTS.path(), Map.of()),
            userList,
            groupList,
            accountList,
            sets));
  }

  /** {@code USER:AIDA...} or {@code GROUP:id}, as the form's principal choices carry them. */
  private static Assignment.PrincipalType type(String principal) {
    if (principal.startsWith("USER:")) {
      return Assignment.PrincipalType.USER;
    }
    if (principal.startsWith("GROUP:")) {
      return Assignment.PrincipalType.GROUP;
    }
    throw new PortalException.Invalid("principal", "Choose a user or a group.");
  }

  private static String principalId(String principal) {
    return principal.substring(principal.indexOf(':') + 1);
  }

  private void assign(Context ctx, Visitor v) {
    String principal = Forms.text(ctx, "principal");
    assignments.assign(
        type(principal),
        principalId(principal),
        Forms.text(ctx, "account"),
        Forms.text(ctx, "permissionSet"),
        v.origin());
    Site.redirect(ctx, "/admin/assignments?notice=assigned");
  }

  private void unassign(Context ctx, Visitor v) {
    String principal = Forms.text(ctx, "principal");
    assignments.unassign(
        type(principal),
        principalId(principal),
        Forms.text(ctx, "account"),
        Forms.text(ctx, "permissionSet"),
        v.origin());
    Site.redirect(ctx, "/admin/assignments?notice=unassigned");
  }
}
