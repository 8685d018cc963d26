package dev.stint.server.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A policy string that may hold policy variables ({@code ${aws:username}}, {@code ${aws:username,
 * 'default'}}, and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}}), resolved against a
 * request into a {@link Glob}. Variables exist only in Version 2012-10-17 documents; elsewhere the
 * text is taken as written. A value substituted for a variable is always literal, so a tag value
 * holding {@code *} cannot widen a pattern. Immutable and thread-safe.
 */
final class Template {
  private sealed interface Part {}

  private record Text(String text) implements Part {}

  private record Escaped(char c) implements Part {}

  private record Variable(String key, String fallback) implements Part {}

  private final String source;
  private final List<Part> parts;
  private final boolean wildcards;
  private final boolean ignoreCase;
  private final Glob constant;

  private Template(String source, List<Part> parts, boolean wildcards, boolean ignoreCase) {
    this.source = source;
    this.parts = List.copyOf(parts);
    this.wildcards = wildcards;
    this.ignoreCase = ignoreCase;
    this.constant =
        parts.stream().anyMatch(p -> p instanceof Variable) ? null : build(null).orElseThrow();
  }

  /**
   * Compiles {@code text}; with {@code variables} false (Version 2008-10-17 or absent) a {@code
   * ${...}} is literal text.
   */
  // grammar: text := ( chars | "${" ( "*" | "?" | "$" | key [ "," ws "'" default "'" ] ) "}" )*
  static Template of(String text, boolean variables, boolean wildcards, boolean ignoreCase) {
    List<Part> parts = new ArrayList<>();
    int i = 0;
    StringBuilder plain = new StringBuilder();
    while (i < text.length()) {
      int open = variables ? text.indexOf("${", i) : -1;
      int close = open < 0 ? -1 : text.indexOf('}', open + 2);
      if (open < 0 || close < 0) {
        plain.append(text, i, text.length());
        break;
      }
      plain.append(text, i, open);
      Part part = variable(text.substring(open + 2, close));
      if (part == null) {
        plain.append(text, open, close + 1);
      } else {
        if (!plain.isEmpty()) {
          parts.add(new Text(plain.toString()));
          plain.setLength(0);
        }
        parts.add(part);
      }
      i = close + 1;
    }
    if (!plain.isEmpty()) {
      parts.add(new Text(plain.toString()));
    }
    return new Template(text, parts, wildcards, ignoreCase);
  }

  private static Part variable(String body) {
    String trimmed = body.strip();
    if (trimmed.equals("*") || trimmed.equals("?") || trimmed.equals("$")) {
      return new Escaped(trimmed.charAt(0));
    }
    int comma = trimmed.indexOf(',');
    String key = (comma < 0 ? trimmed : trimmed.substring(0, comma)).strip();
    if (key.isEmpty()) {
      return null;
    }
    String fallback = null;
    if (comma >= 0) {
      String quoted = trimmed.substring(comma + 1).strip();
      if (quoted.length() < 2 || quoted.charAt(0) != '\'' || !quoted.endsWith("'")) {
        return null;
      }
      fallback = quoted.substring(1, quoted.length() - 1);
    }
    return new Variable(key.toLowerCase(Locale.ROOT), fallback);
  }

  /** The pattern for this request, or empty when a variable has no value and no default. */
  Optional<Glob> resolve(EvalContext context) {
    return constant != null ? Optional.of(constant) : build(context);
  }

  private Optional<Glob> build(EvalContext context) {
    Glob.Builder b = new Glob.Builder(ignoreCase);
    for (Part part : parts) {
      switch (part) {
        case Text t -> {
          if (wildcards) {
            b.pattern(t.text());
          } else {
            b.literal(t.text());
          }
        }
        case Escaped e -> b.literal(String.valueOf(e.c()));
        case Variable v -> {
          String value = context.single(v.key());
          if (value == null) {
            value = v.fallback();
          }
          if (value == null) {
            return Optional.empty();
          }
          b.literal(value);
        }
      }
    }
    return Optional.of(b.build());
  }

  String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }
}
