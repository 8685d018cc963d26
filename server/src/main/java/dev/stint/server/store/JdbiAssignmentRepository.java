package dev.stint.server.store;

import dev.stint.server.store.Assignment.PrincipalType;
import dev.stint.server.store.StoreException.EntityType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link AssignmentRepository} in portable SQL. Thread-safe: state lives in the database. */
final class JdbiAssignmentRepository implements AssignmentRepository {

  private static final String COLUMNS =
      "principal_type, principal_id, account_id, permission_set_id, created_ms";
  private static final String ORDER =
      " ORDER BY account_id, permission_set_id, principal_type, principal_id";

  private final Jdbi jdbi;

  JdbiAssignmentRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Assignment create(Assignment a) {
    String key = describe(a.principalType(), a.principalId(), a.accountId(), a.permissionSetId());
    try {
      return jdbi.inTransaction(
          handle -> {
            if (Sql.count(
                    handle, "SELECT COUNT(*) FROM accounts WHERE id = :id", "id", a.accountId())
                == 0) {
              throw new StoreException.NoSuchEntity(EntityType.ACCOUNT, a.accountId());
            }
            if (Sql.count(
                    handle,
                    "SELECT COUNT(*) FROM permission_sets WHERE id = :id",
                    "id",
                    a.permissionSetId())
                == 0) {
              throw new StoreException.NoSuchEntity(EntityType.PERMISSION_SET, a.permissionSetId());
            }
            boolean user = a.principalType() == PrincipalType.USER;
            String principalTable = user ? "users" : "portal_groups";
            if (Sql.count(
                    handle,
                    "SELECT COUNT(*) FROM " + principalTable + " WHERE id = :id",
                    "id",
                    a.principalId())
                == 0) {
              throw new StoreException.NoSuchEntity(
                  user ? EntityType.USER : EntityType.GROUP, a.principalId());
            }
            if (exists(handle, a)) {
              throw new StoreException.EntityAlreadyExists(EntityType.ASSIGNMENT, key);
            }
            handle
                .createUpdate(
                    "INSERT INTO assignments ("
                        + COLUMNS
                        + ") VALUES (:type, :principal,"
                        + " :account, :ps, :created)")
                .bind("type", a.principalType().name())
                .bind("principal", a.principalId())
                .bind("account", a.accountId())
                .bind("ps", a.permissionSetId())
                .bind("created", Sql.millis(a.created()))
                .execute();
            return a;
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.ASSIGNMENT, key);
      }
      throw e;
    }
  }

