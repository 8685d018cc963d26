package dev.stint.cli;

import dev.stint.core.chain.SsoLogin;
import picocli.CommandLine.Option;

/**
 * How {@code stint login} and {@code stint configure sso} sign in: {@code --device-code} and {@code
 * --no-browser}, as {@code aws sso login} takes them. Not thread-safe.
 */
final class LoginOptions {

  @Option(
      names = {"--device-code", "--use-device-code"},
      description =
          "Sign in with a code confirmed on the portal's device page (any device), instead of"
              + " a browser on this machine coming back to 127.0.0.1 (PKCE). Legacy profiles"
              + " (sso_start_url without sso_session) always use the device code.")
  boolean deviceCode;

  @Option(
      names = "--no-browser",
      description = "Do not open a browser; print the page to open instead.")
  boolean noBrowser;

  SsoLogin.Flow flow() {
    return deviceCode ? SsoLogin.Flow.DEVICE_CODE : SsoLogin.Flow.AUTHORIZATION_CODE;
  }
}
