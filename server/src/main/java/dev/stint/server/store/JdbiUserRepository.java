package dev.stint.server.store;

import dev.stint.server.store.StoreException.Blocker;
import dev.stint.server.store.StoreException.EntityType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link UserRepository} in portable SQL. Thread-safe: state lives in the database. */
final class JdbiUserRepository implements UserRepository {

  private static final String COLUMNS = "id, account_id, name, path, arn, created_ms";
  private static final String TAGS = "user_tags";
  private static final String TAG_OWNER = "user_id";

  private final Jdbi jdbi;
  private final InlinePolicyTable policies;

  JdbiUserRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.policies =
        new InlinePolicyTable(
            jdbi, "users", "user_policies", "user_id", EntityType.USER, EntityType.USER_POLICY);
  }

  @Override
  public User create(User user) {
    try {
      return jdbi.inTransaction(
          handle -> {
            if (Sql.count(
                    handle, "SELECT COUNT(*) FROM accounts WHERE id = :id", "id", user.accountId())
                == 0) {
              throw new StoreException.NoSuchEntity(EntityType.ACCOUNT, user.accountId());
            }
            if (findByName(handle, user.accountId(), user.name()).isPresent()) {
              throw new StoreException.EntityAlreadyExists(EntityType.USER, user.name());
            }
            handle
                .createUpdate(
                    "INSERT INTO users (id, account_id, name, name_lower, path, arn, created_ms)"
                        + " VALUES (:id, :account, :name, :nameLower, :path, :arn, :created)")
                .bind("id", user.id())
                .bind("account", user.accountId())
                .bind("name", user.name())
                .bind("nameLower", Sql.lower(user.name()))
                .bind("path", user.path())
                .bind("arn", user.arn())
                .bind("created", Sql.millis(user.created()))
                .execute();
            Sql.insertTags(handle, TAGS, TAG_OWNER, user.id(), user.tags());
            return user;
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.USER, user.name());
      }
      throw e;
    }
  }

  @Override
  public Optional<User> findByName(String accountId, String name) {
    return jdbi.withHandle(handle -> findByName(handle, accountId, name));
  }

  @Override
  public Optional<User> findById(String userId) {
    return jdbi.withHandle(handle -> findById(handle, userId));
  }

  @Override
  public Page<User> list(String accountId, String pathPrefix, String marker, int maxItems) {
    Sql.checkMaxItems(maxItems);
    String prefix = Sql.pathPrefix(pathPrefix);
    String after = Sql.afterKey(marker);
    List<User> rows =
        jdbi.withHandle(
            handle ->
                withTags(
                    handle,
                    handle
                        .createQuery(
                            "SELECT "
                                + COLUMNS
                                + " FROM users WHERE account_id = :account"
                                + " AND substr(path, 1, :prefixLength) = :prefix"
                                + " AND name_lower > :after ORDER BY name_lower LIMIT :limit")
                        .bind("account", accountId)
                        .bind("prefixLength", prefix.length())
                        .bind("prefix", prefix)
                        .bind("after", after)
                        .bind("limit", maxItems + 1)
                        .map(JdbiUserRepository::user)
                        .list()));
    return Sql.page(rows, maxItems, user -> Sql.lower(user.name()));
  }

  @Override
  public User update(User user) {
    try {
      return jdbi.inTransaction(
          handle -> {
            User existing =
                findById(handle, user.id())
                    .orElseThrow(
                        () -> new StoreException.NoSuchEntity(EntityType.USER, user.name()));
            if (!existing.accountId().equals(user.accountId())) {
              throw new IllegalArgumentException(
                  "User " + user.id() + " cannot move to account " + user.accountId());
            }
            Optional<User> sameName = findByName(handle, user.accountId(), user.name());
            if (sameName.isPresent() && !sameName.get().id().equals(user.id())) {
              throw new StoreException.EntityAlreadyExists(EntityType.USER, user.name());
            }
            handle
                .createUpdate(
                    "UPDATE users SET name = :name, name_lower = :nameLower, path = :path,"
                        + " arn = :arn WHERE id = :id")
                .bind("name", user.name())
                .bind("nameLower", Sql.lower(user.name()))
                .bind("path", user.path())
                .bind("arn", user.arn())
                .bind("id", user.id())
                .execute();
            Sql.deleteTags(handle, TAGS, TAG_OWNER, user.id());
            Sql.insertTags(handle, TAGS, TAG_OWNER, user.id(), user.tags());
            if (!existing.arn().equals(user.arn())) {
              handle
                  .createUpdate(
                      "UPDATE policy_attachments SET principal_arn = :newArn"
                          + " WHERE principal_arn = :oldArn")
                  .bind("newArn", user.arn())
                  .bind("oldArn", existing.arn())
                  .execute();
            }
            return new User(
                user.id(),
                user.accountId(),
                user.name(),
                user.path(),
                user.arn(),
                existing.created(),
                user.tags());
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.USER, user.name());
      }
      throw e;
    }
  }

  @Override
  public void delete(String accountId, String name) {
    jdbi.useTransaction(
        handle -> {
          User user =
              findByName(handle, accountId, name)
                  .orElseThrow(() -> new StoreException.NoSuchEntity(EntityType.USER, name));
          String id = user.id();
          blockIfAny(
              handle,
              user,
              "SELECT COUNT(*) FROM login_profiles WHERE user_id = :v",
              id,
              Blocker.LOGIN_PROFILE);
          blockIfAny(
              handle,
              user,
              "SELECT COUNT(*) FROM access_keys WHERE user_id = :v",
              id,
              Blocker.ACCESS_KEYS);
          blockIfAny(
              handle,
              user,
              "SELECT COUNT(*) FROM mfa_devices WHERE user_id = :v",
              id,
              Blocker.MFA_DEVICES);
          blockIfAny(
              handle,
              user,
              "SELECT COUNT(*) FROM user_policies WHERE user_id = :v",
              id,
              Blocker.INLINE_POLICIES);
          blockIfAny(
              handle,
              user,
              "SELECT COUNT(*) FROM policy_attachments WHERE principal_arn = :v",
              user.arn(),
              Blocker.ATTACHED_POLICIES);
          Sql.deleteTags(handle, TAGS, TAG_OWNER, id);
          handle.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute();
        });
  }

  @Override
  public void putPolicy(String userId, InlinePolicy policy) {
    policies.put(userId, policy);
  }

  @Override
  public Optional<InlinePolicy> findPolicy(String userId, String policyName) {
    return policies.find(userId, policyName);
  }

  @Override
  public List<InlinePolicy> listPolicies(String userId) {
    return policies.list(userId);
  }

  @Override
  public void deletePolicy(String userId, String policyName) {
    policies.delete(userId, policyName);
  }

  @Override
  public void createLoginProfile(LoginProfile profile) {
    try {
      jdbi.useTransaction(
          handle -> {
            requireUser(handle, profile.userId());
            if (findLoginProfile(handle, profile.userId()).isPresent()) {
              throw new StoreException.EntityAlreadyExists(
                  EntityType.LOGIN_PROFILE, profile.userId());
            }
            handle
                .createUpdate(
                    "INSERT INTO login_profiles"
                        + " (user_id, password_hash, password_reset_required, created_ms)"
                        + " VALUES (:user, :hash, :reset, :created)")
                .bind("user", profile.userId())
                .bind("hash", profile.passwordHash())
                .bind("reset", profile.passwordResetRequired() ? 1 : 0)
                .bind("created", Sql.millis(profile.created()))
                .execute();
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.LOGIN_PROFILE, profile.userId());
      }
      throw e;
    }
  }

  @Override
  public void updateLoginProfile(LoginProfile profile) {
    int updated =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE login_profiles SET password_hash = :hash,"
                            + " password_reset_required = :reset WHERE user_id = :user")
                    .bind("hash", profile.passwordHash())
                    .bind("reset", profile.passwordResetRequired() ? 1 : 0)
                    .bind("user", profile.userId())
                    .execute());
    if (updated == 0) {
      throw new StoreException.NoSuchEntity(EntityType.LOGIN_PROFILE, profile.userId());
    }
  }

  @Override
  public Optional<LoginProfile> findLoginProfile(String userId) {
    return jdbi.withHandle(handle -> findLoginProfile(handle, userId));
  }

  @Override
  public void deleteLoginProfile(String userId) {
    int deleted =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate("DELETE FROM login_profiles WHERE user_id = :user")
                    .bind("user", userId)
                    .execute());
    if (deleted == 0) {
      throw new StoreException.NoSuchEntity(EntityType.LOGIN_PROFILE, userId);
    }
  }

  private static Optional<LoginProfile> findLoginProfile(Handle handle, String userId) {
    return handle
        .createQuery(
            "SELECT user_id, password_hash, password_reset_required, created_ms"
                + " FROM login_profiles WHERE user_id = :user")
        .bind("user", userId)
        .map(
            (rs, ctx) ->
                new LoginProfile(
                    rs.getString("user_id"),
                    rs.getString("password_hash"),
                    Sql.bool(rs, "password_reset_required"),
                    Sql.instant(rs, "created_ms")))
        .findOne();
  }

  private static void blockIfAny(
      Handle handle, User user, String countSql, String value, Blocker blocker) {
    if (Sql.count(handle, countSql, "v", value) > 0) {
      throw new StoreException.DeleteConflict(EntityType.USER, user.name(), blocker);
    }
  }

  private static void requireUser(Handle handle, String userId) {
    if (Sql.count(handle, "SELECT COUNT(*) FROM users WHERE id = :id", "id", userId) == 0) {
      throw new StoreException.NoSuchEntity(EntityType.USER, userId);
    }
  }

  private static Optional<User> findByName(Handle handle, String accountId, String name) {
    List<User> rows =
        handle
            .createQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM users WHERE account_id = :account AND name_lower = :nameLower")
            .bind("account", accountId)
            .bind("nameLower", Sql.lower(name))
            .map(JdbiUserRepository::user)
            .list();
    return withTags(handle, rows).stream().findFirst();
  }

  private static Optional<User> findById(Handle handle, String userId) {
    List<User> rows =
        handle
            .createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
            .bind("id", userId)
            .map(JdbiUserRepository::user)
            .list();
    return withTags(handle, rows).stream().findFirst();
  }

  private static List<User> withTags(Handle handle, List<User> users) {
    Map<String, Map<String, String>> tags =
        Sql.loadTags(handle, TAGS, TAG_OWNER, users.stream().map(User::id).toList());
    return users.stream()
        .map(
            u ->
                new User(
                    u.id(),
                    u.accountId(),
                    u.name(),
                    u.path(),
                    u.arn(),
                    u.created(),
                    tags.getOrDefault(u.id(), Map.of())))
        .toList();
  }

  private static User user(ResultSet rs, StatementContext ctx) throws SQLException {
    return new User(
        rs.getString("id"),
        rs.getString("account_id"),
        rs.getString("name"),
        rs.getString("path"),
        rs.getString("arn"),
        Sql.instant(rs, "created_ms"),
        Map.of());
  }
}
