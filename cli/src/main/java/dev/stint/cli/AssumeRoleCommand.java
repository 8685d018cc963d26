package dev.stint.cli;

import dev.stint.core.chain.CredentialChain;
import dev.stint.core.chain.StsClient;
import dev.stint.core.export.CredentialFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stint assume-role}: AssumeRole with the resolved credentials, the new session printed in
 * an export format. Nothing is cached: each run is a new session. Not thread-safe (one per
 * invocation).
 */
@Command(
    name = "assume-role",
    mixinStandardHelpOptions = true,
    description = {
      "Assume ROLE_ARN with the profile's credentials and print the session's credentials.",
      "Example: eval \"$(stint assume-role arn:aws:iam::123456789012:role/deploy --format env)\""
    })
final class AssumeRoleCommand implements Callable<Integer> {

  private final Context context;

  @Spec CommandSpec spec;
  @Mixin ProfileOption profile;
  @Mixin ServiceOptions service;

  @Parameters(index = "0", paramLabel = "ROLE_ARN", description = "The role to assume.")
  String roleArn;

  @Option(
      names = "--role-session-name",
      paramLabel = "NAME",
      description = "The session name (default: stint-<epoch seconds>).")
  String roleSessionName;

  @Option(
      names = "--duration-seconds",
      paramLabel = "SECONDS",
      description = "How long the credentials last, 900 to the role's maximum (default: 3600).")
  Integer durationSeconds;

  @Option(names = "--external-id", paramLabel = "ID", description = "The external id to pass.")
  String externalId;

  @Option(
      names = "--serial-number",
      paramLabel = "MFA",
      description = "The MFA device; the code is asked for on the terminal without echo.")
  String serialNumber;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "process",
      converter = Formats.Converter.class,
      completionCandidates = Formats.Names.class,
      description =
          "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); ini names the section"
              + " after the session.")
  CredentialFormat format;

  @Option(names = "--with-region", description = "Also print the region, when one is configured.")
  boolean withRegion;

  AssumeRoleCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    CredentialChain chain = Chains.build(context, profile.value(), service, Map.of());
    String sessionName =
        roleSessionName != null
            ? roleSessionName
            : "stint-" + context.clock().instant().getEpochSecond();
    String tokenCode = null;
    if (serialNumber != null) {
      char[] code = context.readSecret("Enter MFA code for " + serialNumber + ": ");
      try {
        tokenCode = new String(code);
      } finally {
        Arrays.fill(code, '\0');
      }
    }
    StsClient.AssumedRole session =
        chain
            .sts()
            .assumeRole(
                chain.resolve().credentials(),
                new StsClient.AssumeRoleRequest(
                    roleArn,
                    sessionName,
                    durationSeconds,
                    externalId,
                    serialNumber,
                    tokenCode,
                    null,
                    null));
    String region = withRegion ? chain.region().orElse(null) : null;
    String text =
        format.render(session.credentials(), new CredentialFormat.Options(region, sessionName));
    PrintWriter out = spec.commandLine().getOut();
    out.print(text);
    out.flush();
    return ExitCodes.OK;
  }
}
