package dev.stint.core.token;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The keys that seal and open session tokens: the newest seals, every key not yet retired opens.
 * Thread-safe: readers see one immutable snapshot, writers swap a new one in atomically, so a
 * request never sees half a rotation.
 *
 * <p>The ring is never empty. Storing keys is the caller's business: {@link #rotate} and {@link
 * #prune} return what changed, {@link #replace} loads what was stored.
 */
public final class TokenKeyRing {

  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  private static final int ID_LENGTH = 8;

  private final AtomicReference<Snapshot> snapshot;

  /**
   * A ring holding {@code keys}: at least one, ids unique. The newest by {@link
   * TokenKey#createdAt()} becomes current; of keys created at the same instant, the later in the
   * list.
   */
  public TokenKeyRing(List<TokenKey> keys) {
    this.snapshot = new AtomicReference<>(Snapshot.of(keys));
  }

  /** A ring with one fresh key created at {@code now}. */
  public static TokenKeyRing generate(Instant now, SecureRandom random) {
    return new TokenKeyRing(List.of(TokenKey.generate(newId(Map.of(), random), now, random)));
  }

  /** The key that seals new tokens. */
  public TokenKey current() {
    return snapshot.get().current;
  }

  /** The key named {@code id}, retired or not; the codec refuses retired ones itself. */
  public Optional<TokenKey> find(String id) {
    return Optional.ofNullable(snapshot.get().byId.get(id));
  }

  /** Every key, oldest first; the last is {@link #current()}. */
  public List<TokenKey> keys() {
    return snapshot.get().keys;
  }

  /**
   * Adds a fresh key created at {@code now}, which seals from now on, and sets every key that had
   * no retirement time to retire after {@code now + maxCredentialLifetime}: the last token they
   * sealed expires by then. Keys already retiring keep their time.
   *
   * @param maxCredentialLifetime the longest lifetime of any credential this service issues
   * @return the new key, for the caller to store
   * @throws IllegalArgumentException if {@code now} is before the current key was created (a clock
   *     that went back would otherwise leave the old key sealing)
   */
  public TokenKey rotate(Instant now, Duration maxCredentialLifetime, SecureRandom random) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(random, "random");
    if (maxCredentialLifetime.isNegative() || maxCredentialLifetime.isZero()) {
      throw new IllegalArgumentException(
          "maxCredentialLifetime " + maxCredentialLifetime + " must be positive");
    }
    Instant retireAfter = now.plus(maxCredentialLifetime);
    while (true) {
      Snapshot old = snapshot.get();
      if (now.isBefore(old.current.createdAt())) {
        throw new IllegalArgumentException(
            "cannot rotate at "
                + now
                + ": the current key "
                + old.current.id()
                + " was created later, at "
                + old.current.createdAt());
      }
      TokenKey fresh = TokenKey.generate(newId(old.byId, random), now, random);
      var keys = new ArrayList<TokenKey>(old.keys.size() + 1);
      for (TokenKey key : old.keys) {
        keys.add(key.retireAfter() == null ? key.retiringAfter(retireAfter) : key);
      }
      keys.add(fresh);
      if (snapshot.compareAndSet(old, Snapshot.of(keys))) {
        return fresh;
      }
    }
  }

  /**
   * Drops every key retired at {@code now}, except the current one, which always stays.
   *
   * @return the keys dropped, for the caller to delete from storage
   */
  public List<TokenKey> prune(Instant now) {
    Objects.requireNonNull(now, "now");
    while (true) {
      Snapshot old = snapshot.get();
      var kept = new ArrayList<TokenKey>();
      var dropped = new ArrayList<TokenKey>();
      for (TokenKey key : old.keys) {
        (key != old.current && key.isRetiredAt(now) ? dropped : kept).add(key);
      }
      if (dropped.isEmpty() || snapshot.compareAndSet(old, Snapshot.of(kept))) {
        return List.copyOf(dropped);
      }
    }
  }

  /** Swaps in {@code keys}, as read from storage; the same rules as the constructor. */
  public void replace(List<TokenKey> keys) {
    snapshot.set(Snapshot.of(keys));
  }

  @Override
  public String toString() {
    return "TokenKeyRing" + keys();
  }

  private static String newId(Map<String, TokenKey> taken, SecureRandom random) {
    while (true) {
      var id = new StringBuilder(ID_LENGTH);
      for (int i = 0; i < ID_LENGTH; i++) {
        id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
      }
      if (!taken.containsKey(id.toString())) {
        return id.toString();
      }
    }
  }

  private record Snapshot(List<TokenKey> keys, Map<String, TokenKey> byId, TokenKey current) {
    static Snapshot of(List<TokenKey> given) {
      Objects.requireNonNull(given, "keys");
      if (given.isEmpty()) {
        throw new IllegalArgumentException("a token key ring needs at least one key");
      }
      var sorted = new ArrayList<TokenKey>(given.size());
      var byId = new HashMap<String, TokenKey>();
      for (TokenKey key : given) {
        Objects.requireNonNull(key, "keys contain null");
        if (byId.putIfAbsent(key.id(), key) != null) {
          throw new IllegalArgumentException("token key id " + key.id() + " appears twice");
        }
        sorted.add(key);
      }
      // Stable: of keys created at the same instant, the later in the list stays later.
      sorted.sort(Comparator.comparing(TokenKey::createdAt));
      return new Snapshot(List.copyOf(sorted), Map.copyOf(byId), sorted.get(sorted.size() - 1));
    }
  }
}
