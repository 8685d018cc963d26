package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Role credentials through the AWS CLI's cache, as botocore's {@code CachedCredentialFetcher}: an
 * entry with at least 15 minutes left is used as it is; otherwise the call is made and its answer
 * stored. The miss path holds the entry's lock (threads and processes) and reads the entry again
 * once it has it, so of N processes needing the same role one calls STS (and asks for an MFA code)
 * and the others take its result. Thread-safe.
 */
final class CachedFetch implements RefreshingCredentials.Fetch {

  static final Duration EXPIRY_WINDOW = Duration.ofMinutes(15);

  /**
   * The logger, looked up only when there is something to say: the first lookup searches every jar
   * of the class path for a logging provider, which a command started for each AWS call (such as
   * {@code credential_process}) cannot afford on its quiet path.
   */
  private static System.Logger log() {
    return System.getLogger(CachedFetch.class.getName());
  }

  private final CliCache cache;
  private final String key;
  private final Clock clock;
  private final CredentialSource source;
  private final Supplier<Map<String, Object>> call;

  /**
   * @param call makes the call and returns the entry to store, shaped as botocore stores it ({@code
   *     Credentials: {AccessKeyId, SecretAccessKey, SessionToken, Expiration}, ...})
   */
  CachedFetch(
      CliCache cache,
      String key,
      Clock clock,
      CredentialSource source,
      Supplier<Map<String, Object>> call) {
    this.cache = cache;
    this.key = key;
    this.clock = clock;
    this.source = source;
    this.call = call;
  }

  String key() {
    return key;
  }

  @Override
  public Credentials fetch() {
    Optional<Credentials> hit = usable(cache.read(key));
    if (hit.isPresent()) {
      return hit.get();
    }
    try {
      return cache.locked(
          key,
          () -> {
            Optional<Credentials> again = usable(cache.read(key));
            if (again.isPresent()) {
              return again.get();
            }
            Map<String, Object> entry = call.get();
            Credentials fresh = credentials(entry).orElseThrow(this::unusable);
            try {
              cache.write(key, entry);
            } catch (IOException e) {
              log().log(System.Logger.Level.WARNING, "Cannot write " + cache.file(key), e);
            }
            return fresh;
          });
    } catch (IOException e) {
      // No lock to be had (a read-only home): the credentials matter more than the cache.
      log().log(System.Logger.Level.WARNING, "Cannot lock " + cache.file(key) + "; not caching", e);
      return credentials(call.get()).orElseThrow(this::unusable);
    }
  }

  private CredentialException unusable() {
    return new CredentialException.RetrievalFailed(
        source, "the answer holds no usable credentials");
  }

  private Optional<Credentials> usable(Optional<Map<String, Object>> entry) {
    return entry
        .flatMap(CachedFetch::credentials)
        .filter(
            c -> Duration.between(clock.instant(), c.expiration()).compareTo(EXPIRY_WINDOW) >= 0);
  }

  /** The credentials of an entry, if it holds complete ones with a readable expiry. */
  static Optional<Credentials> credentials(Map<String, Object> entry) {
    if (!(entry.get("Credentials") instanceof Map<?, ?> values)) {
      return Optional.empty();
    }
    if (!(values.get("AccessKeyId") instanceof String accessKeyId)
        || !(values.get("SecretAccessKey") instanceof String secret)
        || accessKeyId.isBlank()
        || secret.isEmpty()) {
      return Optional.empty();
    }
    String token = values.get("SessionToken") instanceof String s ? s : null;
    Optional<Instant> expiry =
        Timestamps.parse(values.get("Expiration") instanceof String e ? e : null);
    return expiry.map(at -> new Credentials(accessKeyId, secret, token, at));
  }

  @Override
  public String toString() {
    return "CachedFetch[" + source.method() + ", " + key + "]";
  }
}
