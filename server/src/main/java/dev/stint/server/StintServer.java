package dev.stint.server;

import dev.stint.server.http.RequestLog;
import dev.stint.server.ops.OpsRoutes;
import dev.stint.server.ops.Readiness;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the server: builds every part from a {@link ServerConfig} and lets each
 * feature register its routes on one HTTP origin. Start with {@link #start}; {@link #close} drains
 * in-flight requests and releases everything. Thread-safe.
 */
public final class StintServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StintServer.class);

  private final Javalin app;
  private final Readiness readiness;
  private final PrometheusMeterRegistry metrics;

  private StintServer(Javalin app, Readiness readiness, PrometheusMeterRegistry metrics) {
    this.app = app;
    this.readiness = readiness;
    this.metrics = metrics;
  }

  /** Builds the parts, starts listening and returns once the server answers requests. */
  public static StintServer start(ServerConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var readiness = new Readiness();
    var requestLog = new RequestLog(metrics);
    var ops = new OpsRoutes(readiness, metrics);

    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.concurrency.useVirtualThreads = true;
              cfg.http.maxRequestSize = RequestLog.MAX_BODY_BYTES;
              cfg.jetty.host = config.bind();
              cfg.jetty.port = config.port();
              cfg.jetty.modifyServer(server -> server.setStopTimeout(10_000));
              requestLog.register(cfg);
              ops.register(cfg.routes);
            });
    app.start();
    readiness.ready();
    log.info("stint listening on http://{}:{}", config.bind(), app.port());
    return new StintServer(app, readiness, metrics);
  }

  /** The port the server listens on (useful when the config asked for port 0). */
  public int port() {
    return app.port();
  }

  PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** Stops taking new work, lets in-flight requests finish, then releases everything. */
  @Override
  public void close() {
    readiness.draining();
    app.stop();
    metrics.close();
    log.info("stint stopped");
  }
}
