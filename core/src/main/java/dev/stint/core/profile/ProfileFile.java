package dev.stint.core.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed shared file, its sections sorted into kinds the way botocore's {@code
 * build_profile_map} sorts them (config file) or taken as they are (credentials file). Immutable
 * after construction; not shared between threads.
 */
final class ProfileFile {

  /** The two files and how each names its sections. */
  enum Kind {
    /** {@code [default]} and {@code [profile x]} are profiles; sso-session and services too. */
    CONFIG,
    /** Every section {@code [x]} is the profile {@code x}, whatever its name looks like. */
    CREDENTIALS
  }

  /** What a section header names. */
  enum SectionKind {
    PROFILE,
    SSO_SESSION,
    SERVICES
  }

  /** The section a header names, or empty for one the AWS CLI ignores. */
  record SectionName(SectionKind kind, String name) {}

  final Kind kind;
  final Map<String, Map<String, IniDocument.Value>> profiles = new LinkedHashMap<>();
  final Map<String, Map<String, IniDocument.Value>> ssoSessions = new LinkedHashMap<>();
  final Map<String, Map<String, IniDocument.Value>> services = new LinkedHashMap<>();

  ProfileFile(Kind kind, IniDocument document) {
    this.kind = kind;
    for (var entry : document.sections().entrySet()) {
      Optional<SectionName> section = classify(kind, entry.getKey());
      if (section.isEmpty()) {
        continue;
      }
      Map<String, IniDocument.Value> values = entry.getValue();
      switch (section.get().kind()) {
        case PROFILE -> profiles.put(section.get().name(), values);
        case SSO_SESSION -> ssoSessions.put(section.get().name(), values);
        case SERVICES -> services.put(section.get().name(), values);
      }
    }
  }

  /**
   * What botocore makes of a section header. In the config file the word before the name is only
   * checked by prefix and the name is split as a shell would ({@code [profile "a b"]} is {@code a
   * b}; {@code [profile a b]} is ignored), and {@code [x]} is no profile; in the credentials file
   * the header is the name.
   */
  static Optional<SectionName> classify(Kind kind, String header) {
    if (header.equals(IniDocument.DEFAULT_SECTION)) {
      return Optional.empty();
    }
    if (kind == Kind.CREDENTIALS) {
      return Optional.of(new SectionName(SectionKind.PROFILE, header));
    }
    SectionKind sectionKind;
    if (header.startsWith("profile")) {
      sectionKind = SectionKind.PROFILE;
    } else if (header.startsWith("sso-session")) {
      sectionKind = SectionKind.SSO_SESSION;
    } else if (header.startsWith("services")) {
      sectionKind = SectionKind.SERVICES;
    } else if (header.equals("default")) {
      return Optional.of(new SectionName(SectionKind.PROFILE, "default"));
    } else {
      return Optional.empty();
    }
    return Py.shlexSplit(header)
        .filter(parts -> parts.size() == 2)
        .map(parts -> new SectionName(sectionKind, parts.get(1)));
  }

  /** The header the AWS CLI writes for a new section of this kind. */
  static String header(Kind kind, SectionKind sectionKind, String name) {
    if (kind == Kind.CREDENTIALS) {
      return name;
    }
    return switch (sectionKind) {
      case PROFILE -> name.equals("default") ? "default" : "profile " + Py.shlexQuote(name);
      case SSO_SESSION -> "sso-session " + Py.shlexQuote(name);
      case SERVICES -> "services " + Py.shlexQuote(name);
    };
  }
}
