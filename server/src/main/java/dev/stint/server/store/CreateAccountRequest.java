package dev.stint.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An Organizations {@code CreateAccount} request and how it ended ({@code CreateAccountStatus}).
 * Immutable and thread-safe.
 *
 * @param id {@code car-} and 8 to 32 lower-case letters or digits
 * @param completed when it succeeded or failed, or {@code null} while in progress
 * @param accountId the new account's id once it succeeded, else {@code null}
 * @param failureReason Organizations' reason code when it failed, else {@code null}
 */
public record CreateAccountRequest(
    String id,
    String accountName,
    State state,
    Instant requested,
    Instant completed,
    String accountId,
    String failureReason) {

  /** Organizations' {@code CreateAccountState}. */
  public enum State {
    IN_PROGRESS,
    SUCCEEDED,
    FAILED
  }

  public CreateAccountRequest {
    Checks.matching(id, java.util.regex.Pattern.compile("car-[a-z0-9]{8,32}"), "request id");
    Checks.text(accountName, "account name", 50);
    Objects.requireNonNull(state, "state");
    requested = Checks.millis(requested, "requested");
    completed = Checks.optionalMillis(completed);
    if (accountId != null) {
      Checks.matching(accountId, Checks.ACCOUNT_ID, "account id");
    }
    Checks.optionalText(failureReason, "failure reason", 64);
    if ((state == State.SUCCEEDED) != (accountId != null)
        || (state == State.FAILED) != (failureReason != null)) {
      throw new IllegalArgumentException(
          "create account request " + id + " is " + state + " with account " + accountId);
    }
  }
}
