package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.internal.http.HttpTransport;
import dev.stint.core.internal.json.Json;
import dev.stint.core.internal.json.JsonParseException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Role credentials from the instance metadata service, IMDSv2 as botocore asks it: {@code PUT
 * latest/api/token} for a session token (falling back to IMDSv1 when the service answers 403, 404
 * or 405, or times out, unless {@code ec2_metadata_v1_disabled}), then {@code GET
 * latest/meta-data/iam/security-credentials/} for the role name and the same path plus the name for
 * the credentials. The endpoint is {@code AWS_EC2_METADATA_SERVICE_ENDPOINT} or the profile's
 * {@code ec2_metadata_service_endpoint}, else the link-local default ({@code
 * ec2_metadata_service_endpoint_mode = IPv6} picks the IPv6 one); {@code
 * AWS_EC2_METADATA_DISABLED=true} turns the provider off. Each request has {@code
 * AWS_METADATA_SERVICE_TIMEOUT} seconds (default 1) and {@code AWS_METADATA_SERVICE_NUM_ATTEMPTS}
 * tries (default 1). Any failure means "not found", as in botocore, never an error. Immutable and
 * thread-safe.
 */
final class InstanceMetadataProvider implements Provider {

  static final String DEFAULT_IPV6 = "http://[fd00:ec2::254]/";
  private static final String TOKEN_PATH = "latest/api/token";
  private static final String ROLE_PATH = "latest/meta-data/iam/security-credentials/";

  private final ChainContext context;

  InstanceMetadataProvider(ChainContext context) {
    this.context = context;
  }

  @Override
  public CredentialSource source() {
    return CredentialSource.INSTANCE_METADATA;
  }

  private static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  @Override
  public Outcome load() {
    if (setting("AWS_EC2_METADATA_DISABLED", null)
        .map(v -> v.toLowerCase(Locale.ROOT).equals("true"))
        .orElse(false)) {
      return new Skipped("disabled by AWS_EC2_METADATA_DISABLED");
    }
    String base = base();
    try {
      Credentials initial = fetch(base);
      return new Found(
          RefreshingCredentials.of(initial, () -> refetch(base), context.clock(), source()),
          Optional.empty());
    } catch (Unavailable e) {
      return new Skipped("no credentials from " + base + ": " + e.getMessage());
    }
  }

  private Credentials refetch(String base) {
    try {
      return fetch(base);
    } catch (Unavailable e) {
      throw new CredentialException.RetrievalFailed(source(), e.getMessage());
    }
  }

  private String base() {
    Optional<String> custom =
        setting("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint");
    if (custom.isPresent()) {
      return custom.get();
    }
    boolean ipv6 =
        setting("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode")
            .map(mode -> mode.toLowerCase(Locale.ROOT).equals("ipv6"))
            .orElse(false);
    return ipv6 ? DEFAULT_IPV6 : context.metadataHost().toString();
  }

  /** A variable, else the active profile's key, as botocore's config chain reads them. */
  private Optional<String> setting(String variable, String key) {
    if (context.environment().containsKey(variable)) {
      return Optional.of(context.environment().get(variable));
    }
    return key == null ? Optional.empty() : context.activeProfile().flatMap(p -> p.property(key));
  }

  private Duration timeout() {
    return Duration.ofSeconds(
        integer("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout", 1));
  }

  private int attempts() {
    return Math.max(
        1, integer("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts", 1));
  }

  private int integer(String variable, String key, int fallback) {
    Optional<String> text = setting(variable, key);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(text.get().strip());
    } catch (NumberFormatException e) {
      throw new CredentialException.InvalidConfig(
          variable + " / " + key + " must be a whole number of seconds or tries: " + text.get());
    }
  }

  private Credentials fetch(String base) throws Unavailable {
    URI tokenUri = uri(base, TOKEN_PATH);
    Optional<String> token = token(tokenUri);
    if (token.isEmpty()
        && setting("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled")
            .map(v -> v.toLowerCase(Locale.ROOT).equals("true"))
            .orElse(false)) {
      throw new Unavailable(
          "Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled");
    }
    String role = get(uri(base, ROLE_PATH), token).strip();
    String body = get(uri(base, ROLE_PATH + role), token);
    Map<String, Object> values;
    try {
      values = Json.readObject(body);
    } catch (JsonParseException e) {
      throw new Unavailable("the credentials are not JSON");
    }
    for (String field : List.of("AccessKeyId", "SecretAccessKey", "Token", "Expiration")) {
      if (!(values.get(field) instanceof String value) || value.isEmpty()) {
        throw new Unavailable("the credentials of role " + role + " have no " + field);
      }
    }
    Instant expiry =
        Timestamps.parse((String) values.get("Expiration"))
            .orElseThrow(() -> new Unavailable("the Expiration is not an ISO 8601 timestamp"));
    return new Credentials(
        (String) values.get("AccessKeyId"),
        (String) values.get("SecretAccessKey"),
        (String) values.get("Token"),
        expiry);
  }

  private Optional<String> token(URI uri) throws Unavailable {
    HttpTransport.Request request =
        new HttpTransport.Request(
            "PUT",
            uri,
            List.of(Map.entry("x-aws-ec2-metadata-token-ttl-seconds", "21600")),
            null,
            timeout());
    for (int attempt = 0; attempt < attempts(); attempt++) {
      try {
        HttpTransport.Response response = context.metadataTransport().send(request);
        switch (response.status()) {
          case 200 -> {
            return Optional.of(response.text());
          }
          case 403, 404, 405 -> {
            return Optional.empty();
          }
          case 400 -> throw new Unavailable("the token request was refused (400)");
          default -> {
            // retried, then IMDSv1
          }
        }
      } catch (HttpTimeoutException e) {
        return Optional.empty();
      } catch (IOException e) {
        // retried
      }
    }
    return Optional.empty();
  }

  private String get(URI uri, Optional<String> token) throws Unavailable {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    token.ifPresent(t -> headers.add(Map.entry("x-aws-ec2-metadata-token", t)));
    HttpTransport.Request request = new HttpTransport.Request("GET", uri, headers, null, timeout());
    String why = "no answer";
    for (int attempt = 0; attempt < attempts(); attempt++) {
      try {
        HttpTransport.Response response = context.metadataTransport().send(request);
        if (response.status() == 200 && response.body().length > 0) {
          return response.text();
        }
        why = response.status() == 200 ? "empty answer" : "status " + response.status();
      } catch (IOException e) {
        why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
    }
    throw new Unavailable(why + " from " + uri.getPath());
  }

  /** The endpoint plus a path; an endpoint that is not an absolute URI is a config error. */
  private static URI uri(String base, String path) {
    String separator = base.endsWith("/") ? "" : "/";
    try {
      URI uri = new URI(base + separator + path);
      if (uri.getScheme() != null && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw new CredentialException.InvalidConfig(
        "Invalid endpoint EC2 Instance Metadata endpoint: " + base);
  }
}
