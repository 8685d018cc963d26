package dev.stint.core.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the two shared files define, merged as botocore merges them: the config file's
 * profiles ({@code [default]}, {@code [profile x]}), then each credentials-file section {@code [x]}
 * laid over the profile of the same name, key by key, credentials winning. Immutable and
 * thread-safe.
 */
public final class Profiles {

  /**
   * A named section that is not a profile: {@code [sso-session x]} or {@code [services x]}.
   *
   * @param name the name after the section kind
   * @param properties keys with a text value
   * @param subSections keys whose value is an indented block
   */
  public record Section(
      String name, Map<String, String> properties, Map<String, Map<String, String>> subSections) {
    public Section {
      Objects.requireNonNull(name, "name");
      properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
      LinkedHashMap<String, Map<String, String>> nested = new LinkedHashMap<>();
      subSections.forEach(
          (key, values) ->
              nested.put(key, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
      subSections = Collections.unmodifiableMap(nested);
    }

    @Override
    public String toString() {
      return "Section[name=" + name + ", keys=" + properties.keySet() + "]";
    }
  }

  private final Map<String, Profile> profiles;
  private final Map<String, Section> ssoSessions;
  private final Map<String, Section> services;

  Profiles(
      Map<String, Profile> profiles,
      Map<String, Section> ssoSessions,
      Map<String, Section> services) {
    this.profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
    this.ssoSessions = Collections.unmodifiableMap(new LinkedHashMap<>(ssoSessions));
    this.services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
  }

  /** Profile names in botocore's order: the config file's, then those only in credentials. */
  public List<String> profileNames() {
    return List.copyOf(profiles.keySet());
  }

  public Optional<Profile> profile(String name) {
    return Optional.ofNullable(profiles.get(name));
  }

  public List<String> ssoSessionNames() {
    return List.copyOf(ssoSessions.keySet());
  }

  /** The {@code [sso-session name]} section of the config file. */
  public Optional<Section> ssoSession(String name) {
    return Optional.ofNullable(ssoSessions.get(name));
  }

  public List<String> servicesNames() {
    return List.copyOf(services.keySet());
  }

  /** The {@code [services name]} section of the config file. */
  public Optional<Section> services(String name) {
    return Optional.ofNullable(services.get(name));
  }

  @Override
  public String toString() {
    return "Profiles" + profiles.keySet();
  }
}
