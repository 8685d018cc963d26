package dev.stint.core.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the AWS shared config and credentials files as the AWS CLI (botocore) reads them, and says
 * where they are. Stateless and thread-safe.
 *
 * <p>One deliberate difference: botocore treats a file it cannot open as empty; here that is an
 * error, since silently losing a profile is worse than saying so.
 */
public final class ProfileFiles {

  /** Reads a file's bytes; a seam so tests can make a file unreadable even as root. */
  @FunctionalInterface
  interface Reader {
    byte[] read(Path path) throws IOException;
  }

  private ProfileFiles() {}

  /**
   * The config file: {@code AWS_CONFIG_FILE} if set, else {@code ~/.aws/config}, with {@code $VAR}
   * and a leading {@code ~} expanded as botocore expands them.
   */
  public static Path configFile(Map<String, String> environment, Path home) {
    return resolve(environment, home, "AWS_CONFIG_FILE", "~/.aws/config");
  }

  /**
   * The credentials file: {@code AWS_SHARED_CREDENTIALS_FILE} if set, else {@code
   * ~/.aws/credentials}.
   */
  public static Path credentialsFile(Map<String, String> environment, Path home) {
    return resolve(environment, home, "AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials");
  }

  /**
   * Reads both files and merges them. A file that does not exist (or is not a regular file) counts
   * as empty, as in botocore.
   *
   * @throws ProfileFileException if a file is malformed, too large or cannot be read
   */
  public static Profiles load(Path config, Path credentials) {
    return load(config, credentials, Files::readAllBytes);
  }

  static Profiles load(Path config, Path credentials, Reader reader) {
    ProfileFile configFile = read(ProfileFile.Kind.CONFIG, config, reader);
    ProfileFile credentialsFile = read(ProfileFile.Kind.CREDENTIALS, credentials, reader);
    Map<String, Profile> profiles = new LinkedHashMap<>();
    configFile.profiles.forEach(
        (name, values) -> profiles.put(name, merge(name, values, Map.of())));
    credentialsFile.profiles.forEach(
        (name, values) -> {
          Map<String, IniDocument.Value> fromConfig =
              configFile.profiles.getOrDefault(name, Map.of());
          profiles.put(name, merge(name, fromConfig, values));
        });
    Map<String, Profiles.Section> ssoSessions = new LinkedHashMap<>();
    configFile.ssoSessions.forEach((name, values) -> ssoSessions.put(name, section(name, values)));
    Map<String, Profiles.Section> services = new LinkedHashMap<>();
    configFile.services.forEach((name, values) -> services.put(name, section(name, values)));
    return new Profiles(profiles, ssoSessions, services);
  }

  static ProfileFile read(ProfileFile.Kind kind, Path path, Reader reader) {
    Objects.requireNonNull(path, "path");
    if (!Files.isRegularFile(path)) {
      return new ProfileFile(kind, IniDocument.parse(path, IniText.split("")));
    }
    return new ProfileFile(kind, IniDocument.parse(path, readText(path, reader)));
  }

  static IniText readText(Path path, Reader reader) {
    try {
      long size = Files.size(path);
      if (size > IniText.MAX_BYTES) {
        throw new ProfileFileException.TooLarge(path, size, IniText.MAX_BYTES);
      }
      return IniText.decode(path, reader.read(path));
    } catch (IOException e) {
      throw new ProfileFileException.Inaccessible(path, "read the file", e);
    }
  }

  /** Credentials keys replace config keys of the same name, as botocore's dict update does. */
  private static Profile merge(
      String name,
      Map<String, IniDocument.Value> fromConfig,
      Map<String, IniDocument.Value> fromCredentials) {
    Map<String, IniDocument.Value> values = new LinkedHashMap<>();
    Map<String, Profile.Source> sources = new LinkedHashMap<>();
    fromConfig.forEach(
        (key, value) -> {
          values.put(key, value);
          sources.put(key, Profile.Source.CONFIG);
        });
    fromCredentials.forEach(
        (key, value) -> {
          values.put(key, value);
          sources.put(key, Profile.Source.CREDENTIALS);
        });
    Map<String, String> properties = new LinkedHashMap<>();
    Map<String, Map<String, String>> subSections = new LinkedHashMap<>();
    split(values, properties, subSections);
    return new Profile(name, properties, subSections, sources);
  }

  private static Profiles.Section section(String name, Map<String, IniDocument.Value> values) {
    Map<String, String> properties = new LinkedHashMap<>();
    Map<String, Map<String, String>> subSections = new LinkedHashMap<>();
    split(values, properties, subSections);
    return new Profiles.Section(name, properties, subSections);
  }

  private static void split(
      Map<String, IniDocument.Value> values,
      Map<String, String> properties,
      Map<String, Map<String, String>> subSections) {
    values.forEach(
        (key, value) -> {
          switch (value) {
            case IniDocument.Value.Scalar scalar -> properties.put(key, scalar.text());
            case IniDocument.Value.Nested nested -> subSections.put(key, nested.values());
          }
        });
  }

  /** botocore: the variable if set (even empty), else the default; then expandvars, expanduser. */
  private static Path resolve(
      Map<String, String> environment, Path home, String variable, String fallback) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(home, "home");
    String raw = environment.getOrDefault(variable, fallback);
    String expanded = PathExpansion.expandUser(PathExpansion.expandVars(raw, environment), home);
    return Path.of(expanded);
  }
}
