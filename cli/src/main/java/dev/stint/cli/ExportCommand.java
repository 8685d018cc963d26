package dev.stint.cli;

import dev.stint.core.chain.CredentialChain;
import dev.stint.core.chain.ResolvedCredentials;
import dev.stint.core.export.CredentialFormat;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stint export}: resolves credentials through the chain, as {@code aws configure
 * export-credentials} does, and prints them in a format for a shell or a program. Not thread-safe
 * (one per invocation).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Print the credentials the profile resolves to, for a shell or a program.",
      "The formats env, env-no-export, powershell, windows-cmd and process print what"
          + " `aws configure export-credentials` prints; values that are not plain are quoted"
          + " for their shell.",
      "Example: eval \"$(stint export --profile dev --format env)\""
    })
final class ExportCommand implements Callable<Integer> {

  private final Context context;

  @Spec CommandSpec spec;
  @Mixin ProfileOption profile;
  @Mixin ServiceOptions service;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "process",
      converter = Formats.Converter.class,
      completionCandidates = Formats.Names.class,
      description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  CredentialFormat format;

  @Option(
      names = "--with-region",
      description =
          "Also print the region (AWS_REGION and AWS_DEFAULT_REGION; Region in json), when one is"
              + " configured.")
  boolean withRegion;

  ExportCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return run(spec.commandLine().getOut());
  }

  /** The command's work, printing to {@code out}; {@link FastPath} calls it without picocli. */
  int run(PrintWriter out) {
    CredentialChain chain = Chains.build(context, profile.value(), service, Map.of());
    print(out, chain, format, withRegion);
    return ExitCodes.OK;
  }

  /** Resolves and renders before printing anything, so a failure leaves standard output empty. */
  static void print(
      PrintWriter out, CredentialChain chain, CredentialFormat format, boolean withRegion) {
    ResolvedCredentials resolved = chain.resolve();
    String region = withRegion ? chain.region().orElse(null) : null;
    String text =
        format.render(
            resolved.credentials(), new CredentialFormat.Options(region, chain.profileName()));
    out.print(text);
    out.flush();
  }
}
