package dev.stint.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Changes one section's lines of a parsed file and leaves every other line as it was, byte for
 * byte: other sections, comments, blank lines, separators and line ends. New lines take the file's
 * own line end. The section is a profile unless the editor is made for another kind ({@code
 * [sso-session x]}). Works on one document and is not thread-safe; the caller holds the file lock.
 */
final class IniEditor {

  private static final String SUB_INDENT = "    ";

  private final IniDocument document;
  private final ProfileFile.Kind kind;
  private final ProfileFile.SectionKind sectionKind;
  private final List<IniText.Line> lines;
  private final String newline;

  IniEditor(IniDocument document, ProfileFile.Kind kind) {
    this(document, kind, ProfileFile.SectionKind.PROFILE);
  }

  IniEditor(IniDocument document, ProfileFile.Kind kind, ProfileFile.SectionKind sectionKind) {
    this.document = document;
    this.kind = kind;
    this.sectionKind = sectionKind;
    this.lines = new ArrayList<>(document.text.lines());
    this.newline = document.text.newline();
  }

  IniText result() {
    return new IniText(lines);
  }

  /**
   * Sets {@code key} (or {@code parent.sub}) in the section that botocore reads for the profile.
   */
  void set(String profile, String key, String value) {
    int dot = key.indexOf('.');
    String top = (dot < 0 ? key : key.substring(0, dot)).toLowerCase(Locale.ROOT);
    String sub = dot < 0 ? null : key.substring(dot + 1);
    Optional<IniDocument.Block> found = block(profile);
    if (found.isEmpty()) {
      appendSection(
          profile, sub == null ? List.of(entry("", top, value)) : newSub(top, sub, value));
      return;
    }
    IniDocument.Block block = found.get();
    Optional<IniDocument.Option> existing = option(block, top);
    if (existing.isEmpty()) {
      insertAfter(
          block.lastContentLine(),
          sub == null ? List.of(entry("", top, value)) : newSub(top, sub, value));
    } else if (sub == null) {
      IniDocument.Option option = existing.get();
      replace(option.line, replaceValue(lines.get(option.line).text(), "=:", value));
      removeLines(continuationLines(option));
    } else {
      setSub(existing.get(), profile, top, sub, value);
    }
  }

  /** Removes {@code key} (or {@code parent.sub}); false when the section does not set it. */
  boolean remove(String profile, String key) {
    int dot = key.indexOf('.');
    String top = (dot < 0 ? key : key.substring(0, dot)).toLowerCase(Locale.ROOT);
    Optional<IniDocument.Option> found = block(profile).flatMap(b -> option(b, top));
    if (found.isEmpty()) {
      return false;
    }
    IniDocument.Option option = found.get();
    if (dot < 0) {
      List<Integer> doomed = new ArrayList<>(continuationLines(option));
      doomed.add(option.line);
      removeLines(doomed);
      return true;
    }
    String sub = key.substring(dot + 1);
    List<Integer> matching = subLines(option, sub);
    if (matching.isEmpty()) {
      return false;
    }
    List<Integer> doomed = new ArrayList<>(matching);
    if (matching.size() == continuationLines(option).size()) {
      doomed.add(option.line); // the last sub-key went, so the parent goes too
    }
    removeLines(doomed);
    return true;
  }

  /** Removes every section botocore would read as the profile; false when there is none. */
  boolean removeProfile(String profile) {
    List<IniDocument.Block> matching = new ArrayList<>();
    for (IniDocument.Block block : document.blocks) {
      if (names(block, profile)) {
        matching.add(block);
      }
    }
    for (int b = matching.size() - 1; b >= 0; b--) {
      IniDocument.Block block = matching.get(b);
      int first = block.header;
      int last = block.lastContentLine();
      while (last + 1 < block.end && Py.strip(lines.get(last + 1).text()).isEmpty()) {
        last++;
      }
      boolean toEnd = last + 1 == lines.size();
      while (toEnd && first > 0 && Py.strip(lines.get(first - 1).text()).isEmpty()) {
        first--;
      }
      boolean hadFinalNewline = !lines.get(lines.size() - 1).end().isEmpty();
      lines.subList(first, last + 1).clear();
      if (toEnd && !hadFinalNewline && !lines.isEmpty()) {
        replaceEnd(lines.size() - 1, "");
      }
    }
    return !matching.isEmpty();
  }

