package dev.stint.cli;

import dev.stint.core.chain.CredentialChain;
import dev.stint.core.chain.CredentialException;
import dev.stint.core.chain.MfaPrompt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Builds the credential chain a command resolves with. Stateless. */
final class Chains {

  private Chains() {}

  /**
   * The chain for the command's options. {@code --endpoint-url} reaches the chain as {@code
   * AWS_ENDPOINT_URL_STS}, which it reads before any other endpoint setting, and so do the programs
   * it runs ({@code credential_process}); {@code extra} adds variables for those programs.
   */
  static CredentialChain build(
      Context context,
      Optional<String> profile,
      ServiceOptions service,
      Map<String, String> extra) {
    Map<String, String> environment = new HashMap<>(context.environment());
    service
        .endpointUrl()
        .ifPresent(
            url -> {
              environment.put("AWS_ENDPOINT_URL_STS", url);
              environment.remove("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
            });
    environment.putAll(extra);
    return CredentialChain.builder()
        .environment(environment)
        .home(context.home())
        .clock(context.clock())
        .profile(profile)
        .region(service.region())
        .mfaPrompt(mfaPrompt(context))
        .build();
  }

  /** Asks for MFA codes on the terminal (or standard input), without echo. */
  static MfaPrompt mfaPrompt(Context context) {
    return (serial, prompt) -> {
      char[] code;
      try {
        code = context.readSecret(prompt);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        if (code.length == 0) {
          throw new CredentialException.MfaUnavailable(
              "No MFA code was entered for " + serial + ".");
        }
        return new String(code);
      } finally {
        Arrays.fill(code, '\0');
      }
    };
  }
}
