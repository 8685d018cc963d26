package dev.stint.core.chain;

import dev.stint.core.profile.Profile;
import dev.stint.core.profile.Profiles;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the chain sends its STS, SSO portal and SSO OIDC calls, chosen as botocore chooses a
 * configured endpoint: {@code AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL}, then the
 * service's {@code endpoint_url} in the {@code [services x]} section the profile names, then the
 * profile's own {@code endpoint_url}; all ignored when {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS}
 * or the profile's {@code ignore_configured_endpoint_urls} is true; else AWS's default host for the
 * region. Immutable and thread-safe.
 */
final class Endpoints {

  /** A service the chain calls, with the names botocore derives from its service id. */
  enum Service {
    STS("STS", "sts"),
    SSO("SSO", "sso"),
    SSO_OIDC("SSO_OIDC", "sso_oidc");

    final String environmentSuffix;
    final String configKey;

    Service(String environmentSuffix, String configKey) {
      this.environmentSuffix = environmentSuffix;
      this.configKey = configKey;
    }
  }

  /**
   * An endpoint and the region to sign for.
   *
   * @param uri the base URI
   * @param signingRegion the SigV4 region
   */
  record Endpoint(URI uri, String signingRegion) {}

  private final Map<String, String> environment;
  private final Profiles profiles;
  private final Optional<Profile> profile;

  Endpoints(Map<String, String> environment, Profiles profiles, Optional<Profile> profile) {
    this.environment = environment;
    this.profiles = profiles;
    this.profile = profile;
  }

  /** The endpoint for {@code service} in {@code region} (empty region: STS's global endpoint). */
  Endpoint resolve(Service service, Optional<String> region) {
    String signingRegion = region.orElse("us-east-1");
    Optional<String> configured = configured(service);
    if (configured.isPresent()) {
      return new Endpoint(parse(configured.get()), signingRegion);
    }
    String suffix = signingRegion.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    String host =
        switch (service) {
          case STS -> region.isEmpty() ? "sts." + suffix : "sts." + signingRegion + "." + suffix;
          case SSO -> "portal.sso." + signingRegion + "." + suffix;
          case SSO_OIDC -> "oidc." + signingRegion + "." + suffix;
        };
    return new Endpoint(URI.create("https://" + host), signingRegion);
  }

  private Optional<String> configured(Service service) {
    if (ignoreConfigured()) {
      return Optional.empty();
    }
    Optional<String> value =
        nonEmpty(environment.get("AWS_ENDPOINT_URL_" + service.environmentSuffix));
    if (value.isEmpty()) {
      value = nonEmpty(environment.get("AWS_ENDPOINT_URL"));
    }
    if (value.isEmpty()) {
      value = fromServicesSection(service);
    }
    if (value.isEmpty()) {
      value = profile.flatMap(p -> p.property("endpoint_url")).flatMap(Endpoints::nonEmpty);
    }
    return value;
  }

  private Optional<String> fromServicesSection(Service service) {
    Optional<String> sectionName = profile.flatMap(p -> p.property("services"));
    if (sectionName.isEmpty()) {
      return Optional.empty();
    }
    Profiles.Section section =
        profiles
            .services(sectionName.get())
            .orElseThrow(
                () ->
                    new CredentialException.InvalidConfig(
                        "The profile is configured to use the services section but the \""
                            + sectionName.get()
                            + "\" services configuration does not exist."));
    Map<String, String> values = section.subSections().get(service.configKey);
    return values == null ? Optional.empty() : nonEmpty(values.get("endpoint_url"));
  }

  /** botocore's {@code ensure_boolean}: the text {@code true} in any case. */
  private boolean ignoreConfigured() {
    String value = environment.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
    if (value == null) {
      value = profile.flatMap(p -> p.property("ignore_configured_endpoint_urls")).orElse(null);
    }
    return value != null && value.toLowerCase(Locale.ROOT).equals("true");
  }

  private static Optional<String> nonEmpty(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static URI parse(String text) {
    try {
      URI uri = new URI(text.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(text, "needs a scheme and a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new CredentialException.InvalidConfig(
          "Invalid endpoint: " + text + " (" + e.getReason() + ")");
    }
  }
}
