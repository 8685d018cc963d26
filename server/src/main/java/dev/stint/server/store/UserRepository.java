package dev.stint.server.store;

import java.util.Optional;

/**
 * The user aggregate: users with their tags, inline policies and login profile. Access keys and MFA
 * devices have their own repositories. Implementations are thread-safe; every method is one
 * transaction.
 *
 * <p>Names compare without case, as IAM's do: {@code Alice} and {@code alice} cannot both exist in
 * one account, and either finds the other.
 */
public interface UserRepository extends InlinePolicies {

  /**
   * Stores a new user and its tags together.
   *
   * @throws StoreException.EntityAlreadyExists if the account already has a user by that name
   * @throws StoreException.NoSuchEntity if the account does not exist
   */
  User create(User user);

  Optional<User> findByName(String accountId, String name);

  Optional<User> findById(String userId);

  /**
   * IAM's ListUsers: the account's users whose path starts with {@code pathPrefix} ({@code null}
   * for all), ordered by name, after {@code marker} ({@code null} for the first page).
   *
   * @throws StoreException.InvalidMarker for a marker this store did not hand out
   */
  Page<User> list(String accountId, String pathPrefix, String marker, int maxItems);

  /**
   * Replaces the name, path, ARN and tags of the user with this id. Policy attachments follow a
   * changed ARN.
   *
   * @throws StoreException.NoSuchEntity if there is no such user
   * @throws StoreException.EntityAlreadyExists if the new name is another user's
   */
  User update(User user);

  /**
   * Deletes a user that nothing depends on any more.
   *
   * @throws StoreException.NoSuchEntity if there is no such user
   * @throws StoreException.DeleteConflict while it has access keys, a login profile, MFA devices,
   *     inline policies or attached policies
   */
  void delete(String accountId, String name);

  /**
   * @throws StoreException.NoSuchEntity if there is no such user
   * @throws StoreException.EntityAlreadyExists if the user already has one
   */
  void createLoginProfile(LoginProfile profile);

  /**
   * Replaces the password hash and the reset flag.
   *
   * @throws StoreException.NoSuchEntity if the user has no login profile
   */
  void updateLoginProfile(LoginProfile profile);

  Optional<LoginProfile> findLoginProfile(String userId);

  /**
   * @throws StoreException.NoSuchEntity if the user has no login profile
   */
  void deleteLoginProfile(String userId);
}
