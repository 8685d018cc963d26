package dev.stint.server.store;

import java.time.Instant;

/**
 * An account: a 12-digit id, a display name, the owner's email (unique, case-insensitively) and
 * whether it is the management account. Immutable and thread-safe.
 */
public record Account(String id, String name, String email, boolean management, Instant created) {

  public Account {
    Checks.matching(id, Checks.ACCOUNT_ID, "account id");
    Checks.text(name, "account name", 50);
    Checks.text(email, "account email", 254);
    if (email.indexOf('@') < 1) {
      throw new IllegalArgumentException("Invalid account email '" + email + "': no '@'");
    }
    created = Checks.millis(created, "created");
  }
}
