package dev.stint.cli;

import dev.stint.core.chain.CredentialChain;
import dev.stint.core.export.CredentialFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code stint credential-process}: the {@code Version: 1} JSON for the AWS CLI's and the SDKs'
 * {@code credential_process} setting. Errors go to standard error with a non-zero status, which the
 * AWS tools show to the person.
 *
 * <p>A profile whose {@code credential_process} runs {@code stint credential-process} for itself
 * (directly or through other profiles) would start stint after stint without end. Each run adds its
 * profile to {@value #MARKER} in the environment of the programs it starts; a run that finds its
 * profile there already refuses. Not thread-safe (one per invocation).
 */
@Command(
    name = "credential-process",
    mixinStandardHelpOptions = true,
    description = {
      "Print the profile's credentials as the credential_process JSON (Version 1).",
      "In ~/.aws/config: credential_process = stint credential-process --profile PROFILE",
      "(PROFILE must be another profile than the one holding that line)."
    })
final class CredentialProcessCommand implements Callable<Integer> {

  /** Profiles being resolved by the {@code stint credential-process} runs above this one. */
  static final String MARKER = "STINT_CREDENTIAL_PROCESS_PROFILES";

  private final Context context;

  @Spec CommandSpec spec;
  @Mixin ProfileOption profile;
  @Mixin ServiceOptions service;

  CredentialProcessCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return run(spec.commandLine().getOut());
  }

  /** The command's work, printing to {@code out}; {@link FastPath} calls it without picocli. */
  int run(java.io.PrintWriter out) {
    String name =
        profile
            .value()
            .or(() -> nonEmpty(context.environment().get("AWS_PROFILE")))
            .or(() -> nonEmpty(context.environment().get("AWS_DEFAULT_PROFILE")))
            .orElse("default");
    List<String> above = above(context.environment().get(MARKER));
    if (above.contains(name)) {
      List<String> loop = new ArrayList<>(above);
      loop.add(name);
      throw new CommandException.Refused(
          MARKER,
          "profile "
              + name
              + " is already being resolved by stint credential-process ("
              + String.join(" -> ", loop)
              + "): a profile's credential_process must not run stint credential-process for"
              + " that same profile; point it at another profile");
    }
    List<String> path = new ArrayList<>(above);
    path.add(name);
    CredentialChain chain =
        Chains.build(context, profile.value(), service, Map.of(MARKER, String.join("\n", path)));
    ExportCommand.print(out, chain, CredentialFormat.PROCESS, false);
    return ExitCodes.OK;
  }

  private static List<String> above(String marker) {
    return marker == null || marker.isEmpty() ? List.of() : Arrays.asList(marker.split("\n"));
  }

  private static java.util.Optional<String> nonEmpty(String value) {
    return value == null || value.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(value);
  }
}
