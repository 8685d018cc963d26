package dev.stint.server.portal;

import dev.stint.server.store.Account;
import dev.stint.server.store.Assignment;
import dev.stint.server.store.Database;
import dev.stint.server.store.PermissionSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a user may use: the accounts where the user, or a group the user belongs to, has an
 * assignment, and in each the roles, named after their permission sets. A disabled user may use
 * nothing. Thread-safe; reads the store on every call.
 */
public final class Directory {
  private final Database db;

  Directory(Database db) {
    this.db = db;
  }

  /**
   * An account the user may use and the role names there, sorted.
   *
   * @param roleNames permission set names, as Identity Center shows them
   */
  public record AccountAccess(Account account, List<String> roleNames) {
    public AccountAccess {
      roleNames = List.copyOf(roleNames);
    }
  }

  /** Every account the user may use with its roles, ordered by account name, then id. */
  public List<AccountAccess> access(String userId) {
    if (db.portalUsers().find(userId).disabled()) {
      return List.of();
    }
    Map<String, TreeSet<String>> byAccount = new LinkedHashMap<>();
    Map<String, Optional<PermissionSet>> sets = new LinkedHashMap<>();
    for (Assignment a : db.assignments().listForUser(userId)) {
      Optional<PermissionSet> ps =
          sets.computeIfAbsent(a.permissionSetId(), id -> db.permissionSets().find(id));
      ps.ifPresent(
          p ->
              byAccount
                  .computeIfAbsent(a.accountId(), k -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER))
                  .add(p.name()));
    }
    var out = new ArrayList<AccountAccess>();
    byAccount.forEach(
        (accountId, roles) ->
            db.accounts()
                .find(accountId)
                .ifPresent(account -> out.add(new AccountAccess(account, List.copyOf(roles)))));
    out.sort(
        Comparator.comparing((AccountAccess a) -> a.account().name().toLowerCase(Locale.ROOT))
            .thenComparing(a -> a.account().id()));
    return out;
  }

  /** The accounts the user may use, in {@link #access}'s order. */
  public List<Account> accounts(String userId) {
    return access(userId).stream().map(AccountAccess::account).toList();
  }

  /** The role names the user may use in an account, sorted; empty when none. */
  public List<String> roleNames(String userId, String accountId) {
    return access(userId).stream()
        .filter(a -> a.account().id().equals(accountId))
        .findFirst()
        .map(AccountAccess::roleNames)
        .orElse(List.of());
  }

  /**
   * The permission set behind a role name the user may use in an account; empty when the user has
   * no such role there.
   */
  public Optional<PermissionSet> permissionSet(String userId, String accountId, String roleName) {
    if (roleName == null || db.portalUsers().find(userId).disabled()) {
      return Optional.empty();
    }
    Optional<PermissionSet> ps = db.permissionSets().findByName(roleName);
    if (ps.isEmpty() || !ps.get().name().equals(roleName)) {
      return Optional.empty();
    }
    boolean assigned =
        db.assignments().listForUser(userId).stream()
            .anyMatch(
                a -> a.accountId().equals(accountId) && a.permissionSetId().equals(ps.get().id()));
    return assigned ? ps : Optional.empty();
  }
}