  private void setSub(
      IniDocument.Option option, String profile, String top, String sub, String value) {
    if (!option.value().isEmpty() && !option.value().startsWith("\n")) {
      throw new IllegalArgumentException(
          top + " in profile " + profile + " has a value of its own, not sub-keys");
    }
    List<Integer> matching = subLines(option, sub);
    for (int line : matching) {
      replace(line, replaceValue(lines.get(line).text(), "=", value));
    }
    if (!matching.isEmpty()) {
      return;
    }
    List<Integer> existing = continuationLines(option);
    String indent;
    if (existing.isEmpty()) {
      indent = leadingSpace(lines.get(option.line).text()) + SUB_INDENT;
    } else {
      indent = leadingSpace(lines.get(existing.get(existing.size() - 1)).text());
    }
    insertAfter(option.lastLine(), List.of(entry(indent, sub, value)));
  }

  private Optional<IniDocument.Block> block(String profile) {
    IniDocument.Block winner = null;
    for (IniDocument.Block block : document.blocks) {
      if (names(block, profile)) {
        winner = block; // botocore lets the last section of a name win
      }
    }
    return Optional.ofNullable(winner);
  }

  private boolean names(IniDocument.Block block, String profile) {
    return ProfileFile.classify(kind, block.name)
        .filter(s -> s.kind() == sectionKind && s.name().equals(profile))
        .isPresent();
  }

  private static Optional<IniDocument.Option> option(IniDocument.Block block, String key) {
    return block.options.stream().filter(o -> o.key.equals(key)).findFirst();
  }

  private static List<Integer> continuationLines(IniDocument.Option option) {
    List<Integer> result = new ArrayList<>();
    for (int line : option.partLines) {
      if (line >= 0 && line != option.line) {
        result.add(line);
      }
    }
    return result;
  }

  private List<Integer> subLines(IniDocument.Option option, String sub) {
    List<Integer> result = new ArrayList<>();
    for (int line : continuationLines(option)) {
      String text = Py.strip(lines.get(line).text());
      int equals = text.indexOf('=');
      if (equals >= 0 && Py.strip(text.substring(0, equals)).equals(sub)) {
        result.add(line);
      }
    }
    return result;
  }

  private static List<String> newSub(String top, String sub, String value) {
    return List.of(top + " =", entry(SUB_INDENT, sub, value));
  }

  /** The AWS CLI's {@code key = value}; an empty value is written {@code key =}. */
  private static String entry(String indent, String key, String value) {
    return indent + key + (value.isEmpty() ? " =" : " = " + value);
  }

  /** Keeps the line's key, spacing and separator; swaps what follows. */
  private static String replaceValue(String line, String delimiters, String value) {
    int d = 0;
    while (delimiters.indexOf(line.charAt(d)) < 0) {
      d++;
    }
    int start = d + 1;
    while (start < line.length() && Py.isSpace(line.charAt(start))) {
      start++;
    }
    if (value.isEmpty()) {
      return line.substring(0, d + 1);
    }
    if (start == line.length()) {
      boolean spaced = d > 0 && Py.isSpace(line.charAt(d - 1));
      return line.substring(0, d + 1) + (spaced ? " " : "") + value;
    }
    return line.substring(0, start) + value;
  }

  private static String leadingSpace(String line) {
    int first = Py.firstNonSpace(line);
    return line.substring(0, first < 0 ? line.length() : first);
  }

  private void appendSection(String profile, List<String> entries) {
    List<String> texts = new ArrayList<>();
    int after = lines.size() - 1;
    if (after >= 0 && !Py.strip(lines.get(after).text()).isEmpty()) {
      texts.add("");
    }
    texts.add("[" + ProfileFile.header(kind, sectionKind, profile) + "]");
    texts.addAll(entries);
    if (after < 0) {
      texts.forEach(t -> lines.add(new IniText.Line(t, newline)));
    } else {
      insertAfter(after, texts);
    }
  }

  /** Inserts after {@code index}; at the end of a file without a final line end, keeps it so. */
  private void insertAfter(int index, List<String> texts) {
    boolean unterminated = lines.get(index).end().isEmpty();
    if (unterminated) {
      replaceEnd(index, newline);
    }
    List<IniText.Line> added = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      boolean last = i == texts.size() - 1;
      added.add(new IniText.Line(texts.get(i), last && unterminated ? "" : newline));
    }
    lines.addAll(index + 1, added);
  }

  private void replace(int index, String text) {
    lines.set(index, new IniText.Line(text, lines.get(index).end()));
  }

  private void replaceEnd(int index, String end) {
    lines.set(index, new IniText.Line(lines.get(index).text(), end));
  }

  private void removeLines(List<Integer> indexes) {
    boolean hadFinalNewline = !lines.isEmpty() && !lines.get(lines.size() - 1).end().isEmpty();
    indexes.stream()
        .distinct()
        .sorted(java.util.Comparator.reverseOrder())
        .forEach(i -> lines.remove((int) i));
    if (!hadFinalNewline && !lines.isEmpty()) {
      replaceEnd(lines.size() - 1, "");
    }
  }
}
