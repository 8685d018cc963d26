package dev.stint.cli;

import dev.stint.core.profile.ProfileFileEditor;
import dev.stint.core.profile.ProfileFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code stint configure import}: files credentials pasted on standard input into the credentials
 * file, one profile per set, keeping every other byte of the file. A region goes to the config
 * file. Credentials without a session token remove the profile's old one, which would no longer
 * match. Not thread-safe (one per invocation).
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import pasted credentials (portal block or environment lines) into the credentials file.",
      "Reads standard input. Takes the"
          + " access portal's profile block ([NAME] then aws_access_key_id=..."
          + " aws_secret_access_key=... aws_session_token=...), environment lines for sh, bash,"
          + " zsh (export AWS_...=\"...\"), cmd.exe (set AWS_...=...), PowerShell"
          + " ($Env:AWS_...=\"...\") or fish (set -gx AWS_... '...'), or stint's json/process"
          + " output. AWS_REGION goes to the config file.",
      "--profile names the profile (required when the input names none, and overrides [NAME]).",
      "Example: pbpaste | stint configure import --profile dev"
    })
final class ConfigureImportCommand implements Callable<Integer> {

  private final Context context;

  @Spec CommandSpec spec;
  @Mixin ProfileOption profile;
  @ParentCommand ConfigureCommand parent;

  ConfigureImportCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    String input = new String(context.stdin().readAllBytes(), StandardCharsets.UTF_8);
    List<ImportParser.Entry> entries = ImportParser.parse(input);
    Optional<String> override = profile.value().or(() -> parent.profile.value());
    if (override.isPresent() && entries.size() > 1) {
      throw new CommandException.Usage(
          "--profile names one profile, but the input holds " + entries.size());
    }
    Path credentials = ProfileFiles.credentialsFile(context.environment(), context.home());
    Path config = ProfileFiles.configFile(context.environment(), context.home());
    PrintWriter out = spec.commandLine().getOut();
    for (ImportParser.Entry entry : entries) {
      String name =
          override
              .or(entry::name)
              .orElseThrow(
                  () ->
                      new CommandException.Usage(
                          "the input names no profile: pass --profile NAME"));
      Map<String, String> keys = new LinkedHashMap<>();
      keys.put("aws_access_key_id", entry.accessKeyId());
      keys.put("aws_secret_access_key", entry.secretAccessKey());
      entry.sessionToken().ifPresent(token -> keys.put("aws_session_token", token));
      ProfileFileEditor editor = ProfileFileEditor.credentials(credentials);
      try {
        editor.setAll(name, keys);
        if (entry.sessionToken().isEmpty()) {
          editor.remove(name, "aws_session_token");
          editor.remove(name, "aws_security_token");
        }
        if (entry.region().isPresent()) {
          ProfileFileEditor.config(config).set(name, "region", entry.region().get());
        }
      } catch (IllegalArgumentException e) {
        throw new CommandException.Usage(e.getMessage());
      }
      out.print(
          "imported profile "
              + name
              + " ("
              + entry.accessKeyId()
              + (entry.sessionToken().isPresent() ? ", with session token" : "")
              + ") into "
              + credentials
              + entry.region().map(r -> "; region " + r + " into " + config).orElse("")
              + "\n");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
