package dev.stint.core.chain;

import dev.stint.core.profile.Profile;
import java.util.Optional;

/**
 * Keys from the profile's section of the shared credentials file ({@code [name]}), that file alone.
 * Immutable and thread-safe.
 */
final class SharedCredentialsProvider implements Provider {

  private final ChainContext context;
  private final String profileName;

  SharedCredentialsProvider(ChainContext context, String profileName) {
    this.context = context;
    this.profileName = profileName;
  }

  @Override
  public CredentialSource source() {
    return CredentialSource.SHARED_CREDENTIALS_FILE;
  }

  @Override
  public Outcome load() {
    Optional<Profile> profile = context.credentialsOnly().profile(profileName);
    if (profile.isEmpty() || !StaticKeys.present(profile.get().properties())) {
      return new Skipped(
          "no aws_access_key_id for profile " + profileName + " in " + context.credentialsFile());
    }
    return new Found(
        CredentialSupplier.fixed(
            StaticKeys.read(profile.get().properties(), source().method(), source())),
        Optional.of(profileName));
  }
}
