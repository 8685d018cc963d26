package dev.stint.core.profile;

import dev.stint.core.internal.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Sets and removes a profile's keys in one shared file the way {@code aws configure set} does,
 * changing only the lines it must: every other byte (profiles, comments, blank lines, order,
 * separators, CRLF line ends, a missing final newline) stays as it was. Thread-safe and safe across
 * processes: each call locks the file, reads it, edits it, reads the edit back and replaces the
 * file atomically with mode 0600.
 *
 * <p>A key {@code s3.max_concurrent_requests} is the sub-key {@code max_concurrent_requests} of the
 * indented block {@code s3 =}. In the config file a profile is {@code [profile x]} (or {@code
 * [default]}); in the credentials file it is {@code [x]}. {@link #setSsoSession} edits a config
 * file's {@code [sso-session x]} section the same way.
 *
 * <p>Where the AWS CLI differs, on purpose: it turns CRLF into LF and rewrites a replaced line as
 * {@code key = value}; we keep the line end and the line's own separator. It appends a new section
 * with no blank line before it; we put one. It writes an empty value as {@code key = }; we write
 * {@code key =}.
 */
public final class ProfileFileEditor {

  private final Path file;
  private final ProfileFile.Kind kind;
  private final AtomicFile.ContentWriter writer;

  ProfileFileEditor(Path file, ProfileFile.Kind kind, AtomicFile.ContentWriter writer) {
    this.file = Objects.requireNonNull(file, "file");
    this.kind = kind;
    this.writer = writer;
  }

  /** An editor of the config file ({@code [default]}, {@code [profile x]}). */
  public static ProfileFileEditor config(Path file) {
    return new ProfileFileEditor(file, ProfileFile.Kind.CONFIG, null);
  }

  /** An editor of the credentials file ({@code [x]}). */
  public static ProfileFileEditor credentials(Path file) {
    return new ProfileFileEditor(file, ProfileFile.Kind.CREDENTIALS, null);
  }

  /**
   * Sets one key of the profile, adding the key or the profile if missing.
   *
   * @throws IllegalArgumentException if a name or value could not be read back as given
   * @throws ProfileFileException if the file is malformed or cannot be read or written
   */
  public void set(String profile, String key, String value) {
    setAll(profile, Map.of(key, value));
  }

  /** Sets several keys of the profile in one locked write, in the map's order. */
  public void setAll(String profile, Map<String, String> values) {
    setAll(ProfileFile.SectionKind.PROFILE, profile, values);
  }

  /**
   * Sets several keys of the {@code [sso-session NAME]} section in one locked write, in the map's
   * order, adding the keys or the section if missing. Config file only.
   *
   * @throws IllegalArgumentException if a name or value could not be read back as given
   * @throws IllegalStateException for an editor of the credentials file, which has no such section
   * @throws ProfileFileException if the file is malformed or cannot be read or written
   */
  public void setSsoSession(String name, Map<String, String> values) {
    if (kind != ProfileFile.Kind.CONFIG) {
      throw new IllegalStateException("sso-session sections live in the config file only");
    }
    setAll(ProfileFile.SectionKind.SSO_SESSION, name, values);
  }

  private void setAll(
      ProfileFile.SectionKind sectionKind, String name, Map<String, String> values) {
    checkProfile(name);
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.forEach(ProfileFileEditor::checkEntry);
    edit(
        document -> {
          // One key at a time, each on the text the previous one left: an editor's line numbers
          // are those of the document it was made from, which an added section or line shifts.
          IniDocument current = document;
          IniText text = document.text;
          for (Map.Entry<String, String> entry : copy.entrySet()) {
            IniEditor editor = new IniEditor(current, kind, sectionKind);
            editor.set(name, entry.getKey(), entry.getValue());
            text = editor.result();
            current = IniDocument.parse(file, IniText.split(text.join()));
          }
          return text;
        },
        parsed -> {
          Map<String, IniDocument.Value> section =
              sectionKind == ProfileFile.SectionKind.PROFILE
                  ? parsed.profiles.get(name)
                  : parsed.ssoSessions.get(name);
          return copy.entrySet().stream().allMatch(e -> reads(section, e));
        });
  }

  /** Removes one key (or sub-key) of the profile; false when the profile does not set it. */
  public boolean remove(String profile, String key) {
    checkProfile(profile);
    checkKey(key);
    boolean[] removed = {false};
    edit(
        document -> {
          IniEditor editor = new IniEditor(document, kind);
          removed[0] = editor.remove(profile, key);
          return editor.result();
        },
        profiles -> true);
    return removed[0];
  }

  /** Removes the profile's section; false when there is none. */
  public boolean removeProfile(String profile) {
    checkProfile(profile);
    boolean[] removed = {false};
    edit(
        document -> {
          IniEditor editor = new IniEditor(document, kind);
          removed[0] = editor.removeProfile(profile);
          return editor.result();
        },
        profiles -> !profiles.profiles.containsKey(profile));
    return removed[0];
  }

  private void edit(
      java.util.function.Function<IniDocument, IniText> change, Predicate<ProfileFile> readsBack) {
    try {
      AtomicFile.withLock(
          file,
          () -> {
            IniText before =
                Files.isRegularFile(file)
                    ? ProfileFiles.readText(file, Files::readAllBytes)
                    : IniText.split("");
            IniText after = change.apply(IniDocument.parse(file, before));
            if (after.equals(before)) {
              return null;
            }
            byte[] bytes = after.toBytes();
            ProfileFile reread =
                new ProfileFile(kind, IniDocument.parse(file, IniText.split(after.join())));
            if (bytes.length > IniText.MAX_BYTES || !readsBack.test(reread)) {
              throw new IllegalStateException("the edit of " + file + " would not read back");
            }
            if (writer == null) {
              AtomicFile.write(file, bytes);
            } else {
              AtomicFile.write(file, bytes, writer);
            }
            return null;
          });
    } catch (IOException e) {
      throw new ProfileFileException.Inaccessible(file, "write the file", e);
    }
  }

  private static boolean reads(
      Map<String, IniDocument.Value> values, Map.Entry<String, String> entry) {
    if (values == null) {
      return false;
    }
    String key = entry.getKey();
    int dot = key.indexOf('.');
    IniDocument.Value value =
        values.get((dot < 0 ? key : key.substring(0, dot)).toLowerCase(Locale.ROOT));
    if (dot < 0) {
      return value instanceof IniDocument.Value.Scalar s && s.text().equals(entry.getValue());
    }
    return value instanceof IniDocument.Value.Nested n
        && entry.getValue().equals(n.values().get(key.substring(dot + 1)));
  }

  private void checkProfile(String profile) {
    Objects.requireNonNull(profile, "profile");
    if (profile.isEmpty()
        || !Py.strip(profile).equals(profile)
        || hasLineBreak(profile)
        || profile.contains("]")) {
      throw new IllegalArgumentException("not a usable profile name: \"" + profile + "\"");
    }
    if (profile.equals(IniDocument.DEFAULT_SECTION)) {
      throw new IllegalArgumentException(
          "DEFAULT is the INI section every section inherits, not a profile name");
    }
  }

  private static void checkEntry(String key, String value) {
    checkKey(key);
    Objects.requireNonNull(value, "value of " + key);
    if (hasLineBreak(value) || !Py.strip(value).equals(value)) {
      throw new IllegalArgumentException(
          "the value of " + key + " has a line break or surrounding white space");
    }
  }

  private static void checkKey(String key) {
    Objects.requireNonNull(key, "key");
    int dot = key.indexOf('.');
    String top = dot < 0 ? key : key.substring(0, dot);
    String sub = dot < 0 ? "x" : key.substring(dot + 1);
    boolean usable =
        !top.isEmpty()
            && !sub.isEmpty()
            && Py.strip(top).equals(top)
            && Py.strip(sub).equals(sub)
            && !hasLineBreak(key)
            && top.chars().noneMatch(c -> c == '=' || c == ':' || c == '.')
            && sub.chars().noneMatch(c -> c == '=' || c == '.')
            && "#;[".indexOf(top.charAt(0)) < 0;
    if (!usable) {
      throw new IllegalArgumentException("not a usable key: \"" + key + "\"");
    }
  }

  private static boolean hasLineBreak(String s) {
    return Py.splitLines("x" + s + "x").size() > 1;
  }
}
