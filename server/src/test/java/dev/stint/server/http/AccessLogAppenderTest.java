package dev.stint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AccessLogAppenderTest {
  private final LoggerContext context = new LoggerContext();

  /** A stream that counts its writes, so a test sees how many system calls there would be. */
  private static final class Recording extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public synchronized void write(int b) {
      writes.incrementAndGet();
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      writes.incrementAndGet();
      bytes.write(b, off, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private AccessLogAppender appender(Recording out, int maxPendingBytes, long flushMillis) {
    var encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    var appender = new AccessLogAppender(out, maxPendingBytes, flushMillis);
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }

  private LoggingEvent event(String message) {
    return new LoggingEvent(
        "test", context.getLogger("stint.access"), Level.INFO, message, null, null);
  }

  // An hour between the background thread's writes: only the test's flush and stop write.
  private static final long NEVER = 3_600_000;

  @Test
  void linesQueuedTogetherAreWrittenInOrderWithOneWrite() {
    var out = new Recording();
    var appender = appender(out, AccessLogAppender.MAX_PENDING_BYTES, NEVER);

    IntStream.range(0, 100).forEach(i -> appender.doAppend(event("line " + i)));
    appender.flush();

    assertThat(out.text())
        .isEqualTo(
            IntStream.range(0, 100)
                .mapToObj(i -> "line " + i + "\n")
                .collect(Collectors.joining()));
    assertThat(out.writes).hasValue(1);
    appender.stop();
  }

  @Test
  void aLineReachesTheStreamWithoutAFlushWithinAFewPeriods() throws Exception {
    var out = new Recording();
    var appender =
        appender(out, AccessLogAppender.MAX_PENDING_BYTES, AccessLogAppender.FLUSH_MILLIS);

    appender.doAppend(event("GET /healthz"));
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (out.text().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(AccessLogAppender.FLUSH_MILLIS / 5);
    }

    assertThat(out.text()).isEqualTo("GET /healthz\n");
    appender.stop();
  }

  @Test
  void pastTheBoundTheAppendingThreadWritesAtOnceAndStopWritesTheRest() {
    var out = new Recording();
    var appender = appender(out, 20, NEVER);

    appender.doAppend(event("first line"));
    int before = out.writes.get();
    appender.doAppend(event("second line, past 20 bytes"));
    int after = out.writes.get();
    appender.doAppend(event("third"));
    appender.stop();

    assertThat(after).isEqualTo(before + 1);
    assertThat(out.text()).isEqualTo("first line\nsecond line, past 20 bytes\nthird\n");
    assertThat(appender.isStarted()).isFalse();
  }
}
