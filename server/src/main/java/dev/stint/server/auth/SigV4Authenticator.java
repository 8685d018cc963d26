package dev.stint.server.auth;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.core.sigv4.HttpRequestParts;
import dev.stint.core.sigv4.SigV4Exception;
import dev.stint.core.sigv4.SigV4Verifier;
import dev.stint.core.token.SessionClaims;
import dev.stint.core.token.SessionTokenCodec;
import dev.stint.core.token.TokenException;
import dev.stint.server.keys.SecretBox;
import dev.stint.server.keys.TokenKeys;
import dev.stint.server.query.ApiException;
import dev.stint.server.query.Authenticator;
import dev.stint.server.query.ErrorCode;
import dev.stint.server.store.AccessKey;
import dev.stint.server.store.Database;
import dev.stint.server.store.User;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates query-protocol requests by SigV4. Temporary keys ({@code ASIA}) are checked against
 * their session token alone: the token's claims carry the secret and the principal, so nothing is
 * read from the database. Long-term keys ({@code AKIA}) are looked up once and cached briefly.
 * Revoked sessions are refused. Thread-safe.
 */
public final class SigV4Authenticator implements Authenticator {
  static final String ACCESS_KEY_PURPOSE = "access-key";
  static final Duration KEY_CACHE_TTL = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(SigV4Authenticator.class);
  private static final int MAX_CACHED_KEYS = 10_000;

  private record CachedKey(byte[] secret, Caller caller, Instant loaded) {}

  private final Database db;
  private final SecretBox box;
  private final SessionTokenCodec codec;
  private final TokenKeys keys;
  private final Revocations revocations;
  private final Clock clock;
  private final Map<String, SigV4Verifier<Caller>> verifiers;
  private final Map<String, CachedKey> longTerm = new ConcurrentHashMap<>();
  private final KeyUsage usage;

  public SigV4Authenticator(
      Database db,
      SecretBox box,
      SessionTokenCodec codec,
      TokenKeys keys,
      Revocations revocations,
      Clock clock,
      Duration skew,
      List<String> services) {
    this.db = db;
    this.box = box;
    this.codec = codec;
    this.keys = keys;
    this.revocations = revocations;
    this.clock = clock;
    this.usage = new KeyUsage(db.accessKeys(), clock);
    var map = new java.util.HashMap<String, SigV4Verifier<Caller>>();
    for (String service : services) {
      map.put(
          service,
          SigV4Verifier.<Caller>builder(service, this::resolve).clock(clock).skew(skew).build());
    }
    this.verifiers = Map.copyOf(map);
  }

  @Override
  public Caller authenticate(HttpRequestParts request, String signingName) {
    SigV4Verifier<Caller> verifier = verifiers.get(signingName);
    if (verifier == null) {
      throw ApiException.failed("no verifier for service " + signingName, null);
    }
    try {
      SigV4Verifier.Verified<Caller> verified = verifier.verify(request);
      if (verified.principal().kind() == Caller.Kind.USER) {
        usage.used(verified.accessKeyId(), signingName, verified.region());
      }
      return verified.principal();
    } catch (SigV4Exception e) {
      ErrorCode code =
          ErrorCode.ofWire(e.reason().code()).orElse(ErrorCode.SIGNATURE_DOES_NOT_MATCH);
      if (code == ErrorCode.INTERNAL_FAILURE) {
        throw ApiException.failed("signature verification failed", e);
      }
      throw rejected(code, e.getMessage());
    }
  }

  /** Forgets a long-term key at once (deleted, deactivated), on this node. */
  public void forgetKey(String accessKeyId) {
    longTerm.remove(accessKeyId);
  }

