package dev.stint.bench.http;

import dev.stint.server.http.HttpStack;
import io.javalin.Javalin;
import java.util.Arrays;

/**
 * The load benchmark's upper baseline: stint's HTTP stack (Javalin 7 on Jetty 12 as {@link
 * HttpStack} sets it up for the server) answering {@code POST /} with a fixed body of a given size
 * and doing nothing else. Usage: {@code TrivialServer PORT BODY_BYTES}.
 */
public final class TrivialServer {
  private TrivialServer() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    byte[] body = new byte[Integer.parseInt(args[1])];
    Arrays.fill(body, (byte) 'x');
    Javalin app =
        Javalin.create(
            cfg -> {
              HttpStack.configure(cfg);
              cfg.jetty.host = "127.0.0.1";
              cfg.jetty.port = port;
              cfg.routes.post(
                  "/",
                  ctx -> {
                    ctx.bodyAsBytes();
                    ctx.header("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
                    ctx.contentType("text/xml").result(body);
                  });
            });
    app.start();
    System.err.println("trivial listening on http://127.0.0.1:" + app.port());
    Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
  }
}
