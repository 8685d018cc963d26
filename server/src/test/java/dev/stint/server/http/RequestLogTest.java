package dev.stint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MessageFormatter;

class RequestLogTest {
  private final RequestLog requestLog =
      new RequestLog(new SimpleMeterRegistry(), Clock.systemUTC());

  @Test
  void writesTheDateHeaderAsHttpDoes() {
    assertThat(requestLog.httpDate(Instant.parse("2026-11-29T23:45:01.999Z")))
        .isEqualTo("Sun, 29 Nov 2026 23:45:01 GMT");
    assertThat(requestLog.httpDate(Instant.parse("2026-03-01T00:00:00Z")))
        .isEqualTo("Sun, 01 Mar 2026 00:00:00 GMT");
  }

  @Test
  void aDateHeaderFollowsTheClockSecondBySecond() {
    var formatter = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);
    Instant t = Instant.parse("2026-12-31T23:59:58.400Z");
    for (int i = 0; i < 30; i++, t = t.plusMillis(300)) {
      assertThat(requestLog.httpDate(t)).isEqualTo(formatter.format(t.atOffset(ZoneOffset.UTC)));
    }
    // Back in time too (a clock set back, a test clock): the header follows.
    Instant earlier = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(requestLog.httpDate(earlier)).isEqualTo("Thu, 01 Jan 2026 00:00:00 GMT");
  }

  @Test
  void logLineIsWhatTheLoggerFormattedBefore() {
    assertThat(
            RequestLog.line(
                "POST", "/", "AssumeRole", 200, 1_234_567, "rid", "AKIAIOSFODNN7EXAMPLE"))
        .isEqualTo(
            "POST / action=AssumeRole status=200 ms=1.23 request=rid key=AKIAIOSFODNN7EXAMPLE");
    assertThat(RequestLog.line("GET", "/healthz", null, 404, 0, "", null))
        .isEqualTo("GET /healthz action=- status=404 ms=0.00 request= key=-")
        .isEqualTo(
            MessageFormatter.arrayFormat(
                    "{} {} action={} status={} ms={} request={} key={}",
                    new Object[] {"GET", "/healthz", "-", 404, "0.00", "", "-"})
                .getMessage());
    // A path with the logger's placeholder in it stays as it came.
    assertThat(RequestLog.line("GET", "/{}", "x", 200, 0, "r", "k"))
        .isEqualTo("GET /{} action=x status=200 ms=0.00 request=r key=k");
  }

  @Test
  void millisecondsAreRoundedAsPercentPointTwoF() {
    var random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      long nanos =
          switch (i % 4) {
            case 0 -> i; // the smallest durations
            case 1 -> (long) i * 10_000 + 5_000; // halfway between two hundredths
            case 2 -> (long) i * 10_000 + 4_999;
            default -> random.nextLong(1_000_000_000_000L); // up to about 17 minutes
          };
      var out = new StringBuilder();
      RequestLog.millis(out, nanos);
      assertThat(out.toString())
          .as("%d ns", nanos)
          .isEqualTo(String.format(Locale.ROOT, "%.2f", nanos / 1e6));
    }
  }
}
