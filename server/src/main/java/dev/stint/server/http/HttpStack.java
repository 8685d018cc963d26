package dev.stint.server.http;

import io.javalin.config.JavalinConfig;

/**
 * How stint's HTTP server is set up, apart from its routes and address: Jetty's threads, the size
 * limits, the response copy. The server applies it, and so does the load benchmark's trivial
 * endpoint, which must stand on the same stack to be a baseline.
 */
public final class HttpStack {
  /**
   * Javalin copies each response into Jetty through a buffer of this size, new for every request
   * (by default Jetty's whole 32 KB output buffer: about 40% of all an AssumeRole allocated). The
   * query responses are a few kilobytes; larger ones take more passes through the buffer.
   */
  static final int RESPONSE_COPY_BYTES = 4096;

  private HttpStack() {}

  public static void configure(JavalinConfig cfg) {
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.concurrency.useVirtualThreads = true;
    cfg.http.maxRequestSize = RequestLog.MAX_BODY_BYTES;
    cfg.http.responseBufferSize = RESPONSE_COPY_BYTES;
  }
}
