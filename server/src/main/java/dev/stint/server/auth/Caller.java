package dev.stint.server.auth;

import dev.stint.core.token.SessionClaims;
import java.util.Objects;
import java.util.Optional;

/**
 * Who signed a request, as far as the server has verified it: a long-term IAM user key, or a
 * session (assumed role, federated user, or a user's own GetSessionToken session) whose claims came
 * out of its session token. Immutable; its {@code toString} names the ARN and key id only.
 *
 * @param kind what sort of principal signed
 * @param accountId the account the principal lives in
 * @param arn the caller's ARN as GetCallerIdentity reports it
 * @param userId GetCallerIdentity's {@code UserId}: {@code AIDA...}, {@code AROA...:session}, or
 *     {@code ACCOUNT:name} for federated users
 * @param entityArn the IAM entity behind the caller: the user for user keys and user sessions, the
 *     role for assumed-role sessions, the parent user for federated users
 * @param entityId the unique id of that entity ({@code AIDA...} or {@code AROA...})
 * @param accessKeyId the access key id that signed the request
 * @param session the verified session claims, present for temporary credentials only
 */
public record Caller(
    Kind kind,
    String accountId,
    String arn,
    String userId,
    String entityArn,
    String entityId,
    String accessKeyId,
    Optional<SessionClaims> session) {

  /** The principals that can sign a request. */
  public enum Kind {
    /** An IAM user's long-term access key. */
    USER,
    /** An IAM user's GetSessionToken credentials: the user's permissions, restricted actions. */
    USER_SESSION,
    ASSUMED_ROLE,
    FEDERATED_USER
  }

  public Caller {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(entityArn, "entityArn");
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(session, "session");
    if (kind == Kind.USER == session.isPresent()) {
      throw new IllegalArgumentException(kind + " caller with wrong session state");
    }
  }

  /** Whether the caller signed with temporary (session) credentials. */
  public boolean temporary() {
    return session.isPresent();
  }

  /** The role session's chain depth; 0 for anything but an assumed role. */
  public int chainDepth() {
    return session.map(SessionClaims::chainDepth).orElse(0);
  }

  /** Whether the caller authenticated with MFA (only sessions can carry that). */
  public boolean mfaAuthenticated() {
    return session.map(SessionClaims::mfaAuthenticated).orElse(false);
  }

  @Override
  public String toString() {
    return "Caller[" + kind + " " + arn + " key=" + accessKeyId + "]";
  }
}
