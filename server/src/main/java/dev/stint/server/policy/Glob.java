package dev.stint.server.policy;

import java.util.Arrays;

/**
 * A precompiled pattern where {@code *} matches any run of characters and {@code ?} exactly one,
 * matched without regular expressions. A character may be a literal even when it is {@code *} or
 * {@code ?} (policy variables {@code ${*}} and {@code ${?}}, or equality operators), so the pattern
 * is kept as code points with two negative codes for the wildcards. Immutable and thread-safe.
 */
final class Glob {
  private static final int STAR = -1;
  private static final int ONE = -2;

  private final int[] codes;
  private final boolean ignoreCase;
  private final boolean hasWildcards;

  private Glob(int[] codes, boolean ignoreCase) {
    this.codes = codes;
    this.ignoreCase = ignoreCase;
    boolean wild = false;
    for (int c : codes) {
      wild |= c < 0;
    }
    this.hasWildcards = wild;
  }

  /** A pattern over {@code text}; {@code *} and {@code ?} are wildcards only if asked. */
  static Glob of(String text, boolean wildcards, boolean ignoreCase) {
    Builder b = new Builder(ignoreCase);
    if (wildcards) {
      b.pattern(text);
    } else {
      b.literal(text);
    }
    return b.build();
  }

  boolean matches(String input) {
    return matchRange(0, codes.length, input, 0, input.length());
  }

  /**
   * Matches an ARN the way IAM does: when the pattern has six colon-separated parts, each of the
   * first five is matched on its own, so a wildcard never spans a colon there; the last part (the
   * resource) takes the rest. A pattern with fewer parts is matched as a whole string.
   */
  boolean matchesArn(String input) {
    int[] p = new int[6];
    int parts = 1;
    for (int i = 0; i < codes.length && parts < 6; i++) {
      if (codes[i] == ':') {
        p[parts++] = i + 1;
      }
    }
    if (parts < 6) {
      return matches(input);
    }
    int[] s = new int[6];
    int inputParts = 1;
    for (int i = 0; i < input.length() && inputParts < 6; i++) {
      if (input.charAt(i) == ':') {
        s[inputParts++] = i + 1;
      }
    }
    if (inputParts < 6) {
      return false;
    }
    for (int k = 0; k < 6; k++) {
      int pEnd = k < 5 ? p[k + 1] - 1 : codes.length;
      int sEnd = k < 5 ? s[k + 1] - 1 : input.length();
      if (!matchRange(p[k], pEnd, input, s[k], sEnd)) {
        return false;
      }
    }
    return true;
  }

  // Greedy match that backtracks only to the most recent star: linear in the common case and
  // O(n*m) at worst, with no allocation.
  private boolean matchRange(int pStart, int pEnd, String s, int sStart, int sEnd) {
    if (!hasWildcards && pEnd - pStart != sEnd - sStart) {
      return false;
    }
    int p = pStart;
    int i = sStart;
    int starP = -1;
    int starI = 0;
    while (i < sEnd) {
      int c = p < pEnd ? codes[p] : Integer.MIN_VALUE;
      if (c == ONE || (c >= 0 && same(c, s.charAt(i)))) {
        p++;
        i++;
      } else if (c == STAR) {
        starP = p++;
        starI = i;
      } else if (starP >= 0) {
        p = starP + 1;
        i = ++starI;
      } else {
        return false;
      }
    }
    while (p < pEnd && codes[p] == STAR) {
      p++;
    }
    return p == pEnd;
  }

  private boolean same(int code, char actual) {
    return code == actual || (ignoreCase && code == Character.toLowerCase(actual));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Glob g && g.ignoreCase == ignoreCase && Arrays.equals(g.codes, codes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(codes) * 31 + Boolean.hashCode(ignoreCase);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int c : codes) {
      sb.append(c == STAR ? "*" : c == ONE ? "?" : String.valueOf((char) c));
    }
    return sb.toString();
  }

  /** Accumulates literal characters and wildcards; not thread-safe, used once. */
  static final class Builder {
    private final boolean ignoreCase;
    private int[] buf = new int[32];
    private int n;

    Builder(boolean ignoreCase) {
      this.ignoreCase = ignoreCase;
    }

    Builder literal(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        add(ignoreCase ? Character.toLowerCase(c) : c);
      }
      return this;
    }

    Builder pattern(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '*') {
          add(STAR);
        } else if (c == '?') {
          add(ONE);
        } else {
          add(ignoreCase ? Character.toLowerCase(c) : c);
        }
      }
      return this;
    }

    private void add(int code) {
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, n * 2);
      }
      buf[n++] = code;
    }

    Glob build() {
      return new Glob(Arrays.copyOf(buf, n), ignoreCase);
    }
  }
}
