package dev.stint.cli;

import dev.stint.core.chain.SsoLogin;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stint login}: signs in to IAM Identity Center as {@code aws sso login} does and writes the
 * token cache the AWS CLI, the SDKs and stint read. Not thread-safe (one per invocation).
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Sign in to IAM Identity Center (a stint portal) and cache the token, as `aws sso login`"
          + " does.",
      "The sso-session is --sso-session, else the profile's sso_session; a legacy profile names"
          + " sso_start_url and sso_region itself. By default a browser opens the portal's"
          + " /authorize page and comes back to a listener on 127.0.0.1 (PKCE); --device-code"
          + " shows a code to confirm on the portal's /device page instead, from any device.",
      "The token goes to ~/.aws/sso/cache/<sha1 of the session name, or of the start URL>.json"
          + " (0600), where the AWS CLI v2, boto3, the SDKs and stint's SSO profiles find it.",
      "Example: stint login --profile dev --device-code"
    })
final class LoginCommand implements Callable<Integer> {

  private final Context context;

  @Spec CommandSpec spec;
  @Mixin ProfileOption profile;
  @Mixin LoginOptions login;

  @Option(
      names = "--sso-session",
      paramLabel = "NAME",
      description = "Sign in to this [sso-session NAME] of the config file, whatever the profile.")
  String ssoSession;

  LoginCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    SsoLogin sso = logins(context, profile.value());
    SsoLogin.Session session = sso.session(Optional.ofNullable(ssoSession));
    signIn(sso, session, login, context, spec);
    return ExitCodes.OK;
  }

  /** The sign-in machinery for the command's environment, home, clock and profile. */
  static SsoLogin logins(Context context, Optional<String> profile) {
    return SsoLogin.builder()
        .environment(context.environment())
        .home(context.home())
        .clock(context.clock())
        .profile(profile)
        .build();
  }

  /** Signs in, telling the person what to do on standard error, and says so on standard output. */
  static SsoLogin.SignedIn signIn(
      SsoLogin sso,
      SsoLogin.Session session,
      LoginOptions login,
      Context context,
      CommandSpec spec) {
    SsoLogin.SignedIn done =
        sso.login(
            session,
            login.flow(),
            new SignInPrompt(spec.commandLine().getErr(), context.environment(), !login.noBrowser));
    PrintWriter out = spec.commandLine().getOut();
    out.print("Successfully logged into Start URL: " + done.startUrl() + "\n");
    out.flush();
    return done;
  }
}
