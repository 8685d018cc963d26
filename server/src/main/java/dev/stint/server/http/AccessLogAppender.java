package dev.stint.server.http;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The access log's appender: each request's thread formats its line and queues it without a lock; a
 * daemon thread writes everything queued to standard error in one {@code write} every {@link
 * #FLUSH_MILLIS} ms. Logback's {@code AsyncAppender} over a console appender woke its worker for
 * every line and wrote each line with its own system call, an eighth of the server's CPU under
 * load. A line reaches standard error at most {@link #FLUSH_MILLIS} ms late; when more than {@link
 * #MAX_PENDING_BYTES} wait, the appending thread writes them itself, so memory stays bounded and no
 * line is dropped. {@link #stop()} writes what is queued (the server stops logging on shutdown).
 * Only the access log uses it: other log lines stay synchronous. Thread-safe.
 */
public final class AccessLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  static final long FLUSH_MILLIS = 50;
  static final int MAX_PENDING_BYTES = 1 << 20;

  private final ConcurrentLinkedQueue<byte[]> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pendingBytes = new AtomicInteger();
  private final ReentrantLock writing = new ReentrantLock();
  private final int maxPendingBytes;
  private final long flushMillis;
  private Encoder<ILoggingEvent> encoder;
  private final OutputStream out;
  private final ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);
  private ScheduledExecutorService flusher;

  /** For logback's configuration: writes to standard error. */
  public AccessLogAppender() {
    this(new FileOutputStream(FileDescriptor.err), MAX_PENDING_BYTES, FLUSH_MILLIS);
  }

  AccessLogAppender(OutputStream out, int maxPendingBytes, long flushMillis) {
    this.out = out;
    this.maxPendingBytes = maxPendingBytes;
    this.flushMillis = flushMillis;
  }

  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  @Override
  public void start() {
    if (encoder == null) {
      addError("No encoder set for the appender named [" + name + "].");
      return;
    }
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("stint-access-log").daemon().unstarted(task));
    flusher.scheduleWithFixedDelay(this::flush, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    byte[] line = encoder.encode(event);
    pending.add(line);
    if (pendingBytes.addAndGet(line.length) > maxPendingBytes) {
      flush();
    }
  }

  /** Writes every queued line, in order, with one write. */
  void flush() {
    writing.lock();
    try {
      batch.reset();
      for (byte[] line; (line = pending.poll()) != null; ) {
        pendingBytes.addAndGet(-line.length);
        batch.write(line, 0, line.length);
      }
      if (batch.size() > 0) {
        batch.writeTo(out);
        out.flush();
      }
    } catch (IOException e) {
      addError("could not write the access log", e);
    } finally {
      writing.unlock();
    }
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    flusher.shutdown();
    try {
      flusher.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
