package dev.stint.server.store;

import java.time.Instant;

/**
 * A user's portal password, as an Argon2id hash string, and whether it must be changed at the next
 * sign-in. Immutable and thread-safe; {@code toString} leaves the hash out.
 */
public record LoginProfile(
    String userId, String passwordHash, boolean passwordResetRequired, Instant created) {

  public LoginProfile {
    Checks.matching(userId, Checks.USER_ID, "user id");
    Checks.text(passwordHash, "password hash", Checks.MAX_TEXT);
    created = Checks.millis(created, "created");
  }

  @Override
  public String toString() {
    return "LoginProfile[userId="
        + userId
        + ", passwordHash=<redacted>, passwordResetRequired="
        + passwordResetRequired
        + ", created="
        + created
        + "]";
  }
}
