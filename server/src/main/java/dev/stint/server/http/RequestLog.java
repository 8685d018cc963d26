package dev.stint.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request an id ({@code x-amzn-RequestId}) and writes one log line per request: method,
 * path, action, status, duration, request id and access key id — never a secret, never a query
 * string or body. Also times requests into the {@code stint.http.requests} metric. Thread-safe.
 */
public final class RequestLog {
  /** Bodies above this size are refused before any handler reads them. */
  public static final long MAX_BODY_BYTES = 256 * 1024;

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH);
  // One attribute for everything the log line gathers: each attribute read walks Jetty's request
  // wrappers to a map, and four reads and four writes of them were 2 to 3% of an AssumeRole's CPU.
  private static final String ENTRY = "stint.requestLog";
  private static final Logger log = LoggerFactory.getLogger("stint.access");

  /**
   * What one request's log line gathers while it is handled. Set on the handling thread; read once
   * the response is complete, after the hand-over that completes it.
   */
  private static final class Entry {
    final String requestId;
    final long startedNanos;
    String action;
    String accessKeyId;

    Entry(String requestId, long startedNanos) {
      this.requestId = requestId;
      this.startedNanos = startedNanos;
    }
  }

  /** The {@code Date} header's text for one second of time. */
  private record HttpDate(long epochSecond, String text) {}

  private final MeterRegistry metrics;
  private final Clock clock;

  /**
   * The request timer's histogram bounds: {@code stint_http_requests_seconds_bucket{le=...}} counts
   * the requests that took at most each, so a dashboard can tell the share served within 10 ms.
   */
  static final Duration[] LATENCY_BUCKETS =
      Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 1000)
          .map(Duration::ofMillis)
          .toArray(Duration[]::new);

  // One timer per action and status; bounded because actions come from the services' fixed lists.
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  // The last second's Date header: formatting it anew took 2% of a request's CPU. Racing threads at
  // a second's turn may each format it; every one of them writes the same text.
  private volatile HttpDate date = new HttpDate(Long.MIN_VALUE, "");

  public RequestLog(MeterRegistry metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The id of the request being handled, as sent in {@code x-amzn-RequestId}. */
  public static String requestId(Context ctx) {
    Entry entry = ctx.attribute(ENTRY);
    return entry == null ? "" : entry.requestId;
  }

  /**
   * Names the AWS action a handler recognised, for the log line and the metrics: only names from a
   * fixed list, so that a caller cannot mint metric series.
   */
  public static void action(Context ctx, String action) {
    Entry entry = ctx.attribute(ENTRY);
    if (entry != null) {
      entry.action = action;
    }
  }

  /** Names the access key id that signed the request, once it is known. */
  public static void accessKeyId(Context ctx, String accessKeyId) {
    Entry entry = ctx.attribute(ENTRY);
    if (entry != null) {
      entry.accessKeyId = accessKeyId;
    }
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.before(
        ctx -> {
          String id = requestId();
          ctx.attribute(ENTRY, new Entry(id, System.nanoTime()));
          ctx.header("x-amzn-RequestId", id);
          ctx.header("Date", httpDate(clock.instant()));
        });
    cfg.requestLogger.http((ctx, millis) -> done(ctx));
  }

  /** {@code Date}'s value at {@code now}: {@code Sun, 29 Nov 2026 23:45:01 GMT}. */
  String httpDate(Instant now) {
    HttpDate cached = date;
    if (cached.epochSecond() != now.getEpochSecond()) {
      cached = new HttpDate(now.getEpochSecond(), HTTP_DATE.format(now.atOffset(ZoneOffset.UTC)));
      date = cached;
    }
    return cached.text();
  }

  /**
   * A version-4-shaped UUID from a non-blocking generator: request ids must be unique, not secret,
   * and a shared SecureRandom would serialise every request.
   */
  static String requestId() {
    var random = ThreadLocalRandom.current();
    return new UUID(
            (random.nextLong() & ~0xF000L) | 0x4000L,
            (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
        .toString();
  }

  private void done(Context ctx) {
    Entry entry = ctx.attribute(ENTRY);
    long nanos = entry == null ? 0 : System.nanoTime() - entry.startedNanos;
    String action = entry == null ? null : entry.action;
    String key = entry == null ? null : entry.accessKeyId;
    timers
        .computeIfAbsent(
            (action == null ? "none" : action) + " " + ctx.statusCode(),
            series ->
                Timer.builder("stint.http.requests")
                    .tag("action", action == null ? "none" : action)
                    .tag("status", Integer.toString(ctx.statusCode()))
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(metrics))
        .record(nanos, TimeUnit.NANOSECONDS);
    if (log.isInfoEnabled()) {
      log.info(
          line(
              ctx.method().name(),
              ctx.path(),
              action,
              ctx.statusCode(),
              nanos,
              entry == null ? "" : entry.requestId,
              key));
    }
  }

  /**
   * {@code POST / action=AssumeRole status=200 ms=1.25 request=ID key=AKIA...}, with {@code -} for
   * an action or key not known. Built whole rather than by the logger's {@code {}} substitution and
   * {@code String.format}, which together were a fifth of the access log's cost.
   */
  static String line(
      String method,
      String path,
      String action,
      int status,
      long nanos,
      String requestId,
      String key) {
    var line = new StringBuilder(160).append(method).append(' ').append(path);
    line.append(" action=").append(action == null ? "-" : action);
    line.append(" status=").append(status).append(" ms=");
    millis(line, nanos);
    line.append(" request=").append(requestId);
    return line.append(" key=").append(key == null ? "-" : key).toString();
  }

  /**
   * {@code nanos} (not negative) in milliseconds to two places, rounded half up as {@code %.2f}.
   */
  static void millis(StringBuilder out, long nanos) {
    long hundredths = (nanos + 5_000) / 10_000;
    long fraction = hundredths % 100;
    out.append(hundredths / 100).append('.').append(fraction < 10 ? "0" : "").append(fraction);
  }
}
