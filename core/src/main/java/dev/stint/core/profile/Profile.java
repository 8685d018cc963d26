package dev.stint.core.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One named profile as the AWS CLI sees it: its section in the config file with the same profile's
 * section in the credentials file laid over it key by key. Immutable and thread-safe.
 *
 * <p>{@link #toString()} lists the keys only: values include secret keys and session tokens.
 *
 * @param name the profile name, {@code default} for {@code [default]}
 * @param properties keys with a text value, lower-cased as the AWS CLI reads them
 * @param subSections keys whose value is an indented block ({@code s3 =} then {@code
 *     max_concurrent_requests = 20}), each a map of its own keys (kept as written)
 * @param sources for every key of either map, the file its value came from
 */
public record Profile(
    String name,
    Map<String, String> properties,
    Map<String, Map<String, String>> subSections,
    Map<String, Source> sources) {

  /** Which of the two shared files a key was read from. */
  public enum Source {
    /** {@code ~/.aws/config} or {@code AWS_CONFIG_FILE}. */
    CONFIG,
    /** {@code ~/.aws/credentials} or {@code AWS_SHARED_CREDENTIALS_FILE}. */
    CREDENTIALS
  }

  public Profile {
    Objects.requireNonNull(name, "name");
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    LinkedHashMap<String, Map<String, String>> nested = new LinkedHashMap<>();
    subSections.forEach(
        (key, values) -> nested.put(key, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
    subSections = Collections.unmodifiableMap(nested);
    sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    for (String key : properties.keySet()) {
      if (subSections.containsKey(key)) {
        throw new IllegalArgumentException("key " + key + " is both a value and a sub-section");
      }
    }
    if (sources.size() != properties.size() + subSections.size()
        || !sources.keySet().containsAll(properties.keySet())
        || !sources.keySet().containsAll(subSections.keySet())) {
      throw new IllegalArgumentException("sources must name exactly the keys of profile " + name);
    }
  }

  /** The text value of {@code key}, if the profile sets it to text. */
  public Optional<String> property(String key) {
    return Optional.ofNullable(properties.get(key));
  }

  /** The sub-section {@code key} (such as {@code s3}), if the profile has one. */
  public Optional<Map<String, String>> subSection(String key) {
    return Optional.ofNullable(subSections.get(key));
  }

  @Override
  public String toString() {
    return "Profile[name="
        + name
        + ", keys="
        + properties.keySet()
        + ", subSections="
        + subSections.keySet()
        + "]";
  }
}
