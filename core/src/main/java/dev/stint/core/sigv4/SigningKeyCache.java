package dev.stint.core.sigv4;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Mac;

/**
 * A bounded least-recently-used cache of SigV4 signing keys, so that the four HMACs deriving a key
 * run once per secret, day, region and service rather than once per request. Thread-safe.
 *
 * <p>Entries are keyed by the SHA-256 of the secret, never the secret itself, and hold an {@link
 * Mac} already keyed with the signing key; callers get a clone, so the cached one is never updated.
 * A capacity of zero turns the cache off.
 */
final class SigningKeyCache {

  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final LruMap entries;
  private long hits;
  private long misses;

  SigningKeyCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("cache capacity is negative: " + capacity);
    }
    this.capacity = capacity;
    this.entries = new LruMap(capacity);
  }

  /** An HMAC keyed with the signing key for this secret and scope, for one use by the caller. */
  Mac mac(byte[] secret, String date, String region, String service) {
    if (capacity == 0) {
      return Crypto.signingMac(secret, date, region, service);
    }
    Key key = new Key(Crypto.sha256(secret), date, region, service);
    Mac cached;
    lock.lock();
    try {
      cached = entries.get(key);
      if (cached != null) {
        hits++;
      } else {
        misses++;
      }
    } finally {
      lock.unlock();
    }
    if (cached == null) {
      cached = Crypto.signingMac(secret, date, region, service);
      lock.lock();
      try {
        entries.put(key, cached);
      } finally {
        lock.unlock();
      }
    }
    return Crypto.copy(cached);
  }

  int size() {
    lock.lock();
    try {
      return entries.size();
    } finally {
      lock.unlock();
    }
  }

  long hits() {
    lock.lock();
    try {
      return hits;
    } finally {
      lock.unlock();
    }
  }

  long misses() {
    lock.lock();
    try {
      return misses;
    } finally {
      lock.unlock();
    }
  }

  /** Access-ordered, dropping the least recently used entry past its capacity. */
  private static final class LruMap extends LinkedHashMap<Key, Mac> {
    private static final long serialVersionUID = 1L;
    private final int capacity;

    LruMap(int capacity) {
      super(16, 0.75f, true);
      this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Mac> eldest) {
      return size() > capacity;
    }
  }

  /** Secret hash and scope. Its toString names the scope only. */
  private static final class Key {
    private final byte[] secretHash;
    private final String date;
    private final String region;
    private final String service;
    private final int hash;

    Key(byte[] secretHash, String date, String region, String service) {
      this.secretHash = secretHash;
      this.date = date;
      this.region = region;
      this.service = service;
      this.hash =
          31 * (31 * (31 * Arrays.hashCode(secretHash) + date.hashCode()) + region.hashCode())
              + service.hashCode();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key that
          && hash == that.hash
          && Arrays.equals(secretHash, that.secretHash)
          && date.equals(that.date)
          && region.equals(that.region)
          && service.equals(that.service);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return "SigningKey[" + date + "/" + region + "/" + service + "]";
    }
  }
}
