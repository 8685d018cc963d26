package dev.stint.bench.http;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.sigv4.HttpRequestParts;
import dev.stint.core.sigv4.SigV4Signer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Writes a wrk Lua script that replays one SigV4-signed query-protocol POST. A signature stays good
 * for the server's clock-skew window (5 minutes), so one signed request can be sent many times:
 * each AssumeRole replay is a new issuance. An optional per-connection delay (ms) paces the load
 * for latency at a chosen rate; it may be fractional (a mean of whole milliseconds). With {@code
 * WRK_SCRIPT_FORMAT=curl} it prints the same request as curl arguments, one per line.
 *
 * <p>Usage: {@code WrkScript ENDPOINT SERVICE FORM ACCESS_KEY_ID SECRET [SESSION_TOKEN|-]
 * [DELAY_MS]}; the secret may be read from the environment variable named by {@code env:NAME}.
 */
public final class WrkScript {
  private WrkScript() {}

  public static void main(String[] args) {
    URI endpoint = URI.create(args[0]);
    String service = args[1];
    String form = args[2];
    String secret = args[4].startsWith("env:") ? System.getenv(args[4].substring(4)) : args[4];
    String token = args.length > 5 && !args[5].equals("-") ? args[5] : null;
    double delay = args.length > 6 ? Double.parseDouble(args[6]) : 0;
    var credentials = new Credentials(args[3], secret, token, null);
    String host = endpoint.getHost() + ":" + endpoint.getPort();
    byte[] body = form.getBytes(StandardCharsets.UTF_8);
    var request =
        new HttpRequestParts(
            "POST",
            "/",
            null,
            List.of(
                new HttpRequestParts.Header("Host", host),
                new HttpRequestParts.Header(
                    "Content-Type", "application/x-www-form-urlencoded; charset=utf-8")),
            body);
    var signed =
        SigV4Signer.sign(
            request, credentials, SigV4Signer.Options.of("us-east-1", service, Instant.now()));
    if ("curl".equals(System.getenv("WRK_SCRIPT_FORMAT"))) {
      // One curl argument per line, for `mapfile`: the same signed request, sent once.
      for (var h : signed.request().headers()) {
        if (!h.name().equalsIgnoreCase("host")) {
          System.out.print("-H\n" + h.name() + ": " + h.value() + "\n");
        }
      }
      System.out.print("--data-binary\n" + form + "\n");
      return;
    }
    var lua = new StringBuilder();
    lua.append("wrk.method = \"POST\"\n");
    lua.append("wrk.body = ").append(quote(form)).append('\n');
    for (var h : signed.request().headers()) {
      if (!h.name().equalsIgnoreCase("host")) {
        lua.append("wrk.headers[")
            .append(quote(h.name()))
            .append("] = ")
            .append(quote(h.value()))
            .append('\n');
      }
    }
    if (delay > 0) {
      // wrk takes whole milliseconds: a fractional mean is made of the two whole values around it.
      lua.append("local mean = ")
          .append(delay)
          .append(
              """

              function delay()
                local base = math.floor(mean)
                if math.random() < mean - base then return base + 1 end
                return base
              end
              """);
    }
    lua.append(
        """
        function done(summary, latency, requests)
          io.write(string.format("RESULT requests=%d errors=%d non2xx=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f\\n",
            summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
            summary.errors.status, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
            latency:percentile(50) / 1000, latency:percentile(99) / 1000))
        end
        """);
    System.out.print(lua);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
