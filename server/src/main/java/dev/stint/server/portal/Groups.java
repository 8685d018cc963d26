package dev.stint.server.portal;

import dev.stint.server.store.Database;
import dev.stint.server.store.Group;
import dev.stint.server.store.StoreException;
import dev.stint.server.store.User;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Portal groups: users who share account assignments. Thread-safe. */
public final class Groups {
  private final Database db;
  private final Secrets secrets;
  private final PortalAudit audit;
  private final Clock clock;

  Groups(Database db, Secrets secrets, PortalAudit audit, Clock clock) {
    this.db = db;
    this.secrets = secrets;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * @param description free text, or {@code null}
   * @throws PortalException.Invalid for an empty or over-long name or description
   * @throws PortalException.AlreadyExists when the name is taken (without case)
   */
  public Group create(String name, String description, Origin origin) {
    Group group =
        new Group(
            "g-" + secrets.hex(8), checkName(name), checkDescription(description), clock.instant());
    try {
      db.groups().create(group);
    } catch (StoreException.EntityAlreadyExists e) {
      throw new PortalException.AlreadyExists("group", group.name());
    }
    audit.success(origin, "CreateGroup", group.name(), null);
    return group;
  }

  /**
   * Renames a group or changes its description.
   *
   * @throws PortalException.NotFound when there is no such group
   * @throws PortalException.AlreadyExists when the new name is another group's
   */
  public Group update(String groupId, String name, String description, Origin origin) {
    Group old = require(groupId);
    Group group =
        new Group(old.id(), checkName(name), checkDescription(description), old.created());
    try {
      db.groups().update(group);
    } catch (StoreException.EntityAlreadyExists e) {
      throw new PortalException.AlreadyExists("group", group.name());
    } catch (StoreException.NoSuchEntity e) {
      throw new PortalException.NotFound("group", groupId);
    }
    audit.success(origin, "UpdateGroup", group.name(), "was " + old.name());
    return group;
  }

  /**
   * @throws PortalException.NotFound when there is no such group
   * @throws PortalException.InUse while the group has account assignments
   */
  public void delete(String groupId, Origin origin) {
    Group group = require(groupId);
    try {
      db.groups().delete(groupId);
    } catch (StoreException.DeleteConflict e) {
      throw new PortalException.InUse(
          "group", group.name(), "remove its account assignments first.");
    } catch (StoreException.NoSuchEntity e) {
      throw new PortalException.NotFound("group", groupId);
    }
    audit.success(origin, "DeleteGroup", group.name(), null);
  }

  /**
   * Adds a user to a group; adding a member again changes nothing.
   *
   * @throws PortalException.NotFound when the group or the user does not exist
   */
  public void addMember(String groupId, String userId, Origin origin) {
    Group group = require(groupId);
    User user =
        db.users().findById(userId).orElseThrow(() -> new PortalException.NotFound("user", userId));
    try {
      db.groups().addMember(groupId, userId);
    } catch (StoreException.NoSuchEntity e) {
      throw new PortalException.NotFound(e.type().label(), e.name());
    }
    audit.success(origin, "AddGroupMember", group.name(), "user=" + user.arn());
  }

  /**
   * @throws PortalException.NotFound when the user is not a member of the group
   */
  public void removeMember(String groupId, String userId, Origin origin) {
    Group group = require(groupId);
    try {
      db.groups().removeMember(groupId, userId);
    } catch (StoreException.NoSuchEntity e) {
      throw new PortalException.NotFound("group member", userId);
    }
    audit.success(origin, "RemoveGroupMember", group.name(), "user=" + userId);
  }

  public Optional<Group> find(String groupId) {
    return db.groups().find(groupId);
  }

  public Optional<Group> findByName(String name) {
    return db.groups().findByName(name);
  }

  /** Every group, ordered by name. */
  public List<Group> list() {
    return db.groups().list();
  }

  /** The group's members, ordered by user name. */
  public List<User> members(String groupId) {
    return db.groups().listMembers(groupId).stream()
        .map(id -> db.users().findById(id))
        .flatMap(Optional::stream)
        .sorted(java.util.Comparator.comparing(u -> u.name().toLowerCase(java.util.Locale.ROOT)))
        .toList();
  }

  /** The groups a user belongs to, ordered by name. */
  public List<Group> groupsOf(String userId) {
    return db.groups().listGroupsOf(userId);
  }

  Group require(String groupId) {
    return find(groupId).orElseThrow(() -> new PortalException.NotFound("group", groupId));
  }

  private static String checkName(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > 128 || n.chars().anyMatch(Character::isISOControl)) {
      throw new PortalException.Invalid(
          "name", "A group name must be 1 to 128 characters without control characters.");
    }
    return n;
  }

  private static String checkDescription(String description) {
    if (description == null || description.isBlank()) {
      return null;
    }
    String d = description.strip();
    if (d.length() > 1024) {
      throw new PortalException.Invalid(
          "description", "The description is longer than 1024 characters.");
    }
    return d;
  }
}
