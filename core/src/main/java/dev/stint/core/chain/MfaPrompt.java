package dev.stint.core.chain;

/**
 * Asks a person for the current code of an MFA device, when a profile with {@code mfa_serial} must
 * call AssumeRole. Called at most once per STS call, while the cache lock is held, so parallel
 * processes sharing a profile ask once between them. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface MfaPrompt {

  /**
   * Returns the code the person typed.
   *
   * @param mfaSerial the device's serial number or ARN, from the profile
   * @param prompt botocore's prompt text: {@code Enter MFA code for <serial>: }
   * @throws CredentialException when no code can be had (no terminal, cancelled)
   */
  String tokenCode(String mfaSerial, String prompt);

  /** A prompt for programs with nobody to ask: it refuses, naming the device. */
  static MfaPrompt none() {
    return (serial, prompt) -> {
      throw new CredentialException.MfaUnavailable(
          "An MFA code for " + serial + " is required and there is no way to ask for one.");
    };
  }
}