  private static boolean exists(org.jdbi.v3.core.Handle handle, Assignment a) {
    return handle
            .createQuery(
                "SELECT COUNT(*) FROM assignments WHERE principal_type = :type AND principal_id ="
                    + " :principal AND account_id = :account AND permission_set_id = :ps")
            .bind("type", a.principalType().name())
            .bind("principal", a.principalId())
            .bind("account", a.accountId())
            .bind("ps", a.permissionSetId())
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  @Override
  public void delete(
      PrincipalType principalType, String principalId, String accountId, String permissionSetId) {
    int deleted =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "DELETE FROM assignments WHERE principal_type = :type AND principal_id ="
                            + " :principal AND account_id = :account AND permission_set_id = :ps")
                    .bind("type", principalType.name())
                    .bind("principal", principalId)
                    .bind("account", accountId)
                    .bind("ps", permissionSetId)
                    .execute());
    if (deleted == 0) {
      throw new StoreException.NoSuchEntity(
          EntityType.ASSIGNMENT, describe(principalType, principalId, accountId, permissionSetId));
    }
  }

  @Override
  public List<Assignment> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM assignments" + ORDER)
                .map(JdbiAssignmentRepository::assignment)
                .list());
  }

  @Override
  public List<Assignment> listForAccount(String accountId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT " + COLUMNS + " FROM assignments WHERE account_id = :account" + ORDER)
                .bind("account", accountId)
                .map(JdbiAssignmentRepository::assignment)
                .list());
  }

  @Override
  public List<Assignment> listForPrincipal(PrincipalType principalType, String principalId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM assignments WHERE principal_type = :type"
                        + " AND principal_id = :principal"
                        + ORDER)
                .bind("type", principalType.name())
                .bind("principal", principalId)
                .map(JdbiAssignmentRepository::assignment)
                .list());
  }

  @Override
  public List<Assignment> listForUser(String userId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM assignments WHERE (principal_type = 'USER' AND principal_id = :u)"
                        + " OR (principal_type = 'GROUP' AND principal_id IN"
                        + " (SELECT group_id FROM group_members WHERE user_id = :u))"
                        + ORDER)
                .bind("u", userId)
                .map(JdbiAssignmentRepository::assignment)
                .list());
  }

  @Override
  public int count(String accountId, String permissionSetId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT COUNT(*) FROM assignments WHERE account_id = :account"
                        + " AND permission_set_id = :ps")
                .bind("account", accountId)
                .bind("ps", permissionSetId)
                .mapTo(Integer.class)
                .one());
  }

  @Override
  public boolean isAssigned(String permissionSetId) {
    return jdbi.withHandle(
            handle ->
                Sql.count(
                    handle,
                    "SELECT COUNT(*) FROM assignments WHERE permission_set_id = :ps",
                    "ps",
                    permissionSetId))
        > 0;
  }

  @Override
  public void putRole(ProvisionedRole role) {
    String key = role.accountId() + "/" + role.permissionSetId();
    try {
      jdbi.useTransaction(
          handle -> {
            if (Sql.count(handle, "SELECT COUNT(*) FROM roles WHERE id = :id", "id", role.roleId())
                == 0) {
              throw new StoreException.NoSuchEntity(EntityType.ROLE, role.roleId());
            }
            if (Sql.count(
                    handle,
                    "SELECT COUNT(*) FROM permission_sets WHERE id = :id",
                    "id",
                    role.permissionSetId())
                == 0) {
              throw new StoreException.NoSuchEntity(
                  EntityType.PERMISSION_SET, role.permissionSetId());
            }
            if (findRole(handle, role.accountId(), role.permissionSetId()).isPresent()) {
              throw new StoreException.EntityAlreadyExists(EntityType.PROVISIONED_ROLE, key);
            }
            handle
                .createUpdate(
                    "INSERT INTO provisioned_roles (account_id, permission_set_id, role_id)"
                        + " VALUES (:account, :ps, :role)")
                .bind("account", role.accountId())
                .bind("ps", role.permissionSetId())
                .bind("role", role.roleId())
                .execute();
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.PROVISIONED_ROLE, key);
      }
      throw e;
    }
  }

  @Override
  public Optional<ProvisionedRole> findRole(String accountId, String permissionSetId) {
    return jdbi.withHandle(handle -> findRole(handle, accountId, permissionSetId));
  }

  private static Optional<ProvisionedRole> findRole(
      org.jdbi.v3.core.Handle handle, String accountId, String permissionSetId) {
    return handle
        .createQuery(
            "SELECT account_id, permission_set_id, role_id FROM provisioned_roles"
                + " WHERE account_id = :account AND permission_set_id = :ps")
        .bind("account", accountId)
        .bind("ps", permissionSetId)
        .map((rs, ctx) -> new ProvisionedRole(rs.getString(1), rs.getString(2), rs.getString(3)))
        .findOne();
  }

  @Override
  public List<ProvisionedRole> listRoles(String permissionSetId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT account_id, permission_set_id, role_id FROM provisioned_roles"
                        + " WHERE permission_set_id = :ps ORDER BY account_id")
                .bind("ps", permissionSetId)
                .map(
                    (rs, ctx) ->
                        new ProvisionedRole(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list());
  }

  @Override
  public void deleteRole(String accountId, String permissionSetId) {
    int deleted =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "DELETE FROM provisioned_roles WHERE account_id = :account"
                            + " AND permission_set_id = :ps")
                    .bind("account", accountId)
                    .bind("ps", permissionSetId)
                    .execute());
    if (deleted == 0) {
      throw new StoreException.NoSuchEntity(
          EntityType.PROVISIONED_ROLE, accountId + "/" + permissionSetId);
    }
  }

  private static String describe(
      PrincipalType type, String principalId, String accountId, String permissionSetId) {
    return type + ":" + principalId + "/" + accountId + "/" + permissionSetId;
  }

  private static Assignment assignment(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Assignment(
        PrincipalType.valueOf(rs.getString("principal_type")),
        rs.getString("principal_id"),
        rs.getString("account_id"),
        rs.getString("permission_set_id"),
        Sql.instant(rs, "created_ms"));
  }
}
