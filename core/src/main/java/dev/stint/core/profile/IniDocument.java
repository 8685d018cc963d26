package dev.stint.core.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A file parsed exactly as Python's {@code configparser.RawConfigParser()} with its defaults parses
 * it for botocore (strict, {@code =} or {@code :}, {@code #} and {@code ;} full-line comments only,
 * keys lower-cased, indented lines continue a value, blank lines kept inside values), keeping where
 * every section and key sits so that an edit can change those lines and no others. Immutable after
 * parsing; not shared between threads.
 *
 * <pre>
 * file      = { blank | comment | header | option | continuation }
 * header    = "[" name "]" anything          ; the last "]" closes the name
 * option    = key ws* ("=" | ":") ws* value  ; the first "=" or ":" splits
 * continuation = a line indented deeper than the option line before it
 * comment   = ws* ("#" | ";") anything
 * </pre>
 */
final class IniDocument {

  /** configparser's name for the section whose keys every other section inherits. */
  static final String DEFAULT_SECTION = "DEFAULT";

  /** One {@code [header]} and the lines up to the next one. */
  static final class Block {
    final String name;
    final int header; // line index
    int end; // exclusive line index: the next header or the end of the file
    final List<Option> options = new ArrayList<>();

    Block(String name, int header) {
      this.name = name;
      this.header = header;
    }

    /** The last line that holds a key or one of its values, or the header. */
    int lastContentLine() {
      return options.isEmpty() ? header : options.get(options.size() - 1).lastLine();
    }
  }

  /** One key: its line, and the lines its value continues on (blank parts have line -1). */
  static final class Option {
    final String key;
    final int line;
    final List<String> parts = new ArrayList<>();
    final List<Integer> partLines = new ArrayList<>();

    Option(String key, int line, String firstValue) {
      this.key = key;
      this.line = line;
      parts.add(firstValue);
      partLines.add(line);
    }

    int lastLine() {
      int last = line;
      for (int partLine : partLines) {
        last = Math.max(last, partLine);
      }
      return last;
    }

    /** The joined value, as {@code configparser} hands it to botocore. */
    String value() {
      return Py.rstrip(String.join("\n", parts));
    }
  }

  final Path path;
  final IniText text;
  final List<Block> blocks; // in file order, [DEFAULT] blocks included

  private IniDocument(Path path, IniText text, List<Block> blocks) {
    this.path = path;
    this.text = text;
    this.blocks = blocks;
  }

  static IniDocument parse(Path path, IniText text) {
    List<Block> blocks = new ArrayList<>();
    Map<String, Integer> sectionLines = new HashMap<>();
    Map<String, Integer> optionLines = new HashMap<>();
    Block current = null;
    Option option = null;
    int indentLevel = 0;
    List<IniText.Line> lines = text.lines();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).text();
      int number = i + 1;
      String stripped = Py.strip(line);
      if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
        if (stripped.isEmpty() && option != null) {
          option.parts.add("");
          option.partLines.add(-1);
        }
        continue;
      }
      int indent = Py.firstNonSpace(line);
      if (option != null && indent > indentLevel) {
        option.parts.add(stripped);
        option.partLines.add(i);
        continue;
      }
      indentLevel = indent;
      int close = stripped.lastIndexOf(']');
      if (stripped.startsWith("[") && close >= 2) {
        String name = stripped.substring(1, close);
        Integer first = sectionLines.putIfAbsent(name, number);
        if (first != null && !name.equals(DEFAULT_SECTION)) {
          throw malformed(path, number, "section [" + name + "] already began at line " + first);
        }
        if (current != null) {
          current.end = i;
        }
        current = new Block(name, i);
        blocks.add(current);
        option = null;
        continue;
      }
      if (current == null) {
        throw malformed(path, number, "a key comes before any [section] header");
      }
      int delimiter = firstDelimiter(stripped);
      if (delimiter < 0) {
        throw malformed(
            path, number, "expected \"key = value\", a [section] header or a # comment");
      }
      String rawKey = Py.rstrip(stripped.substring(0, delimiter));
      if (rawKey.isEmpty()) {
        throw malformed(
            path, number, "the key before \"" + stripped.charAt(delimiter) + "\" is empty");
      }
      String key = rawKey.toLowerCase(Locale.ROOT);
      String sectionKey = current.name + "\u0000" + key;
      Integer first = optionLines.putIfAbsent(sectionKey, number);
      if (first != null) {
        throw malformed(
            path,
            number,
            "key \"" + key + "\" in [" + current.name + "] was already set at line " + first);
      }
      option = new Option(key, i, Py.strip(stripped.substring(delimiter + 1)));
      current.options.add(option);
    }
    if (current != null) {
      current.end = lines.size();
    }
    return new IniDocument(path, text, blocks);
  }

  private static int firstDelimiter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '=' || c == ':') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Every section but {@code [DEFAULT]}, in file order, each with the {@code [DEFAULT]} keys it
   * inherits appended, values parsed as botocore parses them (a value that starts on the next line
   * is a sub-section).
   */
  LinkedHashMap<String, LinkedHashMap<String, Value>> sections() {
    LinkedHashMap<String, Option> defaults = new LinkedHashMap<>();
    for (Block block : blocks) {
      if (block.name.equals(DEFAULT_SECTION)) {
        block.options.forEach(o -> defaults.put(o.key, o));
      }
    }
    LinkedHashMap<String, LinkedHashMap<String, Value>> sections = new LinkedHashMap<>();
    for (Block block : blocks) {
      if (block.name.equals(DEFAULT_SECTION)) {
        continue;
      }
      LinkedHashMap<String, Value> values = new LinkedHashMap<>();
      for (Option o : block.options) {
        values.put(o.key, value(o));
      }
      for (Option o : defaults.values()) {
        values.putIfAbsent(o.key, value(o));
      }
      sections.put(block.name, values);
    }
    return sections;
  }

  private Value value(Option option) {
    String joined = option.value();
    if (!joined.startsWith("\n")) {
      return new Value.Scalar(joined);
    }
    LinkedHashMap<String, String> nested = new LinkedHashMap<>();
    for (int p = 0; p < option.parts.size(); p++) {
      for (String piece : Py.splitLines(option.parts.get(p))) {
        String line = Py.strip(piece);
        if (line.isEmpty()) {
          continue;
        }
        int equals = line.indexOf('=');
        if (equals < 0) {
          throw malformed(
              path,
              option.partLines.get(p) + 1,
              "expected \"key = value\" in the sub-section \"" + option.key + "\"");
        }
        nested.put(Py.strip(line.substring(0, equals)), Py.strip(line.substring(equals + 1)));
      }
    }
    return new Value.Nested(nested);
  }

  private static ProfileFileException.Malformed malformed(Path path, int line, String reason) {
    return ProfileFileException.malformed(path, line, reason);
  }

  /** A key's value: text, or the keys of an indented sub-section. */
  sealed interface Value {
    record Scalar(String text) implements Value {}

    record Nested(Map<String, String> values) implements Value {
      public Nested {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
      }
    }
  }
}
