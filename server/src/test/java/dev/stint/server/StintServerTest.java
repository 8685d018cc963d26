package dev.stint.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StintServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(StintServer server, String path) throws Exception {
    var uri = URI.create("http://127.0.0.1:" + server.port() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersHealthAndReadinessWithARequestIdOnEveryResponse(@TempDir Path dir) throws Exception {
    try (var server =
        StintServer.start(
            ServerConfig.defaults().withPort(0).withDataDir(dir), Clock.systemUTC())) {
      var health = get(server, "/healthz");
      var ready = get(server, "/readyz");

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("ok\n");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).isEqualTo("ready\n");
      assertThat(health.headers().firstValue("x-amzn-RequestId").orElseThrow())
          .matches("[0-9a-f-]{36}")
          .isNotEqualTo(ready.headers().firstValue("x-amzn-RequestId").orElseThrow());
      assertThat(health.headers().firstValue("Date")).isPresent();
    }
  }

  @Test
  void metricsArePrometheusTextCountingServedRequests(@TempDir Path dir) throws Exception {
    try (var server =
        StintServer.start(
            ServerConfig.defaults().withPort(0).withDataDir(dir), Clock.systemUTC())) {
      get(server, "/healthz");
      var metrics = get(server, "/metrics");

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/plain; version=0.0.4");
      assertThat(metrics.body())
          .contains("stint_http_requests_seconds_count{action=\"none\",status=\"200\"} 1")
          .contains(
              "stint_http_requests_seconds_bucket{action=\"none\",status=\"200\",le=\"+Inf\"} 1");
      // The histogram's bounds, whichever bucket the one request fell in.
      assertThat(
              Pattern.compile(
                      "stint_http_requests_seconds_bucket\\{action=\"none\",status=\"200\","
                          + "le=\"([^\"]+)\"\\} [01]\n")
                  .matcher(metrics.body())
                  .results()
                  .map(m -> m.group(1)))
          .containsExactly(
              "0.001", "0.002", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "1.0", "+Inf");
    }
  }
}
