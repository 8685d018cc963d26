package dev.stint.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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

  /** Context attribute: the AWS action a handler recognised, for the log line. */
  public static final String ACTION = "stint.action";

  /** Context attribute: the access key id that signed the request, once known. */
  public static final String ACCESS_KEY_ID = "stint.accessKeyId";

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH);
  private static final String REQUEST_ID = "stint.requestId";
  private static final String STARTED = "stint.startedNanos";
  private static final Logger log = LoggerFactory.getLogger("stint.access");

  private final MeterRegistry metrics;
  private final Clock clock;
  // One timer per action and status; bounded because actions come from the services' fixed lists.
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public RequestLog(MeterRegistry metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The id of the request being handled, as sent in {@code x-amzn-RequestId}. */
  public static String requestId(Context ctx) {
    String id = ctx.attribute(REQUEST_ID);
    return id == null ? "" : id;
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.before(
        ctx -> {
          String id = requestId();
          ctx.attribute(REQUEST_ID, id);
          ctx.attribute(STARTED, System.nanoTime());
          ctx.header("x-amzn-RequestId", id);
          ctx.header("Date", HTTP_DATE.format(clock.instant().atOffset(ZoneOffset.UTC)));
        });
    cfg.requestLogger.http((ctx, millis) -> done(ctx));
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
    Long started = ctx.attribute(STARTED);
    long nanos = started == null ? 0 : System.nanoTime() - started;
    String action = ctx.attribute(ACTION);
    String key = ctx.attribute(ACCESS_KEY_ID);
    timers
        .computeIfAbsent(
            (action == null ? "none" : action) + " " + ctx.statusCode(),
            series ->
                Timer.builder("stint.http.requests")
                    .tag("action", action == null ? "none" : action)
                    .tag("status", Integer.toString(ctx.statusCode()))
                    .register(metrics))
        .record(nanos, TimeUnit.NANOSECONDS);
    if (log.isInfoEnabled()) {
      log.info(
          "{} {} action={} status={} ms={} request={} key={}",
          ctx.method(),
          ctx.path(),
          action == null ? "-" : action,
          ctx.statusCode(),
          String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6),
          requestId(ctx),
          key == null ? "-" : key);
    }
  }
}
