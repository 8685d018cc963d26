package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.internal.http.HttpTransport;
import dev.stint.core.internal.json.Json;
import dev.stint.core.internal.json.JsonParseException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from a container credentials endpoint: {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}
 * below {@code http://169.254.170.2}, or {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, which must be
 * HTTPS, a loopback address or one of the few hosts botocore allows; the {@code Authorization}
 * header from the file {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE} or else {@code
 * AWS_CONTAINER_AUTHORIZATION_TOKEN}. Each fetch has 2 seconds and three tries, as in botocore.
 * Immutable and thread-safe.
 */
final class ContainerProvider implements Provider {

  static final String RELATIVE = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
  static final String FULL = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  static final String TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
  static final String TOKEN_FILE = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final int ATTEMPTS = 3;
  private static final List<String> ALLOWED_HOSTS =
      List.of("169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost");

  private final ChainContext context;

  ContainerProvider(ChainContext context) {
    this.context = context;
  }

  @Override
  public CredentialSource source() {
    return CredentialSource.CONTAINER;
  }

  @Override
  public Outcome load() {
    Map<String, String> environment = context.environment();
    URI uri;
    if (environment.containsKey(RELATIVE)) {
      uri = URI.create(strip(context.containerHost().toString()) + environment.get(RELATIVE));
    } else if (environment.containsKey(FULL)) {
      uri = parse(environment.get(FULL));
    } else {
      return new Skipped(RELATIVE + " and " + FULL + " are not set");
    }
    validate(uri);
    Credentials initial = fetch(uri);
    return new Found(
        RefreshingCredentials.of(initial, () -> fetch(uri), context.clock(), source()),
        Optional.empty());
  }

  private static String strip(String base) {
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  private URI parse(String text) {
    try {
      return new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw failed("invalid " + FULL + ": " + e.getReason());
    }
  }

  private void validate(URI uri) {
    if ("https".equals(uri.getScheme())) {
      return;
    }
    String host = uri.getHost() == null ? "" : uri.getHost();
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (isLoopbackLiteral(bare) || ALLOWED_HOSTS.contains(bare)) {
      return;
    }
    throw failed(
        "Unsupported host '"
            + bare
            + "'.  Can only retrieve metadata from a loopback address or one of these hosts: "
            + String.join(", ", ALLOWED_HOSTS));
  }

  /** An IP address literal in 127.0.0.0/8 or ::1; names are not looked up. */
  private static boolean isLoopbackLiteral(String host) {
    boolean literal = host.matches("[0-9.]+") || host.contains(":");
    if (!literal) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private Credentials fetch(URI uri) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Accept", "application/json"));
    authorization().ifPresent(token -> headers.add(Map.entry("Authorization", token)));
    HttpTransport.Request request = new HttpTransport.Request("GET", uri, headers, null, TIMEOUT);
    String lastError = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpTransport.Response response = context.metadataTransport().send(request);
        if (response.status() != 200) {
          lastError =
              "Received non 200 response "
                  + response.status()
                  + " from container metadata: "
                  + response.text();
        } else {
          return credentials(response.text());
        }
      } catch (IOException e) {
        lastError = "Received error when attempting to retrieve container metadata: " + describe(e);
      } catch (NotJson e) {
        lastError = "Unable to parse JSON returned from container metadata services";
      }
      if (attempt < ATTEMPTS) {
        pause();
      }
    }
    throw failed(lastError);
  }

  private Optional<String> authorization() {
    String token;
    if (context.environment().containsKey(TOKEN_FILE)) {
      Path file = Path.of(context.environment().get(TOKEN_FILE));
      try {
        token = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw failed("cannot read " + TOKEN_FILE + " " + file + ": " + describe(e));
      }
    } else if (context.environment().containsKey(TOKEN)) {
      token = context.environment().get(TOKEN);
    } else {
      return Optional.empty();
    }
    if (token.indexOf('\r') >= 0 || token.indexOf('\n') >= 0) {
      throw failed("Auth token value is not a legal header value");
    }
    return Optional.of(token);
  }

  private static final class NotJson extends Exception {
    private static final long serialVersionUID = 1L;
  }

  private Credentials credentials(String body) throws NotJson {
    Map<String, Object> values;
    try {
      values = Json.readObject(body);
    } catch (JsonParseException e) {
      throw new NotJson();
    }
    String accessKeyId = text(values, "AccessKeyId");
    String secret = text(values, "SecretAccessKey");
    String token = text(values, "Token");
    String expiration = text(values, "Expiration");
    Instant expiry =
        Timestamps.parse(expiration)
            .orElseThrow(() -> failed("Expiration is not an ISO 8601 timestamp: " + expiration));
    return new Credentials(accessKeyId, secret, token, expiry);
  }

  private String text(Map<String, Object> values, String key) {
    if (!(values.get(key) instanceof String value) || value.isEmpty()) {
      throw failed("the answer has no " + key);
    }
    return value;
  }

  private void pause() {
    try {
      context.sleeper().sleep(Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("interrupted between attempts");
    }
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private CredentialException failed(String detail) {
    return new CredentialException.RetrievalFailed(source(), detail);
  }
}
