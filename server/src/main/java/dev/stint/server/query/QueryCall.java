package dev.stint.server.query;

import dev.stint.server.auth.Caller;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One authenticated query-protocol request as an action sees it. Immutable.
 *
 * @param action the action name, e.g. {@code AssumeRole}
 * @param params every parameter of the query string and form body
 * @param caller who signed the request; empty only for actions a service declares unsigned
 * @param requestId the {@code x-amzn-RequestId} of the response
 * @param sourceIp the client's address, for {@code aws:SourceIp} and the audit record
 * @param now the server's time for this request
 */
public record QueryCall(
    String action,
    QueryParams params,
    Optional<Caller> caller,
    String requestId,
    String sourceIp,
    Instant now) {

  public QueryCall {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(sourceIp, "sourceIp");
    Objects.requireNonNull(now, "now");
  }

  /** The signed caller; for actions that are never unsigned. */
  public Caller signer() {
    return caller.orElseThrow(() -> new IllegalStateException(action + " reached unsigned"));
  }

  /** A validator over this call's parameters. */
  public Validator validator() {
    return new Validator(params);
  }
}
