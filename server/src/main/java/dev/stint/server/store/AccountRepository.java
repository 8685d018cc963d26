package dev.stint.server.store;

import java.util.Optional;

/**
 * Accounts. Implementations are thread-safe.
 *
 * <p>Failures: {@link StoreException.EntityAlreadyExists} when the id or the email (compared
 * without case) is taken.
 */
public interface AccountRepository {

  /** Stores a new account. */
  Account create(Account account);

  Optional<Account> find(String accountId);

  /** The management account, once the first start has created it. */
  Optional<Account> findManagement();

  /** Accounts ordered by id. */
  Page<Account> list(String marker, int maxItems);
}
