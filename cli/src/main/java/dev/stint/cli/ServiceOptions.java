package dev.stint.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --region} and {@code --endpoint-url}, shared by every command that may call STS. Not
 * thread-safe.
 */
final class ServiceOptions {

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "The region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's"
              + " region).")
  String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "Send STS calls to this URL, such as a stint server's http://127.0.0.1:8080 (default:"
              + " AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile's services section or"
              + " endpoint_url, else AWS).")
  String endpointUrl;

  Optional<String> region() {
    return Optional.ofNullable(region).filter(r -> !r.isEmpty());
  }

  Optional<String> endpointUrl() {
    return Optional.ofNullable(endpointUrl).filter(u -> !u.isEmpty());
  }
}
