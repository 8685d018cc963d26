package dev.stint.server.store;

import dev.stint.server.store.StoreException.Blocker;
import dev.stint.server.store.StoreException.EntityType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link GroupRepository} in portable SQL. Thread-safe: state lives in the database. */
final class JdbiGroupRepository implements GroupRepository {

  private static final String COLUMNS = "id, name, description, created_ms";

  private final Jdbi jdbi;

  JdbiGroupRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Group create(Group group) {
    try {
      return jdbi.inTransaction(
          handle -> {
            if (find(handle, group.id()).isPresent()) {
              throw new StoreException.EntityAlreadyExists(EntityType.GROUP, group.id());
            }
            if (findByName(handle, group.name()).isPresent()) {
              throw new StoreException.EntityAlreadyExists(EntityType.GROUP, group.name());
            }
            handle
                .createUpdate(
                    "INSERT INTO portal_groups (id, name, name_lower, description, created_ms)"
                        + " VALUES (:id, :name, :nameLower, :description, :created)")
                .bind("id", group.id())
                .bind("name", group.name())
                .bind("nameLower", Sql.lower(group.name()))
                .bind("description", group.description())
                .bind("created", Sql.millis(group.created()))
                .execute();
            return group;
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.GROUP, group.name());
      }
      throw e;
    }
  }

  @Override
  public Optional<Group> find(String groupId) {
    return jdbi.withHandle(handle -> find(handle, groupId));
  }

  @Override
  public Optional<Group> findByName(String name) {
    return jdbi.withHandle(handle -> findByName(handle, name));
  }

  @Override
  public List<Group> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM portal_groups ORDER BY name_lower")
                .map(JdbiGroupRepository::group)
                .list());
  }

  @Override
  public Group update(Group group) {
    try {
      return jdbi.inTransaction(
          handle -> {
            if (find(handle, group.id()).isEmpty()) {
              throw new StoreException.NoSuchEntity(EntityType.GROUP, group.id());
            }
            Optional<Group> named = findByName(handle, group.name());
            if (named.isPresent() && !named.get().id().equals(group.id())) {
              throw new StoreException.EntityAlreadyExists(EntityType.GROUP, group.name());
            }
            handle
                .createUpdate(
                    "UPDATE portal_groups SET name = :name, name_lower = :nameLower,"
                        + " description = :description WHERE id = :id")
                .bind("id", group.id())
                .bind("name", group.name())
                .bind("nameLower", Sql.lower(group.name()))
                .bind("description", group.description())
                .execute();
            return find(handle, group.id()).orElseThrow();
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.GROUP, group.name());
      }
      throw e;
    }
  }

  @Override
  public void delete(String groupId) {
    jdbi.useTransaction(
        handle -> {
          if (find(handle, groupId).isEmpty()) {
            throw new StoreException.NoSuchEntity(EntityType.GROUP, groupId);
          }
          if (Sql.count(
                  handle,
                  "SELECT COUNT(*) FROM assignments WHERE principal_type = 'GROUP'"
                      + " AND principal_id = :id",
                  "id",
                  groupId)
              > 0) {
            throw new StoreException.DeleteConflict(EntityType.GROUP, groupId, Blocker.ASSIGNMENTS);
          }
          handle
              .createUpdate("DELETE FROM group_members WHERE group_id = :id")
              .bind("id", groupId)
              .execute();
          handle
              .createUpdate("DELETE FROM portal_groups WHERE id = :id")
              .bind("id", groupId)
              .execute();
        });
  }

  @Override
  public void addMember(String groupId, String userId) {
    try {
      jdbi.useTransaction(
          handle -> {
            if (find(handle, groupId).isEmpty()) {
              throw new StoreException.NoSuchEntity(EntityType.GROUP, groupId);
            }
            if (Sql.count(handle, "SELECT COUNT(*) FROM users WHERE id = :id", "id", userId) == 0) {
              throw new StoreException.NoSuchEntity(EntityType.USER, userId);
            }
            int present =
                handle
                    .createQuery(
                        "SELECT COUNT(*) FROM group_members WHERE group_id = :g AND user_id = :u")
                    .bind("g", groupId)
                    .bind("u", userId)
                    .mapTo(Integer.class)
                    .one();
            if (present == 0) {
              handle
                  .createUpdate("INSERT INTO group_members (group_id, user_id) VALUES (:g, :u)")
                  .bind("g", groupId)
                  .bind("u", userId)
                  .execute();
            }
          });
    } catch (UnableToExecuteStatementException e) {
      if (!Sql.isUniqueViolation(e)) {
        throw e;
      }
      // Another request added the same member first: the outcome is the one asked for.
    }
  }

  @Override
  public void removeMember(String groupId, String userId) {
    int removed =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate("DELETE FROM group_members WHERE group_id = :g AND user_id = :u")
                    .bind("g", groupId)
                    .bind("u", userId)
                    .execute());
    if (removed == 0) {
      throw new StoreException.NoSuchEntity(EntityType.GROUP_MEMBER, userId);
    }
  }

  @Override
  public List<String> listMembers(String groupId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT user_id FROM group_members WHERE group_id = :g ORDER BY user_id")
                .bind("g", groupId)
                .mapTo(String.class)
                .list());
  }

  @Override
  public List<Group> listGroupsOf(String userId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT g.id, g.name, g.description, g.created_ms FROM portal_groups g"
                        + " JOIN group_members m ON m.group_id = g.id WHERE m.user_id = :u"
                        + " ORDER BY g.name_lower")
                .bind("u", userId)
                .map(JdbiGroupRepository::group)
                .list());
  }

  private static Optional<Group> find(Handle handle, String groupId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM portal_groups WHERE id = :id")
        .bind("id", groupId)
        .map(JdbiGroupRepository::group)
        .findOne();
  }

  private static Optional<Group> findByName(Handle handle, String name) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM portal_groups WHERE name_lower = :name")
        .bind("name", Sql.lower(name))
        .map(JdbiGroupRepository::group)
        .findOne();
  }

  private static Group group(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Group(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("description"),
        Sql.instant(rs, "created_ms"));
  }
}
