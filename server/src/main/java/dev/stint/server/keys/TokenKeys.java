package dev.stint.server.keys;

import dev.stint.core.token.TokenKey;
import dev.stint.core.token.TokenKeyRing;
import dev.stint.server.store.TokenKeyRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session-token keys of this server and every node sharing its database: stored sealed under
 * the master key, loaded into a {@link TokenKeyRing}, rotated when the newest is older than the
 * rotation period (old keys verify until the longest credential they sealed expires), and reloaded
 * so that keys made on another node are known here. Thread-safe.
 */
public final class TokenKeys {
  /** Credentials live at most 36 hours (GetSessionToken's maximum), so old keys stay that long. */
  public static final Duration MAX_CREDENTIAL_LIFETIME = Duration.ofHours(36);

  static final String PURPOSE = "token-key";
  private static final Logger log = LoggerFactory.getLogger(TokenKeys.class);
  private static final long MIN_RELOAD_GAP_NANOS = Duration.ofSeconds(1).toNanos();

  private final TokenKeyRepository repository;
  private final SecretBox box;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration rotateEvery;
  private final TokenKeyRing ring;
  private final AtomicLong lastReload = new AtomicLong(System.nanoTime());

  private TokenKeys(
      TokenKeyRepository repository,
      SecretBox box,
      Clock clock,
      SecureRandom random,
      Duration rotateEvery,
      TokenKeyRing ring) {
    this.repository = repository;
    this.box = box;
    this.clock = clock;
    this.random = random;
    this.rotateEvery = rotateEvery;
    this.ring = ring;
  }

  /** Loads the stored keys, creating the first one on an empty store, and rotates if due. */
  public static TokenKeys open(
      TokenKeyRepository repository,
      SecretBox box,
      Clock clock,
      SecureRandom random,
      Duration rotateEvery) {
    if (rotateEvery.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("token key rotation period must be at least a minute");
    }
    List<TokenKey> stored = load(repository, box);
    TokenKeyRing ring;
    if (stored.isEmpty()) {
      ring = TokenKeyRing.generate(clock.instant(), random);
      TokenKey first = ring.current();
      repository.add(toStored(first, box));
    } else {
      ring = new TokenKeyRing(stored);
    }
    var keys = new TokenKeys(repository, box, clock, random, rotateEvery, ring);
    keys.maintain();
    return keys;
  }

  public TokenKeyRing ring() {
    return ring;
  }

  /**
   * Reloads the keys from storage, at most once a second: for a token naming a key this node has
   * not seen yet (another node rotated).
   */
  public void reloadIfIdle() {
    long now = System.nanoTime();
    long last = lastReload.get();
    if (now - last >= MIN_RELOAD_GAP_NANOS && lastReload.compareAndSet(last, now)) {
      reload();
    }
  }

  /** Reloads, rotates when the current key is due, and deletes keys past their retirement. */
  public void maintain() {
    reload();
    Instant now = clock.instant();
    TokenKey current = ring.current();
    if (!current.createdAt().plus(rotateEvery).isAfter(now)) {
      List<TokenKey> before = ring.keys();
      TokenKey fresh = ring.rotate(now, MAX_CREDENTIAL_LIFETIME, random);
      repository.add(toStored(fresh, box));
      for (TokenKey old : before) {
        if (old.retireAfter() == null) {
          repository.retireAfter(old.id(), now.plus(MAX_CREDENTIAL_LIFETIME));
        }
      }
      log.info("token key rotated: {} seals new tokens", fresh.id());
    }
    for (TokenKey gone : ring.prune(now)) {
      log.info("token key {} retired", gone.id());
    }
    repository.deleteRetired(now);
  }

  private void reload() {
    lastReload.set(System.nanoTime());
    List<TokenKey> stored = load(repository, box);
    if (!stored.isEmpty()) {
      ring.replace(stored);
    }
  }

  private static List<TokenKey> load(TokenKeyRepository repository, SecretBox box) {
    var out = new ArrayList<TokenKey>();
    for (var s : repository.list()) {
      byte[] key = box.open(PURPOSE, s.keyId(), s.wrappedKey());
      out.add(new TokenKey(s.keyId(), key, s.created(), s.retireAfter()));
      java.util.Arrays.fill(key, (byte) 0);
    }
    return out;
  }

  private static dev.stint.server.store.TokenKey toStored(TokenKey key, SecretBox box) {
    byte[] raw = key.key();
    try {
      return new dev.stint.server.store.TokenKey(
          key.id(), box.seal(PURPOSE, key.id(), raw), key.createdAt(), key.retireAfter());
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }
}
