package dev.stint.core.chain;

import java.util.List;

/**
 * The providers that read a profile, in botocore's order, shared by the main chain and by an
 * assume-role profile's {@code source_profile}. Stateless and thread-safe.
 */
final class ProfileProviders {

  private ProfileProviders() {}

  /**
   * Web identity, SSO, shared credentials file, {@code credential_process}, config file.
   *
   * @param environmentDisabled whether the web identity provider ignores {@code AWS_*} variables
   */
  static List<Provider> forProfile(
      ChainContext context, String profileName, boolean environmentDisabled) {
    return List.of(
        new WebIdentityProvider(context, profileName, environmentDisabled),
        new SsoProvider(context, profileName),
        new SharedCredentialsProvider(context, profileName),
        new ProcessProvider(context, profileName),
        new ConfigFileProvider(context, profileName));
  }
}
