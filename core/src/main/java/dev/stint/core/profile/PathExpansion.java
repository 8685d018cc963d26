package dev.stint.core.profile;

import java.nio.file.Path;
import java.util.Map;

/**
 * Python's {@code os.path.expandvars} and {@code os.path.expanduser} (POSIX), which botocore
 * applies to the file paths, with the environment and home directory passed in. Stateless and
 * thread-safe.
 */
final class PathExpansion {

  private PathExpansion() {}

  /** {@code $NAME} and {@code ${NAME}} from the environment; unknown names stay as written. */
  static String expandVars(String path, Map<String, String> environment) {
    if (path.indexOf('$') < 0) {
      return path;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      int start;
      int end;
      int next;
      if (i + 1 < path.length() && path.charAt(i + 1) == '{') {
        start = i + 2;
        end = path.indexOf('}', start);
        if (end < 0) {
          out.append(path, i, path.length());
          break;
        }
        next = end + 1;
      } else {
        start = i + 1;
        end = start;
        while (end < path.length() && isNameChar(path.charAt(end))) {
          end++;
        }
        next = end;
      }
      String name = path.substring(start, end);
      String value = name.isEmpty() ? null : environment.get(name);
      if (value == null) {
        out.append(path, i, next == i ? i + 1 : next);
        i = next == i ? i + 1 : next;
      } else {
        out.append(value);
        i = next;
      }
    }
    return out.toString();
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /** A leading {@code ~} alone or before {@code /} becomes the home directory. */
  static String expandUser(String path, Path home) {
    if (!path.equals("~") && !path.startsWith("~/")) {
      return path; // ~user would need the password database; left as written
    }
    String base = home.toString();
    while (base.length() > 1 && base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String joined = base + path.substring(1);
    return joined.isEmpty() ? "/" : joined;
  }
}
