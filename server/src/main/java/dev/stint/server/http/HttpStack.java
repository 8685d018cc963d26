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

  /**
   * Jetty keeps a cache of each connection's repeated header fields, built on its second request in
   * a trie of 96 KB at the default size (1,024). A wave of new connections (every AWS CLI run opens
   * its own) left 6 MB of these tries in the old generation once they closed, and every few waves a
   * full collection of 70 ms stopped all requests. The signed headers differ per request anyway;
   * the few that repeat (Host, Content-Type, User-Agent) are parsed again.
   */
  static final int HEADER_CACHE_SIZE = 0;

  private HttpStack() {}

  public static void configure(JavalinConfig cfg) {
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.concurrency.useVirtualThreads = true;
    cfg.http.maxRequestSize = RequestLog.MAX_BODY_BYTES;
    cfg.http.responseBufferSize = RESPONSE_COPY_BYTES;
    cfg.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(HEADER_CACHE_SIZE));
  }
}
