package dev.stint.cli;

import dev.stint.core.chain.SsoLogin;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;

/**
 * Tells the person what to do during a sign-in, on standard error, in the AWS CLI's words: the page
 * to open and, for the device code, the code to confirm; opens the browser unless told not to. Not
 * thread-safe.
 */
final class SignInPrompt implements SsoLogin.Prompt {

  private final PrintWriter err;
  private final Map<String, String> environment;
  private final boolean openBrowser;

  SignInPrompt(PrintWriter err, Map<String, String> environment, boolean openBrowser) {
    this.err = err;
    this.environment = environment;
    this.openBrowser = openBrowser;
  }

  @Override
  public void deviceCode(SsoLogin.DeviceCode code) {
    if (openBrowser) {
      err.print(opening(code.verificationUri()));
      err.print("\nThen enter the code:\n\n" + code.userCode() + "\n");
      err.flush();
      launch(code.verificationUriComplete());
    } else {
      err.print(printOnly(code.verificationUri()));
      err.print(
          "\nThen enter the code:\n\n"
              + code.userCode()
              + "\n\nAlternatively, you may visit the following URL which will autofill the code"
              + " upon loading:\n"
              + code.verificationUriComplete()
              + "\n");
      err.flush();
    }
  }

  @Override
  public void authorizationPage(URI page) {
    if (openBrowser) {
      err.print(opening(page.toString()));
      err.flush();
      launch(page.toString());
    } else {
      err.print(printOnly(page.toString()));
      err.flush();
    }
  }

  private void launch(String page) {
    if (!Browser.open(environment, page)) {
      err.print("\nNo browser could be started; open the page above yourself.\n");
      err.flush();
    }
  }

  private static String opening(String page) {
    return "Attempting to automatically open the SSO authorization page in your default browser.\n"
        + "If the browser does not open or you wish to use a different device to authorize this"
        + " request, open the following URL:\n\n"
        + page
        + "\n";
  }

  private static String printOnly(String page) {
    return "Browser will not be automatically opened.\nPlease visit the following URL:\n\n"
        + page
        + "\n";
  }
}
