package dev.stint.server.portal;

import java.util.Objects;

/**
 * Where a portal action came from, for its audit record: who acted (when known) and the request
 * that carried it. Immutable and thread-safe.
 *
 * @param actor the ARN of the signed-in user who acted, or {@code null} when nobody is signed in
 *     yet (a sign-in attempt, an OIDC client)
 * @param requestId the {@code x-amzn-RequestId} of the HTTP request
 * @param sourceIp the client's address
 */
public record Origin(String actor, String requestId, String sourceIp) {

  public Origin {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(sourceIp, "sourceIp");
    if (requestId.isEmpty()) {
      throw new IllegalArgumentException("requestId is empty");
    }
  }

  /** The same request, acted on by {@code actorArn}. */
  public Origin as(String actorArn) {
    return new Origin(actorArn, requestId, sourceIp);
  }
}
