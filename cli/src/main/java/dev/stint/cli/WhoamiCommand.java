package dev.stint.cli;

import dev.stint.core.chain.CredentialChain;
import dev.stint.core.chain.StsClient;
import dev.stint.core.internal.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code stint whoami}: GetCallerIdentity with the resolved credentials, printed as {@code aws sts
 * get-caller-identity} prints it. Not thread-safe (one per invocation).
 */
@Command(
    name = "whoami",
    mixinStandardHelpOptions = true,
    description = {
      "Show whose credentials the profile resolves to (STS GetCallerIdentity).",
      "Calls GetCallerIdentity with the profile's credentials and prints UserId, Account and"
          + " Arn as JSON, as `aws sts get-caller-identity` does.",
      "Example: stint whoami --profile dev --endpoint-url http://127.0.0.1:8080"
    })
final class WhoamiCommand implements Callable<Integer> {

  private final Context context;

  @Spec CommandSpec spec;
  @Mixin ProfileOption profile;
  @Mixin ServiceOptions service;

  WhoamiCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    CredentialChain chain = Chains.build(context, profile.value(), service, Map.of());
    StsClient.CallerIdentity me = chain.sts().getCallerIdentity(chain.resolve().credentials());
    Map<String, Object> printed = new LinkedHashMap<>();
    printed.put("UserId", me.userId());
    printed.put("Account", me.account());
    printed.put("Arn", me.arn());
    PrintWriter out = spec.commandLine().getOut();
    out.print(Json.write(printed, Json.Style.INDENTED) + "\n");
    out.flush();
    return ExitCodes.OK;
  }
}
