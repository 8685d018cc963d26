package dev.stint.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Portal groups and their members. Implementations are thread-safe; every method is one
 * transaction. Group names compare without case.
 */
public interface GroupRepository {

  /**
   * @throws StoreException.EntityAlreadyExists if the id or the name is taken
   */
  Group create(Group group);

  Optional<Group> find(String groupId);

  Optional<Group> findByName(String name);

  /** Every group, ordered by name without case. */
  List<Group> list();

  /**
   * Replaces the name and description of the group with this id.
   *
   * @throws StoreException.NoSuchEntity if there is no such group
   * @throws StoreException.EntityAlreadyExists if the new name is another group's
   */
  Group update(Group group);

  /**
   * Deletes a group and its memberships.
   *
   * @throws StoreException.NoSuchEntity if there is no such group
   * @throws StoreException.DeleteConflict while the group has account assignments
   */
  void delete(String groupId);

  /**
   * Adds a user to a group; adding a member again changes nothing.
   *
   * @throws StoreException.NoSuchEntity if the group or the user does not exist
   */
  void addMember(String groupId, String userId);

  /**
   * @throws StoreException.NoSuchEntity if the user is not a member of the group
   */
  void removeMember(String groupId, String userId);

  /** The ids of the group's members, ordered. */
  List<String> listMembers(String groupId);

  /** The groups a user belongs to, ordered by name without case. */
  List<Group> listGroupsOf(String userId);
}
