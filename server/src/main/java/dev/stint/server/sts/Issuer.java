package dev.stint.server.sts;

import dev.stint.core.ids.Ids;
import dev.stint.core.token.SessionClaims;
import dev.stint.core.token.SessionTokenCodec;
import dev.stint.server.audit.AuditLog;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.Xml;
import dev.stint.server.store.AuditEvent;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Mints temporary credentials: a fresh {@code ASIA} key id carrying the account, a fresh secret,
 * and the stateless session token that carries the claims. Every issuance is audited durably before
 * the credentials are returned. Thread-safe.
 */
public final class Issuer {
  private final SessionTokenCodec codec;
  private final Ids ids;
  private final AccessKeyIds keyIds;
  private final AuditLog audit;

  public Issuer(SessionTokenCodec codec, Ids ids, AccessKeyIds keyIds, AuditLog audit) {
    this.codec = codec;
    this.ids = ids;
    this.keyIds = keyIds;
    this.audit = audit;
  }

  /** Temporary credentials as STS returns them. The secret never reaches {@code toString}. */
  public record Issued(
      String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    @Override
    public String toString() {
      return "Issued[" + accessKeyId + ", expires " + expiration + "]";
    }

    /** The {@code <Credentials>} element of STS responses. */
    public void write(Xml xml) {
      xml.element(
          "Credentials",
          x ->
              x.verbatim("AccessKeyId", accessKeyId)
                  .verbatim("SecretAccessKey", secretAccessKey)
                  .verbatim("SessionToken", sessionToken)
                  .element("Expiration", expiration));
    }
  }

  /**
   * The secret access key and session id of a session about to be issued, drawn in one call to the
   * {@link java.security.SecureRandom}.
   */
  public Ids.SessionSecrets newSessionSecrets() {
    return ids.sessionSecrets();
  }

  /**
   * Credentials whose audit record is on its way to the disk: they may be shown to no one before
   * {@code recorded} completes normally.
   */
  public record Pending(Issued issued, CompletableFuture<Void> recorded) {
    /** The credentials, once their audit record is durable; throws when it could not be. */
    public Issued await() {
      AuditLog.await(recorded);
      return issued;
    }

    /**
     * The query API's result: {@code <Credentials>} followed by what {@code rest} writes, sent once
     * the record is durable.
     */
    public Xml.Deferred body(Xml.Body rest) {
      return new Xml.Deferred(
          recorded,
          xml -> {
            issued.write(xml);
            rest.write(xml);
          });
    }
  }

  /**
   * Encodes the claims into a token under a new key id and queues the audit record; the query API
   * answers once it is durable without holding a thread meanwhile.
   */
  public Pending issueDeferred(QueryCall call, String actor, String target, SessionClaims claims) {
    return issueDeferred(
        "sts:" + call.action(),
        call.requestId(),
        call.sourceIp(),
        call.now(),
        actor,
        target,
        claims);
  }

  /**
   * As {@link #issueDeferred(QueryCall, String, String, SessionClaims)} for callers outside the
   * query protocol (the access portal), who {@link Pending#await} the record.
   *
   * @param auditAction the audit record's action, e.g. {@code sso:GetRoleCredentials}
   */
  public Pending issueDeferred(
      String auditAction,
      String requestId,
      String sourceIp,
      Instant now,
      String actor,
      String target,
      SessionClaims claims) {
    String accessKeyId = keyIds.temporary(claims.accountId());
    String token = codec.encode(accessKeyId, claims);
    CompletableFuture<Void> recorded =
        audit.submit(
            new AuditEvent(
                AuditEvent.newId(now),
                now,
                requestId,
                actor,
                auditAction,
                target,
                sourceIp,
                claims.sessionId(),
                claims.expiresAt(),
                AuditEvent.Outcome.SUCCESS,
                "accessKeyId=" + accessKeyId + " principal=" + claims.principalArn()));
    return new Pending(
        new Issued(accessKeyId, claims.secretAccessKey(), token, claims.expiresAt()), recorded);
  }
}
