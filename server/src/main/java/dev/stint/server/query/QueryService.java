package dev.stint.server.query;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A service spoken in the AWS query protocol on {@code POST /}: its API version, XML namespace,
 * SigV4 signing name and actions. Immutable.
 *
 * @param version the {@code Version} parameter that selects this service
 * @param namespace the XML namespace of its responses
 * @param signingName the service name in the SigV4 credential scope
 * @param actions every action by name
 * @param unsigned the actions that arrive without a signature (STS's web-identity and SAML)
 */
public record QueryService(
    String version,
    String namespace,
    String signingName,
    Map<String, QueryAction> actions,
    Set<String> unsigned) {

  public QueryService {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(signingName, "signingName");
    actions = Map.copyOf(actions);
    unsigned = Set.copyOf(unsigned);
    if (!actions.keySet().containsAll(unsigned)) {
      throw new IllegalArgumentException("unsigned actions must be actions: " + unsigned);
    }
  }
}
