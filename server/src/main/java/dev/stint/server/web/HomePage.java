package dev.stint.server.web;

import java.util.List;
import java.util.Objects;

/**
 * The portal home: the accounts the user may use, each with its roles, and the credentials dialog
 * when the user just asked for credentials. Immutable and thread-safe.
 *
 * @param credentials the dialog to show, or {@code null}
 * @param openAccount the account whose roles start expanded, or {@code null}
 */
record HomePage(List<Account> accounts, CredentialsView credentials, String openAccount) {

  /** An account and the roles (permission sets) the user has in it. */
  record Account(String id, String name, String email, List<Role> roles) {
    Account {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(email, "email");
      roles = List.copyOf(roles);
    }
  }

  /**
   * A role the user may take in an account.
   *
   * @param description the permission set's description, or {@code null}
   */
  record Role(String name, String description) {
    Role {
      Objects.requireNonNull(name, "name");
    }
  }

  HomePage {
    accounts = List.copyOf(accounts);
  }

  boolean open(Account account) {
    return account.id().equals(openAccount) || accounts.size() == 1;
  }

  /** Where closing the dialog leads: back home with the account expanded. */
  String closeHref() {
    return credentials == null ? "/" : "/?account=" + credentials.accountId();
  }
}
