package dev.stint.server.store;

import dev.stint.server.store.StoreException.EntityType;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link OrganizationRepository} in portable SQL. Thread-safe: state lives in the database. */
final class JdbiOrganizationRepository implements OrganizationRepository {

  private static final String COLUMNS =
      "id, account_name, state, requested_ms, completed_ms, account_id, failure_reason";

  private final Jdbi jdbi;

  JdbiOrganizationRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void createRequest(CreateAccountRequest r) {
    try {
      jdbi.useHandle(
          handle ->
              handle
                  .createUpdate(
                      "INSERT INTO create_account_requests ("
                          + COLUMNS
                          + ") VALUES (:id, :name, :state, :requested, :completed, :account,"
                          + " :reason)")
                  .bind("id", r.id())
                  .bind("name", r.accountName())
                  .bind("state", r.state().name())
                  .bind("requested", Sql.millis(r.requested()))
                  .bind("completed", Sql.millis(r.completed()))
                  .bind("account", r.accountId())
                  .bind("reason", r.failureReason())
                  .execute());
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(EntityType.CREATE_ACCOUNT_REQUEST, r.id());
      }
      throw e;
    }
  }

  @Override
  public Optional<CreateAccountRequest> findRequest(String requestId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM create_account_requests WHERE id = :id")
                .bind("id", requestId)
                .map(
                    (rs, ctx) ->
                        new CreateAccountRequest(
                            rs.getString("id"),
                            rs.getString("account_name"),
                            CreateAccountRequest.State.valueOf(rs.getString("state")),
                            Sql.instant(rs, "requested_ms"),
                            Sql.instant(rs, "completed_ms"),
                            rs.getString("account_id"),
                            rs.getString("failure_reason")))
                .findOne());
  }
}
