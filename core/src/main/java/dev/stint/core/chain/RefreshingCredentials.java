package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Temporary credentials that fetch themselves again before they expire, with botocore's two
 * windows: from 15 minutes before expiry (advisory) one caller refreshes while the others keep
 * using the current value, and a failed refresh is only logged; from 10 minutes before (mandatory)
 * every caller waits for the refresh, and a failure is thrown. The first {@link #get()} fetches
 * (nothing is fetched until credentials are needed). Thread-safe: values are immutable and swapped
 * through an {@link AtomicReference}; one lock admits one refresher.
 */
final class RefreshingCredentials implements CredentialSupplier {

  static final Duration ADVISORY = Duration.ofMinutes(15);
  static final Duration MANDATORY = Duration.ofMinutes(10);

  /**
   * The logger, looked up only when there is something to say: the first lookup searches every jar
   * of the class path for a logging provider, which a command started for each AWS call (such as
   * {@code credential_process}) cannot afford on its quiet path.
   */
  private static System.Logger log() {
    return System.getLogger(RefreshingCredentials.class.getName());
  }

  /** Fetches fresh credentials; throws on failure. */
  @FunctionalInterface
  interface Fetch {
    Credentials fetch();
  }

  private final Fetch fetch;
  private final Clock clock;
  private final CredentialSource source;
  private final AtomicReference<Credentials> current;
  private final ReentrantLock refreshing = new ReentrantLock();

  private RefreshingCredentials(
      Fetch fetch, Clock clock, CredentialSource source, Credentials initial) {
    this.fetch = Objects.requireNonNull(fetch, "fetch");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.source = Objects.requireNonNull(source, "source");
    this.current = new AtomicReference<>(initial);
  }

  /** Credentials fetched on first use. */
  static RefreshingCredentials deferred(Fetch fetch, Clock clock, CredentialSource source) {
    return new RefreshingCredentials(fetch, clock, source, null);
  }

  /** Credentials already in hand, refreshed by {@code fetch} when they near expiry. */
  static RefreshingCredentials of(
      Credentials initial, Fetch fetch, Clock clock, CredentialSource source) {
    return new RefreshingCredentials(fetch, clock, source, Objects.requireNonNull(initial));
  }

  @Override
  public Credentials get() {
    Credentials now = current.get();
    if (!needsRefresh(now, ADVISORY)) {
      return now;
    }
    if (refreshing.tryLock()) {
      try {
        now = current.get();
        if (needsRefresh(now, ADVISORY)) {
          refresh(needsRefresh(now, MANDATORY));
        }
      } finally {
        refreshing.unlock();
      }
    } else if (needsRefresh(now, MANDATORY)) {
      refreshing.lock();
      try {
        if (needsRefresh(current.get(), MANDATORY)) {
          refresh(true);
        }
      } finally {
        refreshing.unlock();
      }
    }
    return current.get();
  }

  private void refresh(boolean mandatory) {
    Credentials fresh;
    try {
      fresh = fetch.fetch();
    } catch (RuntimeException e) {
      if (mandatory) {
        throw e;
      }
      log()
          .log(
              System.Logger.Level.WARNING,
              "Refreshing temporary credentials from "
                  + source.method()
                  + " failed during the"
                  + " advisory refresh period; using the current ones",
              e);
      return;
    }
    current.set(fresh);
    if (needsRefresh(fresh, Duration.ZERO)) {
      throw new CredentialException.RetrievalFailed(
          source, "Credentials were refreshed, but the refreshed credentials are still expired.");
    }
  }

  private boolean needsRefresh(Credentials credentials, Duration window) {
    if (credentials == null) {
      return true;
    }
    Instant expiry = credentials.expiration();
    if (expiry == null) {
      return false;
    }
    return Duration.between(clock.instant(), expiry).compareTo(window) < 0;
  }
}
