package dev.stint.cli;

import dev.stint.core.profile.ProfileFileEditor;
import dev.stint.core.profile.ProfileFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code stint configure KEY VALUE}: sets one setting of a profile as {@code aws configure set}
 * does. The three credential keys go to the credentials file under {@code [P]}; everything else to
 * the config file under {@code [profile P]} ({@code [default]} for the default profile). Every
 * other byte of the file stays as it was. Not thread-safe (one per invocation).
 */
@Command(
    name = "configure",
    mixinStandardHelpOptions = true,
    subcommands = {ConfigureImportCommand.class, ConfigureSsoCommand.class},
    description = {
      "Set a profile's setting, as `aws configure set` does.",
      "aws_access_key_id,"
          + " aws_secret_access_key and aws_session_token go to the credentials file, everything"
          + " else to the config file. KEY may be qualified: default.KEY, profile.NAME.KEY, or"
          + " KEY.SUBKEY for an indented block (s3.max_concurrent_requests).",
      "Without VALUE, it is read from the terminal without echo (or a line of standard input).",
      "Example: stint configure --profile dev region eu-west-1"
    })
final class ConfigureCommand implements Callable<Integer> {

  /** The keys {@code aws configure set} writes to the credentials file. */
  static final List<String> CREDENTIAL_KEYS =
      List.of("aws_access_key_id", "aws_secret_access_key", "aws_session_token");

  private final Context context;

  @Mixin ProfileOption profile;

  @Parameters(index = "0", arity = "0..1", paramLabel = "KEY", description = "The setting.")
  String key;

  @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "Its value.")
  String value;

  ConfigureCommand(Context context) {
    this.context = context;
  }

  /**
   * Where a setting goes.
   *
   * @param credentialsFile whether it goes to the credentials file rather than the config file
   * @param profile the profile
   * @param key the key, {@code top.sub} for a key of an indented block
   */
  record Target(boolean credentialsFile, String profile, String key) {}

  @Override
  public Integer call() throws IOException {
    if (key == null) {
      throw new CommandException.Usage("missing KEY: stint configure [--profile P] KEY VALUE");
    }
    Target target = target(key, sessionProfile());
    Path file =
        target.credentialsFile()
            ? ProfileFiles.credentialsFile(context.environment(), context.home())
            : ProfileFiles.configFile(context.environment(), context.home());
    ProfileFileEditor editor =
        target.credentialsFile()
            ? ProfileFileEditor.credentials(file)
            : ProfileFileEditor.config(file);
    if (value != null) {
      set(editor, target, value);
    } else {
      char[] typed = context.readSecret(target.key() + ": ");
      try {
        set(editor, target, new String(typed));
      } finally {
        Arrays.fill(typed, '\0');
      }
    }
    return ExitCodes.OK;
  }

  private static void set(ProfileFileEditor editor, Target target, String value) {
    try {
      editor.set(target.profile(), target.key(), value);
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage(e.getMessage());
    }
  }

  /** The profile a plain KEY belongs to: {@code --profile}, else the environment's, else none. */
  private Optional<String> sessionProfile() {
    return profile
        .value()
        .or(() -> nonEmpty(context.environment().get("AWS_PROFILE")))
        .or(() -> nonEmpty(context.environment().get("AWS_DEFAULT_PROFILE")));
  }

  /**
   * Where {@code aws configure set} puts {@code varname}.
   *
   * <pre>
   * varname = KEY | KEY "." SUB | "default." KEY ["." SUB] | "profile." NAME "." KEY ["." SUB]
   * </pre>
   */
  static Target target(String varname, Optional<String> sessionProfile) {
    String profile = sessionProfile.orElse("default");
    String key;
    List<String> parts = Arrays.asList(varname.split("\\.", -1));
    if (parts.size() == 1) {
      key = varname;
    } else if (parts.get(0).equals("default") || parts.get(0).equals("profile")) {
      boolean named = parts.get(0).equals("profile");
      profile = named ? parts.get(1) : "default";
      List<String> remaining = parts.subList(named ? 2 : 1, parts.size());
      if (remaining.isEmpty() || remaining.size() > 2) {
        throw new CommandException.Usage(
            "cannot read "
                + varname
                + ": expected default.KEY, profile.NAME.KEY, or one of them followed by .SUBKEY");
      }
      key = String.join(".", remaining);
    } else if (parts.get(0).equals("plugins") || parts.get(0).equals("preview")) {
      throw new CommandException.Usage(
          "stint configure sets profile settings only; the ["
              + parts.get(0)
              + "] section is the AWS CLI's own (use aws configure set)");
    } else if (parts.size() == 2) {
      key = varname;
    } else {
      throw new CommandException.Usage(
          "cannot read " + varname + ": a key has at most one sub-key (KEY.SUBKEY)");
    }
    if (profile.isEmpty()) {
      throw new CommandException.Usage("cannot read " + varname + ": the profile name is empty");
    }
    return new Target(CREDENTIAL_KEYS.contains(key), profile, key);
  }

  private static Optional<String> nonEmpty(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
