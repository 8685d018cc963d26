package dev.stint.core.export;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.export.UnrepresentableValueException.Reason;
import dev.stint.core.internal.json.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The ways {@code stint export} prints credentials, named as on the command line. Thread-safe.
 *
 * <h2>What is printed</h2>
 *
 * <p>The five formats that {@code aws configure export-credentials --format} also has ({@code env},
 * {@code env-no-export}, {@code powershell}, {@code windows-cmd}, {@code process}) print byte for
 * byte what AWS CLI v2 prints for the same credentials, as long as every value is plain (see
 * below), which real keys, secrets, tokens and regions are. Variables come in the CLI's order:
 * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, then {@code AWS_SESSION_TOKEN} and
 * {@code AWS_CREDENTIAL_EXPIRATION} when there is one. The expiry is written as Python's {@code
 * datetime.isoformat()} writes it in UTC: {@code 2030-01-02T03:04:05+00:00}, with six fraction
 * digits when the instant has microseconds (finer parts are dropped).
 *
 * <p>Going beyond the AWS CLI, which prints no region: when {@link Options#region()} is set, the
 * shell formats add {@code AWS_REGION} and {@code AWS_DEFAULT_REGION} after those, and {@code json}
 * adds {@code Region}. {@code process} never carries a region (its schema has none), nor does
 * {@code ini}, whose profile goes in the credentials file, where region does not belong.
 *
 * <h2>Quoting</h2>
 *
 * <p>A value is <em>plain</em> when it is not empty and made only of ASCII letters, digits and
 * {@code _ @ % + = : , . / -} (Python's {@code shlex.quote} safe set). The AWS CLI prints every
 * value unquoted; stint does the same for plain values and quotes the rest, or refuses with an
 * {@link UnrepresentableValueException} that names the variable but never the value:
 *
 * <ul>
 *   <li>{@code env}, {@code env-no-export} (POSIX sh, bash, zsh): non-plain values go in single
 *       quotes, a {@code '} inside becoming {@code '\''}. Anything but NUL survives, line breaks
 *       included.
 *   <li>{@code fish}: {@code set -gx NAME 'value'}, always single-quoted, with {@code \} and {@code
 *       '} escaped by a backslash (the only escapes in fish's single quotes). NUL refused.
 *   <li>{@code powershell}: plain values in double quotes, as the CLI prints them; others in single
 *       quotes, where nothing expands, each single-quote character (ASCII {@code '} and the
 *       typographic U+2018 to U+201B, which PowerShell also takes for quotes) doubled. Control
 *       characters, line breaks included, refused.
 *   <li>{@code windows-cmd}: plain values without {@code %} as {@code set NAME=value}; others as
 *       {@code set "NAME=value"}, inside whose quotes {@code & | < > ^ ( )} and spaces are literal.
 *       Refused because cmd.exe has no way to quote them that works both typed and in a batch file:
 *       {@code %}, {@code !} (delayed expansion), {@code "}, control characters and anything
 *       outside printable ASCII.
 *   <li>{@code process}, {@code json}: Python's {@code json.dumps} escaping; nothing refused.
 *   <li>{@code ini}: values and the profile name must be printable ASCII without whitespace at
 *       either end and without {@code #} or {@code ;} at the start or after a space (which the AWS
 *       SDKs read as a comment); the profile name also without {@code [} or {@code ]}.
 * </ul>
 */
public enum CredentialFormat {
  /** {@code export NAME=value} lines for POSIX shells: {@code eval "$(stint export)"}. */
  ENV("env"),
  /** {@code NAME=value} lines, not exported. */
  ENV_NO_EXPORT("env-no-export"),
  /** {@code $Env:NAME="value"} lines. */
  POWERSHELL("powershell"),
  /** {@code set NAME=value} lines for cmd.exe. */
  WINDOWS_CMD("windows-cmd"),
  /** {@code set -gx NAME 'value'} lines for fish: {@code stint export --format fish | source}. */
  FISH("fish"),
  /**
   * A JSON object, indented by four spaces, with {@code AccessKeyId}, {@code SecretAccessKey}, and
   * when known {@code SessionToken}, {@code Expiration}, {@code Region}, in that order; absent ones
   * are left out rather than null.
   */
  JSON("json"),
  /** The {@code credential_process} JSON ({@code "Version": 1}), exactly as the AWS CLI prints. */
  PROCESS("process"),
  /**
   * A {@code [profileName]} section for the shared credentials file with {@code aws_access_key_id},
   * {@code aws_secret_access_key} and, when there is one, {@code aws_session_token}. The expiry has
   * no key there that the AWS tools read, so it is left out.
   */
  INI("ini");

  /**
   * What a format may print besides the credentials.
   *
   * @param region the region for {@code AWS_REGION}, {@code AWS_DEFAULT_REGION} and JSON's {@code
   *     Region}, or {@code null} to print none; an empty one counts as none
   * @param profileName the section name for {@code ini}; {@code null} means {@code default}
   */
  public record Options(String region, String profileName) {

    public Options {
      if (region != null && region.isEmpty()) {
        region = null;
      }
      if (profileName == null) {
        profileName = "default";
      }
      if (profileName.isEmpty()) {
        throw new IllegalArgumentException("profile name is empty");
      }
    }

    /** No region, profile {@code default}. */
    public static Options defaults() {
      return new Options(null, null);
    }
  }

  private final String cliName;

  CredentialFormat(String cliName) {
    this.cliName = cliName;
  }

  /** The name on the command line, for example {@code env-no-export}. */
  public String cliName() {
    return cliName;
  }

  /**
   * The format with this command-line name.
   *
   * @throws IllegalArgumentException when no format has that name; the message lists the names
   */
  public static CredentialFormat parse(String name) {
    Objects.requireNonNull(name, "name");
    for (CredentialFormat format : values()) {
      if (format.cliName.equals(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown credential format '"
            + name
            + "'; valid formats: "
            + Arrays.stream(values()).map(f -> f.cliName).collect(Collectors.joining(", ")));
  }

  /**
   * The text to print, ending in a newline.
   *
   * @throws UnrepresentableValueException when a value cannot be written safely in this format
   */
  public String render(Credentials credentials, Options options) {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(options, "options");
    return switch (this) {
      case ENV -> lines(credentials, options, "export ", "=", Quoting::posix);
      case ENV_NO_EXPORT -> lines(credentials, options, "", "=", Quoting::posix);
      case POWERSHELL -> lines(credentials, options, "$Env:", "=", Quoting::powerShell);
      case FISH -> lines(credentials, options, "set -gx ", " ", Quoting::fish);
      case WINDOWS_CMD -> cmd(credentials, options);
      case JSON -> json(credentials, options);
      case PROCESS -> process(credentials);
      case INI -> ini(credentials, options);
    };
  }

  @FunctionalInterface
  private interface Quoter {
    String quote(CredentialFormat format, String variable, String value);
  }

  private record Variable(String name, String value) {}

  private List<Variable> variables(Credentials credentials, Options options) {
    List<Variable> variables = new ArrayList<>();
    variables.add(new Variable("AWS_ACCESS_KEY_ID", credentials.accessKeyId()));
    variables.add(new Variable("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey()));
    if (credentials.sessionToken() != null) {
      variables.add(new Variable("AWS_SESSION_TOKEN", credentials.sessionToken()));
    }
    if (credentials.expiration() != null) {
      variables.add(
          new Variable(
              "AWS_CREDENTIAL_EXPIRATION",
              isoformat(credentials.expiration(), "AWS_CREDENTIAL_EXPIRATION")));
    }
    if (options.region() != null) {
      variables.add(new Variable("AWS_REGION", options.region()));
      variables.add(new Variable("AWS_DEFAULT_REGION", options.region()));
    }
    return variables;
  }

  private String lines(
      Credentials credentials, Options options, String prefix, String assign, Quoter quoter) {
    StringBuilder out = new StringBuilder();
    for (Variable v : variables(credentials, options)) {
      out.append(prefix)
          .append(v.name())
          .append(assign)
          .append(quoter.quote(this, v.name(), v.value()))
          .append('\n');
    }
    return out.toString();
  }

  private String cmd(Credentials credentials, Options options) {
    StringBuilder out = new StringBuilder();
    for (Variable v : variables(credentials, options)) {
      out.append("set ").append(Quoting.cmdAssignment(this, v.name(), v.value())).append('\n');
    }
    return out.toString();
  }

  private String process(Credentials credentials) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("Version", 1);
    object.put("AccessKeyId", credentials.accessKeyId());
    object.put("SecretAccessKey", credentials.secretAccessKey());
    if (credentials.sessionToken() != null) {
      object.put("SessionToken", credentials.sessionToken());
    }
    if (credentials.expiration() != null) {
      object.put("Expiration", isoformat(credentials.expiration(), "Expiration"));
    }
    return Json.write(object, Json.Style.INDENTED_2) + "\n";
  }

  private String json(Credentials credentials, Options options) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("AccessKeyId", credentials.accessKeyId());
    object.put("SecretAccessKey", credentials.secretAccessKey());
    if (credentials.sessionToken() != null) {
      object.put("SessionToken", credentials.sessionToken());
    }
    if (credentials.expiration() != null) {
      object.put("Expiration", isoformat(credentials.expiration(), "Expiration"));
    }
    if (options.region() != null) {
      object.put("Region", options.region());
    }
    return Json.write(object, Json.Style.INDENTED) + "\n";
  }

  private String ini(Credentials credentials, Options options) {
    StringBuilder out = new StringBuilder();
    out.append('[')
        .append(Quoting.ini(this, "profile name", options.profileName(), true))
        .append("]\n");
    iniLine(out, "aws_access_key_id", credentials.accessKeyId());
    iniLine(out, "aws_secret_access_key", credentials.secretAccessKey());
    if (credentials.sessionToken() != null) {
      iniLine(out, "aws_session_token", credentials.sessionToken());
    }
    return out.toString();
  }

  private void iniLine(StringBuilder out, String key, String value) {
    out.append(key).append(" = ").append(Quoting.ini(this, key, value, false)).append('\n');
  }

  /**
   * Python's {@code datetime.isoformat()} of the instant in UTC, which is what the AWS CLI prints
   * for an expiry it parsed from a {@code Z} or {@code +00:00} stamp.
   */
  private String isoformat(Instant instant, String variable) {
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    if (t.getYear() < 1 || t.getYear() > 9999) {
      throw new UnrepresentableValueException(this, variable, Reason.DATE_OUT_OF_RANGE);
    }
    String text =
        String.format(
            Locale.ROOT,
            "%04d-%02d-%02dT%02d:%02d:%02d",
            t.getYear(),
            t.getMonthValue(),
            t.getDayOfMonth(),
            t.getHour(),
            t.getMinute(),
            t.getSecond());
    int micros = t.getNano() / 1000;
    if (micros != 0) {
      text += String.format(Locale.ROOT, ".%06d", micros);
    }
    return text + "+00:00";
  }
}