  private SigV4Verifier.Resolved<Caller> resolve(String accessKeyId, Optional<String> token)
      throws SigV4Exception {
    if (accessKeyId.startsWith("ASIA")) {
      if (token.isEmpty()) {
        throw SigV4Exception.invalidToken();
      }
      SessionClaims claims = decode(accessKeyId, token.get());
      if (revocations.revoked(claims)) {
        throw SigV4Exception.invalidToken();
      }
      return new SigV4Verifier.Resolved<>(
          claims.secretAccessKey().getBytes(StandardCharsets.US_ASCII),
          sessionCaller(accessKeyId, claims));
    }
    if (token.isPresent()) {
      // A session token with a long-term key: AWS refuses the pair.
      throw SigV4Exception.invalidToken();
    }
    CachedKey key = longTermKey(accessKeyId);
    return new SigV4Verifier.Resolved<>(key.secret(), key.caller());
  }

  private SessionClaims decode(String accessKeyId, String token) throws SigV4Exception {
    Instant now = clock.instant();
    try {
      return codec.decode(accessKeyId, token, now);
    } catch (TokenException.Expired e) {
      throw SigV4Exception.expiredToken();
    } catch (TokenException.Invalid e) {
      if (e.reason() == TokenException.Reason.UNKNOWN_KEY) {
        // Another node may have rotated: look again once, then give the same answer.
        keys.reloadIfIdle();
        try {
          return codec.decode(accessKeyId, token, now);
        } catch (TokenException.Expired again) {
          throw SigV4Exception.expiredToken();
        } catch (TokenException again) {
          log.debug("session token refused: {}", e.reason());
          throw SigV4Exception.invalidToken();
        }
      }
      log.debug("session token refused: {}", e.reason());
      throw SigV4Exception.invalidToken();
    } catch (TokenException e) {
      throw SigV4Exception.invalidToken();
    }
  }

  static Caller sessionCaller(String accessKeyId, SessionClaims c) {
    return switch (c.principalType()) {
      case ASSUMED_ROLE ->
          new Caller(
              Caller.Kind.ASSUMED_ROLE,
              c.accountId(),
              c.principalArn(),
              c.entityId() + ":" + c.sessionName(),
              c.entityArn(),
              c.entityId(),
              accessKeyId,
              Optional.of(c));
      case FEDERATED_USER ->
          new Caller(
              Caller.Kind.FEDERATED_USER,
              c.accountId(),
              c.principalArn(),
              c.accountId() + ":" + c.sessionName(),
              c.entityArn(),
              c.entityId(),
              accessKeyId,
              Optional.of(c));
      case USER_SESSION ->
          new Caller(
              Caller.Kind.USER_SESSION,
              c.accountId(),
              c.principalArn(),
              c.entityId(),
              c.entityArn(),
              c.entityId(),
              accessKeyId,
              Optional.of(c));
    };
  }

  private CachedKey longTermKey(String accessKeyId) throws SigV4Exception {
    Instant now = clock.instant();
    CachedKey cached = longTerm.get(accessKeyId);
    if (cached != null && cached.loaded().plus(KEY_CACHE_TTL).isAfter(now)) {
      return cached;
    }
    Optional<AccessKey> key = db.accessKeys().find(accessKeyId);
    if (key.isEmpty() || key.get().status() != AccessKey.Status.ACTIVE) {
      longTerm.remove(accessKeyId);
      throw SigV4Exception.invalidToken();
    }
    Optional<User> user = db.users().findById(key.get().userId());
    if (user.isEmpty()) {
      throw SigV4Exception.invalidToken();
    }
    User u = user.get();
    byte[] secret = box.open(ACCESS_KEY_PURPOSE, accessKeyId, key.get().secretCiphertext());
    var caller =
        new Caller(
            Caller.Kind.USER,
            u.accountId(),
            u.arn(),
            u.id(),
            u.arn(),
            u.id(),
            accessKeyId,
            Optional.empty());
    if (longTerm.size() >= MAX_CACHED_KEYS) {
      longTerm.clear();
    }
    var entry = new CachedKey(secret, caller, now);
    longTerm.put(accessKeyId, entry);
    return entry;
  }
}
