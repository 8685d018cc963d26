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

/** {@link RoleRepository} in portable SQL. Thread-safe: state lives in the database. */
final class JdbiRoleRepository implements RoleRepository {

  private static final String COLUMNS =
      "id, account_id, name, path, arn, trust_policy, description, max_session_seconds, created_ms";
  private static final String TAGS = "role_tags";
  private static final String TAG_OWNER = "role_id";

  private final Jdbi jdbi;
  private final InlinePolicyTable policies;

  JdbiRoleRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.policies =
        new InlinePolicyTable(
            jdbi, "roles", "role_policies", "role_id", EntityType.ROLE, EntityType.ROLE_POLICY);
  }

  @Override
  public Role create(Role role) {
    try {
      return jdbi.inTransaction(
          handle -> {
            if (Sql.count(
                    handle, "SELECT COUNT(*) FROM accounts WHERE id = :id", "id", role.accountId())
                == 0) {
              throw new StoreException.NoSuchEntity(EntityType.ACCOUNT, role.accountId());
            }
            if (findByName(handle, role.accountId(), role.name()).isPresent()) {
              throw new StoreException.EntityAlreadyExists(EntityType.ROLE, role.name());
            }
            handle
                .createUpdate(
                    "INSERT INTO roles (id, account_id, name, name_lower, path, arn, trust_policy,"
                        + " description, max_session_seconds, created_ms) VALUES (:id, :account,"
                        + " :name, :nameLower, :path, :arn, :trust, :description, :maxSession,"
                        + " :created)")
                .bind("id", role.id())
                .bind("account", role.accountId())
                .bind("name", role.name())
                .bind("nameLower", Sql.lower(role.name()))
                .bind("path", role.path())
                .bind("arn", role.arn())
                .bind("trust", role.trustPolicy())
                .bind("description", role.description())
                .bind("maxSession", role.maxSessionDurationSeconds())
                .bind("created", Sql.millis(role.created()))
                .execute();
            Sql.insertTags(handle, TAGS, TAG_OWNER, role.id(), role.tags());
            return role;
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.ROLE, role.name());
      }
      throw e;
    }
  }

  @Override
  public Optional<Role> findByName(String accountId, String name) {
    return jdbi.withHandle(handle -> findByName(handle, accountId, name));
  }

  @Override
  public Optional<Role> findById(String roleId) {
    return jdbi.withHandle(
        handle ->
            withTags(
                    handle,
                    handle
                        .createQuery("SELECT " + COLUMNS + " FROM roles WHERE id = :id")
                        .bind("id", roleId)
                        .map(JdbiRoleRepository::role)
                        .list())
                .stream()
                .findFirst());
  }

  @Override
  public Page<Role> list(String accountId, String pathPrefix, String marker, int maxItems) {
    Sql.checkMaxItems(maxItems);
    String prefix = Sql.pathPrefix(pathPrefix);
    String after = Sql.afterKey(marker);
    List<Role> rows =
        jdbi.withHandle(
            handle ->
                withTags(
                    handle,
                    handle
                        .createQuery(
                            "SELECT "
                                + COLUMNS
                                + " FROM roles WHERE account_id = :account"
                                + " AND substr(path, 1, :prefixLength) = :prefix"
                                + " AND name_lower > :after ORDER BY name_lower LIMIT :limit")
                        .bind("account", accountId)
                        .bind("prefixLength", prefix.length())
                        .bind("prefix", prefix)
                        .bind("after", after)
                        .bind("limit", maxItems + 1)
                        .map(JdbiRoleRepository::role)
                        .list()));
    return Sql.page(rows, maxItems, role -> Sql.lower(role.name()));
  }

  @Override
  public Role update(Role role) {
    return jdbi.inTransaction(
        handle -> {
          Role existing =
              findByName(handle, role.accountId(), role.name())
                  .filter(found -> found.id().equals(role.id()))
                  .orElseThrow(() -> new StoreException.NoSuchEntity(EntityType.ROLE, role.name()));
          if (!existing.name().equals(role.name())
              || !existing.path().equals(role.path())
              || !existing.arn().equals(role.arn())) {
            throw new IllegalArgumentException(
                "Role " + role.id() + ": name, path and arn cannot change");
          }
          handle
              .createUpdate(
                  "UPDATE roles SET trust_policy = :trust, description = :description,"
                      + " max_session_seconds = :maxSession WHERE id = :id")
              .bind("trust", role.trustPolicy())
              .bind("description", role.description())
              .bind("maxSession", role.maxSessionDurationSeconds())
              .bind("id", role.id())
              .execute();
          Sql.deleteTags(handle, TAGS, TAG_OWNER, role.id());
          Sql.insertTags(handle, TAGS, TAG_OWNER, role.id(), role.tags());
          return new Role(
              role.id(),
              role.accountId(),
              role.name(),
              role.path(),
              role.arn(),
              role.trustPolicy(),
              role.description(),
              role.maxSessionDurationSeconds(),
              existing.created(),
              role.tags());
        });
  }

  @Override
  public void delete(String accountId, String name) {
    jdbi.useTransaction(
        handle -> {
          Role role =
              findByName(handle, accountId, name)
                  .orElseThrow(() -> new StoreException.NoSuchEntity(EntityType.ROLE, name));
          if (Sql.count(
                  handle, "SELECT COUNT(*) FROM role_policies WHERE role_id = :v", "v", role.id())
              > 0) {
            throw new StoreException.DeleteConflict(
                EntityType.ROLE, role.name(), Blocker.INLINE_POLICIES);
          }
          if (Sql.count(
                  handle,
                  "SELECT COUNT(*) FROM policy_attachments WHERE principal_arn = :v",
                  "v",
                  role.arn())
              > 0) {
            throw new StoreException.DeleteConflict(
                EntityType.ROLE, role.name(), Blocker.ATTACHED_POLICIES);
          }
          Sql.deleteTags(handle, TAGS, TAG_OWNER, role.id());
          handle.createUpdate("DELETE FROM roles WHERE id = :id").bind("id", role.id()).execute();
        });
  }

  @Override
  public void putPolicy(String roleId, InlinePolicy policy) {
    policies.put(roleId, policy);
  }

  @Override
  public Optional<InlinePolicy> findPolicy(String roleId, String policyName) {
    return policies.find(roleId, policyName);
  }

  @Override
  public List<InlinePolicy> listPolicies(String roleId) {
    return policies.list(roleId);
  }

  @Override
  public void deletePolicy(String roleId, String policyName) {
    policies.delete(roleId, policyName);
  }

  private static Optional<Role> findByName(Handle handle, String accountId, String name) {
    List<Role> rows =
        handle
            .createQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM roles WHERE account_id = :account AND name_lower = :nameLower")
            .bind("account", accountId)
            .bind("nameLower", Sql.lower(name))
            .map(JdbiRoleRepository::role)
            .list();
    return withTags(handle, rows).stream().findFirst();
  }

  private static List<Role> withTags(Handle handle, List<Role> roles) {
    Map<String, Map<String, String>> tags =
        Sql.loadTags(handle, TAGS, TAG_OWNER, roles.stream().map(Role::id).toList());
    return roles.stream()
        .map(
            r ->
                new Role(
                    r.id(),
                    r.accountId(),
                    r.name(),
                    r.path(),
                    r.arn(),
                    r.trustPolicy(),
                    r.description(),
                    r.maxSessionDurationSeconds(),
                    r.created(),
                    tags.getOrDefault(r.id(), Map.of())))
        .toList();
  }

  private static Role role(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Role(
        rs.getString("id"),
        rs.getString("account_id"),
        rs.getString("name"),
        rs.getString("path"),
        rs.getString("arn"),
        rs.getString("trust_policy"),
        rs.getString("description"),
        rs.getInt("max_session_seconds"),
        Sql.instant(rs, "created_ms"),
        Map.of());
  }
}
