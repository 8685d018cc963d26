package dev.stint.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --profile} option, shared by every command that reads a profile. Not thread-safe. */
final class ProfileOption {

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      description =
          "Use this profile (default: AWS_PROFILE, then AWS_DEFAULT_PROFILE, then default)."
              + " Naming one ignores the AWS_ACCESS_KEY_ID... variables, as the AWS CLI does.")
  String profile;

  Optional<String> value() {
    return Optional.ofNullable(profile);
  }
}
