package dev.stint.server.auth;

import dev.stint.core.token.SessionClaims;
import dev.stint.server.store.Revocation;
import dev.stint.server.store.RevocationRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sessions revoked before they expire (beyond AWS): one session by id, or every session of a
 * principal issued before a time. Held in memory and refreshed from the database by {@link
 * #refresh} (every few seconds), so checking a request reads nothing. Revocations older than the
 * longest credential lifetime are dropped: every session they could stop has expired. Thread-safe.
 */
public final class Revocations {
  /** The longest any credential lives; a revocation is pointless after that. */
  static final Duration HORIZON = Duration.ofHours(36);

  private record Snapshot(Map<String, Instant> sessions, Map<String, Instant> principals) {}

  private final RevocationRepository repository;
  private final Clock clock;
  private final AtomicReference<Snapshot> snapshot =
      new AtomicReference<>(new Snapshot(Map.of(), Map.of()));

  public Revocations(RevocationRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
    refresh();
  }

  /** Whether a session is revoked: by its id, or by its principal and issue time. */
  public boolean revoked(SessionClaims claims) {
    Snapshot s = snapshot.get();
    if (s.sessions().containsKey(claims.sessionId())) {
      return true;
    }
    for (String arn : List.of(claims.principalArn(), claims.entityArn())) {
      Instant before = s.principals().get(arn);
      if (before != null && claims.issuedAt().isBefore(before)) {
        return true;
      }
    }
    return false;
  }

  /** Records a revocation and applies it on this node at once. */
  public void add(Revocation revocation) {
    repository.add(revocation);
    refresh();
  }

  /** Reloads every revocation younger than the horizon. */
  public void refresh() {
    Instant since = clock.instant().minus(HORIZON);
    var sessions = new HashMap<String, Instant>();
    var principals = new HashMap<String, Instant>();
    for (Revocation r : repository.listSince(since)) {
      if (r.sessionId() != null) {
        sessions.put(r.sessionId(), r.created());
      }
      if (r.principalArn() != null && r.issuedBefore() != null) {
        principals.merge(r.principalArn(), r.issuedBefore(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    snapshot.set(new Snapshot(Map.copyOf(sessions), Map.copyOf(principals)));
  }

  /** Deletes revocations past the horizon from the database. */
  public int prune() {
    return repository.deleteCreatedBefore(clock.instant().minus(HORIZON));
  }
}
