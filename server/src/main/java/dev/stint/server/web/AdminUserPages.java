package dev.stint.server.web;

import dev.stint.server.portal.Groups;
import dev.stint.server.portal.PortalException;
import dev.stint.server.portal.PortalUsers;
import dev.stint.server.portal.PortalUsers.PortalUserView;
import dev.stint.server.store.Group;
import dev.stint.server.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Administration of people: users ({@code /admin/users}: create, disable, set a password, require
 * or reset MFA, lift a lockout) and groups ({@code /admin/groups}: create, rename, delete, add and
 * remove members). Each change goes through the portal services, which audit it. Thread-safe.
 */
final class AdminUserPages {
  private final Site site;
  private final PortalUsers users;
  private final Groups groups;

  AdminUserPages(Site site, PortalUsers users, Groups groups) {
    this.site = site;
    this.users = users;
    this.groups = groups;
  }

  /** {@code /admin/users}: one page of the users, by name. */
  record UsersPage(List<PortalUserView> users, Pager pager) {}

  /**
   * {@code /admin/users/{id}}.
   *
   * @param self whether the administrator is looking at their own user
   */
  record UserPage(PortalUserView user, List<Group> groups, boolean self) {}

  /** A group and how many members it has. */
  record GroupRow(Group group, int members) {}

  /** {@code /admin/groups}: one page of the groups, by name. */
  record GroupsPage(List<GroupRow> groups, Pager pager) {}

  /** {@code /admin/groups/{id}}: its members, and the users who could join. */
  record GroupPage(Group group, List<User> members, List<User> others) {}

  void register(RoutesConfig routes) {
    AdminArea u = AdminArea.USERS;
    routes.get("/admin", site.signedIn(this::adminHome));
    routes.get("/admin/users", site.admin(u, this::users));
    routes.post("/admin/users", site.adminForm(u, this::createUser, this::users));
    routes.get("/admin/users/{id}", site.admin(u, this::user));
    routes.post("/admin/users/{id}/password", site.adminForm(u, this::setPassword, this::user));
    routes.post("/admin/users/{id}/disable", site.adminForm(u, this::disable, this::user));
    routes.post("/admin/users/{id}/enable", site.adminForm(u, this::enable, this::user));
    routes.post("/admin/users/{id}/mfa-required", site.adminForm(u, this::requireMfa, this::user));
    routes.post("/admin/users/{id}/mfa-reset", site.adminForm(u, this::resetMfa, this::user));
    routes.post("/admin/users/{id}/unlock", site.adminForm(u, this::unlock, this::user));
    AdminArea g = AdminArea.GROUPS;
    routes.get("/admin/groups", site.admin(g, this::groups));
    routes.post("/admin/groups", site.adminForm(g, this::createGroup, this::groups));
    routes.get("/admin/groups/{id}", site.admin(g, this::group));
    routes.post("/admin/groups/{id}", site.adminForm(g, this::updateGroup, this::group));
    routes.post("/admin/groups/{id}/delete", site.adminForm(g, this::deleteGroup, this::group));
    routes.post("/admin/groups/{id}/members", site.adminForm(g, this::addMember, this::group));
    routes.post(
        "/admin/groups/{id}/members/remove", site.adminForm(g, this::removeMember, this::group));
  }

  private void adminHome(Context ctx, Visitor v) {
    if (v.areaList().isEmpty()) {
      site.message(ctx, v, 403, "Not allowed", "Your policies allow no administration.");
    } else {
      Site.redirect(ctx, v.areaList().get(0).path());
    }
  }

  private void users(Context ctx, Visitor v) {
    int page = Pager.requested(ctx);
    List<PortalUserView> all = users.list();
    site.render(
        ctx,
        "adminUsers",
        site.frame(ctx, v, "Users", AdminArea.USERS.section()),
        new UsersPage(
            Pager.items(all, page), Pager.over(all, page, AdminArea.USERS.path(), Map.of())));
  }

