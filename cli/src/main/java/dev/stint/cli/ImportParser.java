package dev.stint.cli;

import dev.stint.core.internal.json.Json;
import dev.stint.core.internal.json.JsonParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what people paste into {@code stint configure import}: the access portal's profile block
 * for the credentials file, the environment lines it offers for each shell, or the JSON of {@code
 * stint export --format json|process}. Stateless.
 *
 * <p>Error messages name the line and what is wrong with it, never its text: it may hold a secret.
 */
final class ImportParser {

  private ImportParser() {}

  /**
   * One set of credentials from the input.
   *
   * @param name the profile name from a {@code [NAME]} header, if there was one
   * @param accessKeyId the access key id
   * @param secretAccessKey the secret access key
   * @param sessionToken the session token, if any
   * @param region the region, if the input set one
   */
  record Entry(
      Optional<String> name,
      String accessKeyId,
      String secretAccessKey,
      Optional<String> sessionToken,
      Optional<String> region) {
    @Override
    public String toString() {
      return "Entry[name=" + name + ", accessKeyId=" + accessKeyId + "]";
    }
  }

  private static final class Builder {
    final Optional<String> name;
    final int line;
    String accessKeyId;
    String secret;
    String token;
    String region;

    Builder(Optional<String> name, int line) {
      this.name = name;
      this.line = line;
    }

    void set(String setting, String value) {
      switch (setting) {
        case "access" -> accessKeyId = value;
        case "secret" -> secret = value;
        case "token" -> token = value;
        case "region" -> region = value;
        default -> {
          // AWS_CREDENTIAL_EXPIRATION: the credentials file has no place for it.
        }
      }
    }

    Entry build() {
      String what =
          name.map(n -> "profile [" + n + "]").orElse("the credentials starting on line " + line);
      if (accessKeyId == null || accessKeyId.isEmpty()) {
        throw usage(what + " has no access key id");
      }
      if (secret == null || secret.isEmpty()) {
        throw usage(what + " has no secret access key");
      }
      return new Entry(
          name,
          accessKeyId,
          secret,
          Optional.ofNullable(token).filter(t -> !t.isEmpty()),
          Optional.ofNullable(region).filter(r -> !r.isEmpty()));
    }
  }

