package dev.stint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.junit.jupiter.api.Test;

class HttpStackTest {

  @Test
  void connectionsKeepNoHeaderCacheAndRepeatedHeadersStillArriveOnOneConnection() throws Exception {
    Javalin app =
        Javalin.create(
            cfg -> {
              HttpStack.configure(cfg);
              cfg.jetty.host = "127.0.0.1";
              cfg.jetty.port = 0;
              cfg.routes.get("/", ctx -> ctx.result(ctx.header("X-Probe")));
            });
    app.start();
    try (HttpClient client = HttpClient.newHttpClient()) {
      var connector = app.jettyServer().server().getConnectors()[0];
      assertThat(
              connector
                  .getConnectionFactory(HttpConnectionFactory.class)
                  .getHttpConfiguration()
                  .getHeaderCacheSize())
          .isZero();
      for (String value : new String[] {"first", "first", "second"}) {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/"))
                    .header("X-Probe", value)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(value);
      }
    } finally {
      app.stop();
    }
  }
}
