package dev.stint.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link AccountRepository} in portable SQL. Thread-safe: state lives in the database. */
final class JdbiAccountRepository implements AccountRepository {

  private static final String COLUMNS = "id, name, email, management, created_ms";

  private final Jdbi jdbi;

  JdbiAccountRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Account create(Account account) {
    try {
      return jdbi.inTransaction(
          handle -> {
            if (Sql.count(
                    handle, "SELECT COUNT(*) FROM accounts WHERE id = :id", "id", account.id())
                > 0) {
              throw new StoreException.EntityAlreadyExists(
                  StoreException.EntityType.ACCOUNT, account.id());
            }
            if (Sql.count(
                    handle,
                    "SELECT COUNT(*) FROM accounts WHERE email_lower = :email",
                    "email",
                    Sql.lower(account.email()))
                > 0) {
              throw new StoreException.EntityAlreadyExists(
                  StoreException.EntityType.ACCOUNT, account.email());
            }
            handle
                .createUpdate(
                    "INSERT INTO accounts (id, name, email, email_lower, management, created_ms)"
                        + " VALUES (:id, :name, :email, :emailLower, :management, :created)")
                .bind("id", account.id())
                .bind("name", account.name())
                .bind("email", account.email())
                .bind("emailLower", Sql.lower(account.email()))
                .bind("management", account.management() ? 1 : 0)
                .bind("created", Sql.millis(account.created()))
                .execute();
            return account;
          });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new StoreException.EntityAlreadyExists(
            StoreException.EntityType.ACCOUNT, account.id());
      }
      throw e;
    }
  }

  @Override
  public Optional<Account> find(String accountId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = :id")
                .bind("id", accountId)
                .map(JdbiAccountRepository::account)
                .findOne());
  }

  @Override
  public Optional<Account> findManagement() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT " + COLUMNS + " FROM accounts WHERE management = 1 ORDER BY id")
                .map(JdbiAccountRepository::account)
                .findFirst());
  }

  @Override
  public Page<Account> list(String marker, int maxItems) {
    Sql.checkMaxItems(maxItems);
    String after = Sql.afterKey(marker);
    List<Account> rows =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM accounts WHERE id > :after ORDER BY id LIMIT :limit")
                    .bind("after", after)
                    .bind("limit", maxItems + 1)
                    .map(JdbiAccountRepository::account)
                    .list());
    return Sql.page(rows, maxItems, Account::id);
  }

  private static Account account(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Account(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("email"),
        Sql.bool(rs, "management"),
        Sql.instant(rs, "created_ms"));
  }
}