  /**
   * The entries of the input, in order.
   *
   * <pre>
   * input   = json-object | { line }
   * line    = blank | comment | "[" ["profile "] NAME "]" | ini-key ("=" | ":") value
   *         | ["export "] VAR "=" sh-word                       (sh, bash, zsh)
   *         | "set " ["\""] VAR "=" text ["\""]                  (cmd.exe)
   *         | "$Env:" VAR "=" ps-string                          (PowerShell)
   *         | "set " ("-gx" | "-x" | ...) VAR " " fish-word      (fish)
   * comment = ("#" | ";" | "::" | "REM ") text
   * ini-key = aws_access_key_id | aws_secret_access_key | aws_session_token
   *         | aws_security_token | region
   * VAR     = AWS_ACCESS_KEY_ID | AWS_SECRET_ACCESS_KEY | AWS_SESSION_TOKEN
   *         | AWS_SECURITY_TOKEN | AWS_CREDENTIAL_EXPIRATION | AWS_REGION | AWS_DEFAULT_REGION
   * </pre>
   *
   * @throws CommandException.Usage when a line fits none of these, or an entry lacks its keys
   */
  static List<Entry> parse(String input) {
    String text = input.startsWith("\uFEFF") ? input.substring(1) : input;
    if (text.strip().startsWith("{")) {
      return List.of(json(text));
    }
    List<Builder> builders = new ArrayList<>();
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      int number = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty() || isComment(line)) {
        continue;
      }
      if (line.startsWith("[")) {
        builders.add(new Builder(Optional.of(section(line, number)), number));
        continue;
      }
      String[] setting = setting(line, number);
      if (builders.isEmpty()) {
        builders.add(new Builder(Optional.empty(), number));
      }
      builders.get(builders.size() - 1).set(setting[0], setting[1]);
    }
    if (builders.isEmpty()) {
      throw usage("the input holds no credentials");
    }
    return builders.stream().map(Builder::build).toList();
  }

  private static boolean isComment(String line) {
    String lower = line.toLowerCase(Locale.ROOT);
    return line.startsWith("#")
        || line.startsWith(";")
        || line.startsWith("::")
        || lower.equals("rem")
        || lower.startsWith("rem ")
        || lower.startsWith("@echo");
  }

  private static String section(String line, int number) {
    if (!line.endsWith("]")) {
      throw usage("line " + number + ": a section header must end with ]");
    }
    String name = line.substring(1, line.length() - 1).strip();
    if (name.startsWith("profile ")) {
      name = name.substring("profile ".length()).strip();
    }
    if (name.isEmpty()) {
      throw usage("line " + number + ": the section has no name");
    }
    return name;
  }

  /** The setting ({@code access}, {@code secret}, {@code token}, {@code region}, ...) and value. */
  private static String[] setting(String line, int number) {
    String lower = line.toLowerCase(Locale.ROOT);
    if (lower.startsWith("$env:")) {
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw usage("line " + number + ": expected $Env:NAME=\"value\"");
      }
      String variable = line.substring(5, eq).strip();
      return new String[] {
        variable(variable, number), powerShell(line.substring(eq + 1).strip(), number)
      };
    }
    if (lower.startsWith("set ")) {
      String rest = line.substring(4).stripLeading();
      if (rest.startsWith("-")) {
        return fish(rest, number);
      }
      if (rest.startsWith("\"")) {
        int close = rest.lastIndexOf('"');
        if (close == 0) {
          throw usage("line " + number + ": the quotes of set \"NAME=value\" are not closed");
        }
        rest = rest.substring(1, close);
      }
      int eq = rest.indexOf('=');
      if (eq < 0) {
        throw usage("line " + number + ": expected set NAME=value");
      }
      return new String[] {variable(rest.substring(0, eq), number), rest.substring(eq + 1)};
    }
    String assignment = line.startsWith("export ") ? line.substring(7).stripLeading() : line;
    int eq = assignment.indexOf('=');
    int colon = assignment.indexOf(':');
    int separator = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    if (separator <= 0) {
      throw usage("line " + number + ": not a profile setting or an environment variable");
    }
    String name = assignment.substring(0, separator).strip();
    if (name.startsWith("AWS_")) {
      if (separator != eq || !name.equals(assignment.substring(0, eq))) {
        throw usage("line " + number + ": expected NAME=value with nothing around =");
      }
      return new String[] {
        variable(name, number), ShellWords.posix(assignment.substring(eq + 1), number)
      };
    }
    return new String[] {iniKey(name, number), assignment.substring(separator + 1).strip()};
  }

  private static String[] fish(String rest, int number) {
    List<String> words = ShellWords.fish(rest, number);
    int i = 0;
    while (i < words.size() && words.get(i).startsWith("-")) {
      i++;
    }
    if (words.size() != i + 2) {
      throw usage("line " + number + ": expected set -gx NAME 'value'");
    }
    return new String[] {variable(words.get(i), number), words.get(i + 1)};
  }

  private static String variable(String name, int number) {
    return switch (name) {
      case "AWS_ACCESS_KEY_ID" -> "access";
      case "AWS_SECRET_ACCESS_KEY" -> "secret";
      case "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN" -> "token";
      case "AWS_REGION", "AWS_DEFAULT_REGION" -> "region";
      case "AWS_CREDENTIAL_EXPIRATION" -> "expiration";
      default ->
          throw usage(
              "line "
                  + number
                  + ": "
                  + (name.matches("[A-Za-z0-9_]{1,64}") ? name : "the variable")
                  + " is not one stint imports (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,"
                  + " AWS_SESSION_TOKEN, AWS_REGION, ...)");
    };
  }

  private static String iniKey(String key, int number) {
    return switch (key.toLowerCase(Locale.ROOT)) {
      case "aws_access_key_id" -> "access";
      case "aws_secret_access_key" -> "secret";
      case "aws_session_token", "aws_security_token" -> "token";
      case "region" -> "region";
      default ->
          throw usage(
              "line "
                  + number
                  + ": "
                  + (key.matches("[A-Za-z0-9_]{1,64}") ? key : "the key")
                  + " is not one stint imports (aws_access_key_id, aws_secret_access_key,"
                  + " aws_session_token, region)");
    };
  }

  /** A PowerShell string: {@code "..."} (backtick escapes, no {@code $}) or {@code '...'}. */
  private static String powerShell(String value, int number) {
    if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
      String inner = value.substring(1, value.length() - 1);
      if (inner.replace("''", "").contains("'")) {
        throw usage(
            "line " + number + ": a ' inside a single-quoted PowerShell string must be doubled");
      }
      return inner.replace("''", "'");
    }
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      StringBuilder out = new StringBuilder();
      String inner = value.substring(1, value.length() - 1);
      for (int i = 0; i < inner.length(); i++) {
        char c = inner.charAt(i);
        if (c == '$' || c == '"') {
          throw usage(
              "line "
                  + number
                  + ": the value expands or ends early in PowerShell; quote it with '");
        }
        if (c == '`' && i + 1 < inner.length()) {
          c = inner.charAt(++i);
        }
        out.append(c);
      }
      return out.toString();
    }
    throw usage("line " + number + ": a PowerShell value must be quoted");
  }

  private static Entry json(String text) {
    Map<String, Object> object;
    try {
      object = Json.readObject(text);
    } catch (JsonParseException e) {
      throw usage("the input is not a JSON object: " + e.getMessage());
    }
    Builder builder = new Builder(Optional.empty(), 1);
    builder.accessKeyId = string(object, "AccessKeyId");
    builder.secret = string(object, "SecretAccessKey");
    builder.token = string(object, "SessionToken");
    builder.region = string(object, "Region");
    return builder.build();
  }

  private static String string(Map<String, Object> object, String key) {
    Object value = object.get(key);
    if (value != null && !(value instanceof String)) {
      throw usage(key + " is not a string");
    }
    return (String) value;
  }

  static CommandException.Usage usage(String message) {
    return new CommandException.Usage(message);
  }
}
