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

/** {@link PolicyRepository} in portable SQL. Thread-safe: state lives in the database. */
final class JdbiPolicyRepository implements PolicyRepository {

  private static final String COLUMNS = "arn, account_id, name, path, document, created_ms";

  private final Jdbi jdbi;

  JdbiPolicyRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public ManagedPolicy create(ManagedPolicy policy) {
    try {
      return jdbi.inTransaction(
          handle -> {
            if (Sql.count(
                        handle,
                        "SELECT COUNT(*) FROM managed_policies WHERE arn = :v",
                        "v",
                        policy.arn())
                    > 0
                || handle
                        .createQuery(
                            "SELECT COUNT(*) FROM managed_policies"
                                + " WHERE account_id = :account AND name_lower = :nameLower")
                        .bind("account", policy.accountId())
                        .bind("nameLower", Sql.lower(policy.name()))
                        .mapTo(Integer.class)
                        .one()
                    > 0) {
              throw new StoreException.EntityAlreadyExists(EntityType.POLICY, policy.name());
            }
            handle
                .createUpdate(
                    "INSERT INTO managed_policies (arn, account_id, name, name_lower, path,"
                        + " document, created_ms) VALUES (:arn, :account, :name, :nameLower,"
                        + " :path, :document, :created)")
                .bind("arn", policy.arn())
                .bind("account", policy.accountId())
                .bind("name", policy.name())
                .bind("nameLower", Sql.lower(policy.name()))
                .bind("path", policy.path())
                .bind("document", policy.document())
                .bind("created", Sql.millis(policy.created()))
                .execute();
            return policy;
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.POLICY, policy.name());
      }
      throw e;
    }
  }

  @Override
  public Optional<ManagedPolicy> find(String policyArn) {
    return jdbi.withHandle(handle -> find(handle, policyArn));
  }

  @Override
  public Page<ManagedPolicy> list(
      String accountId, String pathPrefix, String marker, int maxItems) {
    Sql.checkMaxItems(maxItems);
    String prefix = Sql.pathPrefix(pathPrefix);
    String after = Sql.afterKey(marker);
    List<ManagedPolicy> rows =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM managed_policies WHERE account_id = :account"
                            + " AND substr(path, 1, :prefixLength) = :prefix"
                            + " AND name_lower > :after ORDER BY name_lower LIMIT :limit")
                    .bind("account", accountId)
                    .bind("prefixLength", prefix.length())
                    .bind("prefix", prefix)
                    .bind("after", after)
                    .bind("limit", maxItems + 1)
                    .map(JdbiPolicyRepository::policy)
                    .list());
    return Sql.page(rows, maxItems, policy -> Sql.lower(policy.name()));
  }

  @Override
  public void updateDocument(String policyArn, String document) {
    Checks.text(document, "policy document", Checks.MAX_DOCUMENT);
    int updated =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE managed_policies SET document = :document WHERE arn = :arn")
                    .bind("document", document)
                    .bind("arn", policyArn)
                    .execute());
    if (updated == 0) {
      throw new StoreException.NoSuchEntity(EntityType.POLICY, policyArn);
    }
  }

  @Override
  public void delete(String policyArn) {
    jdbi.useTransaction(
        handle -> {
          ManagedPolicy policy =
              find(handle, policyArn)
                  .orElseThrow(() -> new StoreException.NoSuchEntity(EntityType.POLICY, policyArn));
          if (Sql.count(
                  handle,
                  "SELECT COUNT(*) FROM policy_attachments WHERE policy_arn = :v",
                  "v",
                  policyArn)
              > 0) {
            throw new StoreException.DeleteConflict(
                EntityType.POLICY, policy.name(), Blocker.ATTACHED_ENTITIES);
          }
          handle
              .createUpdate("DELETE FROM managed_policies WHERE arn = :arn")
              .bind("arn", policyArn)
              .execute();
        });
  }

  @Override
  public void attach(PolicyAttachment attachment) {
    try {
      jdbi.useTransaction(
          handle -> {
            if (find(handle, attachment.policyArn()).isEmpty()) {
              throw new StoreException.NoSuchEntity(EntityType.POLICY, attachment.policyArn());
            }
            int existing =
                handle
                    .createQuery(
                        "SELECT COUNT(*) FROM policy_attachments"
                            + " WHERE principal_arn = :principal AND policy_arn = :policy")
                    .bind("principal", attachment.principalArn())
                    .bind("policy", attachment.policyArn())
                    .mapTo(Integer.class)
                    .one();
            if (existing == 0) {
              handle
                  .createUpdate(
                      "INSERT INTO policy_attachments (principal_type, principal_arn, policy_arn)"
                          + " VALUES (:type, :principal, :policy)")
                  .bind("type", attachment.principalType().column())
                  .bind("principal", attachment.principalArn())
                  .bind("policy", attachment.policyArn())
                  .execute();
            }
          });
    } catch (UnableToExecuteStatementException e) {
      // A concurrent attach of the same pair won the race: attaching is idempotent.
      if (!Sql.isUniqueViolation(e)) {
        throw e;
      }
    }
  }

  @Override
  public void detach(PolicyAttachment attachment) {
    int deleted =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "DELETE FROM policy_attachments"
                            + " WHERE principal_arn = :principal AND policy_arn = :policy")
                    .bind("principal", attachment.principalArn())
                    .bind("policy", attachment.policyArn())
                    .execute());
    if (deleted == 0) {
      throw new StoreException.NoSuchEntity(EntityType.ATTACHMENT, attachment.policyArn());
    }
  }

  @Override
  public List<PolicyAttachment> listAttached(String principalArn) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT principal_type, principal_arn, policy_arn FROM policy_attachments"
                        + " WHERE principal_arn = :principal ORDER BY policy_arn")
                .bind("principal", principalArn)
                .map(JdbiPolicyRepository::attachment)
                .list());
  }

  @Override
  public List<PolicyAttachment> listEntities(String policyArn) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT principal_type, principal_arn, policy_arn FROM policy_attachments"
                        + " WHERE policy_arn = :policy ORDER BY principal_arn")
                .bind("policy", policyArn)
                .map(JdbiPolicyRepository::attachment)
                .list());
  }

  private static Optional<ManagedPolicy> find(Handle handle, String policyArn) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM managed_policies WHERE arn = :arn")
        .bind("arn", policyArn)
        .map(JdbiPolicyRepository::policy)
        .findOne();
  }

  private static ManagedPolicy policy(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ManagedPolicy(
        rs.getString("arn"),
        rs.getString("account_id"),
        rs.getString("name"),
        rs.getString("path"),
        rs.getString("document"),
        Sql.instant(rs, "created_ms"));
  }

  private static PolicyAttachment attachment(ResultSet rs, StatementContext ctx)
      throws SQLException {
    return new PolicyAttachment(
        PolicyAttachment.PrincipalType.fromColumn(rs.getString("principal_type")),
        rs.getString("principal_arn"),
        rs.getString("policy_arn"));
  }
}
