package dev.stint.server.store;

import dev.stint.server.store.StoreException.Blocker;
import dev.stint.server.store.StoreException.EntityType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link PermissionSetRepository} in portable SQL. Thread-safe: state lives in the database. */
final class JdbiPermissionSetRepository implements PermissionSetRepository {

  private static final String COLUMNS =
      "id, name, description, session_seconds, inline_policy, created_ms";

  private final Jdbi jdbi;

  JdbiPermissionSetRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A row without its policy ARNs, which come from the second table. */
  private record Row(
      String id,
      String name,
      String description,
      int sessionSeconds,
      String inlinePolicy,
      java.time.Instant created) {

    PermissionSet with(List<String> arns) {
      return new PermissionSet(
          id, name, description, Duration.ofSeconds(sessionSeconds), inlinePolicy, arns, created);
    }
  }

  @Override
  public PermissionSet create(PermissionSet ps) {
    try {
      return jdbi.inTransaction(
          handle -> {
            if (find(handle, "id", ps.id()).isPresent()) {
              throw new StoreException.EntityAlreadyExists(EntityType.PERMISSION_SET, ps.id());
            }
            if (find(handle, "name_lower", Sql.lower(ps.name())).isPresent()) {
              throw new StoreException.EntityAlreadyExists(EntityType.PERMISSION_SET, ps.name());
            }
            handle
                .createUpdate(
                    "INSERT INTO permission_sets (id, name, name_lower, description,"
                        + " session_seconds, inline_policy, created_ms) VALUES (:id, :name,"
                        + " :nameLower, :description, :seconds, :inline, :created)")
                .bind("id", ps.id())
                .bind("name", ps.name())
                .bind("nameLower", Sql.lower(ps.name()))
                .bind("description", ps.description())
                .bind("seconds", (int) ps.sessionDuration().toSeconds())
                .bind("inline", ps.inlinePolicy())
                .bind("created", Sql.millis(ps.created()))
                .execute();
            insertArns(handle, ps);
            return ps;
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.PERMISSION_SET, ps.name());
      }
      throw e;
    }
  }

  @Override
  public Optional<PermissionSet> find(String permissionSetId) {
    return jdbi.withHandle(handle -> find(handle, "id", permissionSetId));
  }

  @Override
  public Optional<PermissionSet> findByName(String name) {
    return jdbi.withHandle(handle -> find(handle, "name_lower", Sql.lower(name)));
  }

  @Override
  public List<PermissionSet> list() {
    return jdbi.withHandle(
        handle -> {
          List<Row> rows =
              handle
                  .createQuery("SELECT " + COLUMNS + " FROM permission_sets ORDER BY name_lower")
                  .map((rs, ctx) -> row(rs))
                  .list();
          Map<String, List<String>> arns = new HashMap<>();
          handle
              .createQuery(
                  "SELECT permission_set_id, policy_arn FROM permission_set_policies"
                      + " ORDER BY permission_set_id, policy_arn")
              .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
              .forEach(
                  e -> arns.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
          return rows.stream().map(r -> r.with(arns.getOrDefault(r.id(), List.of()))).toList();
        });
  }

  @Override
  public PermissionSet update(PermissionSet ps) {
    try {
      return jdbi.inTransaction(
          handle -> {
            PermissionSet stored =
                find(handle, "id", ps.id())
                    .orElseThrow(
                        () -> new StoreException.NoSuchEntity(EntityType.PERMISSION_SET, ps.id()));
            Optional<PermissionSet> named = find(handle, "name_lower", Sql.lower(ps.name()));
            if (named.isPresent() && !named.get().id().equals(ps.id())) {
              throw new StoreException.EntityAlreadyExists(EntityType.PERMISSION_SET, ps.name());
            }
            handle
                .createUpdate(
                    "UPDATE permission_sets SET name = :name, name_lower = :nameLower,"
                        + " description = :description, session_seconds = :seconds,"
                        + " inline_policy = :inline WHERE id = :id")
                .bind("id", ps.id())
                .bind("name", ps.name())
                .bind("nameLower", Sql.lower(ps.name()))
                .bind("description", ps.description())
                .bind("seconds", (int) ps.sessionDuration().toSeconds())
                .bind("inline", ps.inlinePolicy())
                .execute();
            handle
                .createUpdate("DELETE FROM permission_set_policies WHERE permission_set_id = :id")
                .bind("id", ps.id())
                .execute();
            insertArns(handle, ps);
            return new PermissionSet(
                ps.id(),
                ps.name(),
                ps.description(),
                ps.sessionDuration(),
                ps.inlinePolicy(),
                ps.managedPolicyArns(),
                stored.created());
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.PERMISSION_SET, ps.name());
      }
      throw e;
    }
  }

  @Override
  public void delete(String permissionSetId) {
    jdbi.useTransaction(
        handle -> {
          if (find(handle, "id", permissionSetId).isEmpty()) {
            throw new StoreException.NoSuchEntity(EntityType.PERMISSION_SET, permissionSetId);
          }
          int uses =
              Sql.count(
                      handle,
                      "SELECT COUNT(*) FROM assignments WHERE permission_set_id = :id",
                      "id",
                      permissionSetId)
                  + Sql.count(
                      handle,
                      "SELECT COUNT(*) FROM provisioned_roles WHERE permission_set_id = :id",
                      "id",
                      permissionSetId);
          if (uses > 0) {
            throw new StoreException.DeleteConflict(
                EntityType.PERMISSION_SET, permissionSetId, Blocker.ASSIGNMENTS);
          }
          handle
              .createUpdate("DELETE FROM permission_set_policies WHERE permission_set_id = :id")
              .bind("id", permissionSetId)
              .execute();
          handle
              .createUpdate("DELETE FROM permission_sets WHERE id = :id")
              .bind("id", permissionSetId)
              .execute();
        });
  }

  private static void insertArns(Handle handle, PermissionSet ps) {
    if (ps.managedPolicyArns().isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO permission_set_policies (permission_set_id, policy_arn)"
                + " VALUES (:id, :arn)");
    ps.managedPolicyArns().forEach(arn -> batch.bind("id", ps.id()).bind("arn", arn).add());
    batch.execute();
  }

  /** {@code column} is a constant of this class, never input. */
  private static Optional<PermissionSet> find(Handle handle, String column, String value) {
    Optional<Row> row =
        handle
            .createQuery("SELECT " + COLUMNS + " FROM permission_sets WHERE " + column + " = :v")
            .bind("v", value)
            .map((rs, ctx) -> row(rs))
            .findOne();
    return row.map(
        r ->
            r.with(
                handle
                    .createQuery(
                        "SELECT policy_arn FROM permission_set_policies"
                            + " WHERE permission_set_id = :id ORDER BY policy_arn")
                    .bind("id", r.id())
                    .mapTo(String.class)
                    .list()));
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getInt("session_seconds"),
        rs.getString("inline_policy"),
        Sql.instant(rs, "created_ms"));
  }
}
