package dev.stint.cli;

import dev.stint.core.chain.AwsCallException;
import dev.stint.core.chain.SsoLogin;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code stint logout}: signs out of IAM Identity Center as {@code aws sso logout} does. Not
 * thread-safe (one per invocation).
 */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description = {
      "Sign out of IAM Identity Center, as `aws sso logout` does.",
      "Every cached sign-in token (~/.aws/sso/cache) is ended at the portal (Logout) and its file"
          + " removed, and so is every role credential cached from one (~/.aws/cli/cache entries"
          + " with ProviderType sso), for every profile. --profile only chooses the portal"
          + " endpoint (its services section or endpoint_url); a profile named that does not"
          + " exist is an error (status 3) and nothing is removed.",
      "The files are removed even when the portal cannot be reached or refuses; the status is"
          + " then 4 or 5, as that sign-in may stay valid at the portal until it expires."
    })
final class LogoutCommand implements Callable<Integer> {

  private final Context context;

  @Spec CommandSpec spec;
  @Mixin ProfileOption profile;

  LogoutCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    SsoLogin.LoggedOut done = LoginCommand.logins(context, profile.value()).logout();
    PrintWriter err = spec.commandLine().getErr();
    for (AwsCallException failure : done.failures()) {
      err.print(
          "stint logout: the portal did not end a sign-in (its token file is removed all the"
              + " same): "
              + failure.getMessage()
              + "\n");
    }
    err.flush();
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        "Logged out: removed "
            + count(done.tokens(), "sign-in token")
            + " and "
            + count(done.credentials(), "cached role credential")
            + ".\n");
    out.flush();
    return done.failures().isEmpty() ? ExitCodes.OK : ExitCodes.of(done.failures().get(0));
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