  private void createUser(Context ctx, Visitor v) {
    char[] password = Forms.chars(ctx, "password");
    try {
      User user =
          users.create(Forms.text(ctx, "name"), password, Forms.checked(ctx, "reset"), v.origin());
      if (Forms.checked(ctx, "mfa")) {
        users.setMfaRequired(user.id(), true, v.origin());
      }
      Site.redirect(ctx, "/admin/users/" + user.id() + "?notice=user-created");
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private void user(Context ctx, Visitor v) {
    PortalUserView user = requireUser(ctx);
    site.render(
        ctx,
        "adminUser",
        site.frame(ctx, v, "User " + user.user().name(), AdminArea.USERS.section()),
        new UserPage(
            user, groups.groupsOf(user.user().id()), user.user().id().equals(v.user().id())));
  }

  private void setPassword(Context ctx, Visitor v) {
    String id = ctx.pathParam("id");
    char[] password = Forms.chars(ctx, "password");
    try {
      users.setPassword(id, password, Forms.checked(ctx, "reset"), v.origin());
    } finally {
      Arrays.fill(password, '\0');
    }
    Site.redirect(ctx, "/admin/users/" + id + "?notice=password-set");
  }

  private void disable(Context ctx, Visitor v) {
    String id = ctx.pathParam("id");
    if (id.equals(v.user().id())) {
      throw new PortalException.Invalid("user", "You cannot disable yourself.");
    }
    users.setDisabled(id, true, v.origin());
    Site.redirect(ctx, "/admin/users/" + id + "?notice=user-disabled");
  }

  private void enable(Context ctx, Visitor v) {
    String id = ctx.pathParam("id");
    users.setDisabled(id, false, v.origin());
    Site.redirect(ctx, "/admin/users/" + id + "?notice=user-enabled");
  }

  private void requireMfa(Context ctx, Visitor v) {
    String id = ctx.pathParam("id");
    boolean required = Forms.checked(ctx, "required");
    users.setMfaRequired(id, required, v.origin());
    Site.redirect(
        ctx, "/admin/users/" + id + "?notice=" + (required ? "mfa-required" : "mfa-optional"));
  }

  private void resetMfa(Context ctx, Visitor v) {
    String id = ctx.pathParam("id");
    users.resetMfa(id, v.origin());
    Site.redirect(ctx, "/admin/users/" + id + "?notice=mfa-reset");
  }

  private void unlock(Context ctx, Visitor v) {
    String id = ctx.pathParam("id");
    users.unlock(id, v.origin());
    Site.redirect(ctx, "/admin/users/" + id + "?notice=user-unlocked");
  }

  private PortalUserView requireUser(Context ctx) {
    String id = ctx.pathParam("id");
    return users.find(id).orElseThrow(() -> new PortalException.NotFound("user", id));
  }

  private void groups(Context ctx, Visitor v) {
    int page = Pager.requested(ctx);
    List<Group> all = groups.list();
    site.render(
        ctx,
        "adminGroups",
        site.frame(ctx, v, "Groups", AdminArea.GROUPS.section()),
        new GroupsPage(
            Pager.items(all, page).stream()
                .map(g -> new GroupRow(g, groups.members(g.id()).size()))
                .toList(),
            Pager.over(all, page, AdminArea.GROUPS.path(), Map.of())));
  }

  private void createGroup(Context ctx, Visitor v) {
    Group group =
        groups.create(Forms.text(ctx, "name"), Forms.optional(ctx, "description"), v.origin());
    Site.redirect(ctx, "/admin/groups/" + group.id() + "?notice=group-created");
  }

  private void group(Context ctx, Visitor v) {
    String id = ctx.pathParam("id");
    Group group = groups.find(id).orElseThrow(() -> new PortalException.NotFound("group", id));
    List<User> members = groups.members(id);
    Set<String> memberIds = members.stream().map(User::id).collect(Collectors.toSet());
    List<User> others =
        users.list().stream()
            .map(PortalUserView::user)
            .filter(u -> !memberIds.contains(u.id()))
            .toList();
    site.render(
        ctx,
        "adminGroup",
        site.frame(ctx, v, "Group " + group.name(), AdminArea.GROUPS.section()),
        new GroupPage(group, members, others));
  }

  private void updateGroup(Context ctx, Visitor v) {
    String id = ctx.pathParam("id");
    groups.update(id, Forms.text(ctx, "name"), Forms.optional(ctx, "description"), v.origin());
    Site.redirect(ctx, "/admin/groups/" + id + "?notice=group-updated");
  }

  private void deleteGroup(Context ctx, Visitor v) {
    groups.delete(ctx.pathParam("id"), v.origin());
    Site.redirect(ctx, "/admin/groups?notice=group-deleted");
  }

  private void addMember(Context ctx, Visitor v) {
    String id = ctx.pathParam("id");
    groups.addMember(id, Forms.text(ctx, "user"), v.origin());
    Site.redirect(ctx, "/admin/groups/" + id + "?notice=member-added");
  }

  private void removeMember(Context ctx, Visitor v) {
    String id = ctx.pathParam("id");
    groups.removeMember(id, Forms.text(ctx, "user"), v.origin());
    Site.redirect(ctx, "/admin/groups/" + id + "?notice=member-removed");
  }
}
