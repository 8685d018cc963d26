package dev.stint.server.store;

import dev.stint.server.store.StoreException.EntityType;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The inline policies of one kind of owner (users or roles): a table of (owner, name, document)
 * rows beside the owners' table. One implementation for both, since IAM treats them alike.
 * Thread-safe: state lives in the database.
 */
final class InlinePolicyTable {
  private final Jdbi jdbi;
  private final String owners;
  private final String policies;
  private final String ownerColumn;
  private final EntityType ownerType;
  private final EntityType policyType;

  /** The names are this package's constants, never input: they are spliced into SQL. */
  InlinePolicyTable(
      Jdbi jdbi,
      String owners,
      String policies,
      String ownerColumn,
      EntityType ownerType,
      EntityType policyType) {
    this.jdbi = jdbi;
    this.owners = owners;
    this.policies = policies;
    this.ownerColumn = ownerColumn;
    this.ownerType = ownerType;
    this.policyType = policyType;
  }

  void put(String ownerId, InlinePolicy policy) {
    jdbi.useTransaction(
        handle -> {
          if (Sql.count(handle, "SELECT COUNT(*) FROM " + owners + " WHERE id = :id", "id", ownerId)
              == 0) {
            throw new StoreException.NoSuchEntity(ownerType, ownerId);
          }
          handle
              .createUpdate(
                  "DELETE FROM "
                      + policies
                      + " WHERE "
                      + ownerColumn
                      + " = :owner AND name = :name")
              .bind("owner", ownerId)
              .bind("name", policy.name())
              .execute();
          handle
              .createUpdate(
                  "INSERT INTO "
                      + policies
                      + " ("
                      + ownerColumn
                      + ", name, document) VALUES (:owner, :name, :document)")
              .bind("owner", ownerId)
              .bind("name", policy.name())
              .bind("document", policy.document())
              .execute();
        });
  }

  Optional<InlinePolicy> find(String ownerId, String policyName) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT name, document FROM "
                        + policies
                        + " WHERE "
                        + ownerColumn
                        + " = :owner AND name = :name")
                .bind("owner", ownerId)
                .bind("name", policyName)
                .map((rs, ctx) -> new InlinePolicy(rs.getString("name"), rs.getString("document")))
                .findOne());
  }

  List<InlinePolicy> list(String ownerId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT name, document FROM "
                        + policies
                        + " WHERE "
                        + ownerColumn
                        + " = :owner ORDER BY name")
                .bind("owner", ownerId)
                .map((rs, ctx) -> new InlinePolicy(rs.getString("name"), rs.getString("document")))
                .list());
  }

  void delete(String ownerId, String policyName) {
    int deleted =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "DELETE FROM "
                            + policies
                            + " WHERE "
                            + ownerColumn
                            + " = :owner AND name = :name")
                    .bind("owner", ownerId)
                    .bind("name", policyName)
                    .execute());
    if (deleted == 0) {
      throw new StoreException.NoSuchEntity(policyType, policyName);
    }
  }
}
