package dev.stint.server.ops;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Operations endpoints: {@code /healthz} (the process answers), {@code /readyz} (it takes traffic)
 * and {@code /metrics} (Prometheus text format). Thread-safe.
 */
public final class OpsRoutes {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Readiness readiness;
  private final PrometheusMeterRegistry metrics;

  public OpsRoutes(Readiness readiness, PrometheusMeterRegistry metrics) {
    this.readiness = readiness;
    this.metrics = metrics;
  }

  public void register(RoutesConfig routes) {
    routes.get("/healthz", ctx -> ctx.contentType("text/plain").result("ok\n"));
    routes.get(
        "/readyz",
        ctx -> {
          var state = readiness.state();
          ctx.status(state == Readiness.State.READY ? 200 : 503)
              .contentType("text/plain")
              .result(state.name().toLowerCase(java.util.Locale.ROOT) + "\n");
        });
    routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
  }
}
