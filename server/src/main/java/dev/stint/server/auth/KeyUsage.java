package dev.stint.server.auth;

import dev.stint.server.store.AccessKey;
import dev.stint.server.store.AccessKeyRepository;
import dev.stint.server.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records when a long-term access key was last used (GetAccessKeyLastUsed), at most once a minute
 * per key and node, off the request's path: AWS itself reports this with hours of delay, and a
 * request must never wait for it. Thread-safe.
 */
final class KeyUsage {
  static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(KeyUsage.class);
  private static final int MAX_TRACKED = 100_000;

  private final AccessKeyRepository keys;
  private final Clock clock;
  private final Map<String, Instant> lastWritten = new ConcurrentHashMap<>();

  KeyUsage(AccessKeyRepository keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  void used(String accessKeyId, String service, String region) {
    Instant now = clock.instant();
    Instant last = lastWritten.get(accessKeyId);
    if (last != null && last.plus(INTERVAL).isAfter(now)) {
      return;
    }
    if (lastWritten.size() >= MAX_TRACKED) {
      lastWritten.clear();
    }
    lastWritten.put(accessKeyId, now);
    Thread.ofVirtual()
        .name("stint-key-usage")
        .start(
            () -> {
              try {
                keys.recordUse(accessKeyId, new AccessKey.LastUsed(now, service, region));
              } catch (StoreException | IllegalArgumentException e) {
                log.debug("last use of {} not recorded: {}", accessKeyId, e.toString());
              }
            });
  }
}
