package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.profile.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A profile with {@code role_arn} (and no {@code web_identity_token_file}): AssumeRole, signed with
 * the credentials of its {@code source_profile} (itself resolved by the profile providers, or by
 * assuming that profile's role in turn, to any depth) or of its {@code credential_source} ({@code
 * Environment}, {@code EcsContainer}, {@code Ec2InstanceMetadata}); with {@code external_id},
 * {@code mfa_serial} (asking the {@link MfaPrompt}), {@code role_session_name} (default {@code
 * botocore-session-<epoch seconds>}) and {@code duration_seconds}. Answers go through the AWS CLI's
 * cache under botocore's key. A loop of {@code source_profile}s fails with botocore's error.
 * Immutable and thread-safe; each {@link #load()} walks the profiles afresh.
 */
final class AssumeRoleProvider implements Provider {

  private static final List<String> CREDENTIAL_SOURCES =
      List.of("Environment", "EcsContainer", "Ec2InstanceMetadata");

  private final ChainContext context;
  private final String profileName;

  AssumeRoleProvider(ChainContext context, String profileName) {
    this.context = context;
    this.profileName = profileName;
  }

  @Override
  public CredentialSource source() {
    return CredentialSource.ASSUME_ROLE;
  }

  @Override
  public Outcome load() {
    Map<String, String> profile = properties(profileName);
    if (!hasRoleConfig(profile)) {
      return new Skipped("profile " + profileName + " has no role_arn");
    }
    List<String> visited = new ArrayList<>(List.of(profileName));
    return new Found(viaAssumeRole(profileName, visited), Optional.of(profileName));
  }

  /** botocore's cache key for the role of a profile with {@code role_arn}. */
  static String cacheKey(Map<String, String> profile) {
    Map<String, Object> arguments = new LinkedHashMap<>();
    // An empty name counts as none: botocore then generates one and leaves it out of the key.
    String sessionName = profile.get("role_session_name");
    if (sessionName != null && !sessionName.isEmpty()) {
      arguments.put("RoleSessionName", sessionName);
    }
    if (profile.get("external_id") != null) {
      arguments.put("ExternalId", profile.get("external_id"));
    }
    if (profile.get("mfa_serial") != null) {
      arguments.put("SerialNumber", profile.get("mfa_serial"));
    }
    Integer duration = pythonInt(profile.get("duration_seconds"));
    if (duration != null) {
      arguments.put("DurationSeconds", duration.longValue());
    }
    arguments.put("RoleArn", profile.get("role_arn"));
    return CliCache.roleKey(arguments);
  }

  static boolean hasRoleConfig(Map<String, String> profile) {
    return profile.containsKey("role_arn") && !profile.containsKey("web_identity_token_file");
  }

  private Map<String, String> properties(String name) {
    return context.profile(name).map(Profile::properties).orElse(Map.of());
  }

  private CredentialSupplier viaAssumeRole(String name, List<String> visited) {
    Map<String, String> profile = properties(name);
    String roleArn = profile.get("role_arn");
    String sourceProfile = profile.get("source_profile");
    String credentialSource = profile.get("credential_source");
    if (credentialSource != null && sourceProfile != null) {
      throw new CredentialException.InvalidConfig(
          "The profile \"" + name + "\" contains both source_profile and credential_source.");
    }
    if (credentialSource == null && sourceProfile == null) {
      throw new CredentialException.PartialCredentials(
          source(), "source_profile or credential_source");
    }
    CredentialSupplier sourceCredentials;
    if (credentialSource != null) {
      if (!CREDENTIAL_SOURCES.contains(credentialSource)) {
        throw new CredentialException.InvalidConfig(
            "The credential source \""
                + credentialSource
                + "\" referenced in profile \""
                + name
                + "\" is not valid.");
      }
      sourceCredentials = fromCredentialSource(credentialSource, name);
    } else {
      checkSourceProfile(name, sourceProfile, visited);
      visited.add(sourceProfile);
      sourceCredentials = fromSourceProfile(sourceProfile, visited);
    }

    String sessionName =
        profile.get("role_session_name") == null || profile.get("role_session_name").isEmpty()
            ? null
            : profile.get("role_session_name");
    String mfaSerial = profile.get("mfa_serial");
    Integer duration = pythonInt(profile.get("duration_seconds"));
    String key = cacheKey(profile);
    String effectiveSessionName =
        sessionName != null
            ? sessionName
            : "botocore-session-" + context.clock().instant().getEpochSecond();

    StsClient.AssumeRoleRequest base =
        new StsClient.AssumeRoleRequest(
            roleArn,
            effectiveSessionName,
            duration,
            profile.get("external_id"),
            mfaSerial,
            null,
            null,
            null);
    CachedFetch fetch =
        new CachedFetch(
            context.roleCache(),
            key,
            context.clock(),
            source(),
            () -> assumeRole(base, sourceCredentials));
    RefreshingCredentials.Fetch refresher = mfaSerial == null ? fetch : new OnceOnly(fetch);
    return RefreshingCredentials.deferred(refresher, context.clock(), source());
  }

  private Map<String, Object> assumeRole(
      StsClient.AssumeRoleRequest base, CredentialSupplier sourceCredentials) {
    Credentials caller = sourceCredentials.get();
    StsClient.AssumeRoleRequest request = base;
    if (base.serialNumber() != null) {
      String code =
          context
              .mfaPrompt()
              .tokenCode(base.serialNumber(), "Enter MFA code for " + base.serialNumber() + ": ");
      request =
          new StsClient.AssumeRoleRequest(
              base.roleArn(),
              base.roleSessionName(),
              base.durationSeconds(),
              base.externalId(),
              base.serialNumber(),
              code,
              base.policy(),
              base.sourceIdentity());
    }
    try {
      return CacheEntries.assumeRole(context.sts().assumeRole(caller, request));
    } catch (AwsCallException e) {
      throw new CredentialException.CallFailed(e);
    }
  }

  private void checkSourceProfile(String parent, String sourceProfile, List<String> visited) {
    Optional<Profile> profile = context.profile(sourceProfile);
    if (profile.isEmpty()) {
      throw new CredentialException.InvalidConfig(
          "The source_profile \""
              + sourceProfile
              + "\" referenced in the profile \""
              + parent
              + "\" does not exist.");
    }
    if (!visited.contains(sourceProfile)) {
      return;
    }
    // A profile may name itself, to hold the static keys its role is assumed with.
    if (!sourceProfile.equals(parent) || !StaticKeys.any(profile.get().properties())) {
      throw new CredentialException.InfiniteLoop(sourceProfile, visited);
    }
  }

  private CredentialSupplier fromSourceProfile(String name, List<String> visited) {
    Map<String, String> profile = properties(name);
    if (StaticKeys.any(profile) || !hasRoleConfig(profile)) {
      for (Provider provider : ProfileProviders.forProfile(context, name, true)) {
        if (provider.load() instanceof Found found) {
          return found.supplier();
        }
      }
      throw new CredentialException.InvalidConfig(
          "The source profile \"" + name + "\" must have credentials.");
    }
    return viaAssumeRole(name, visited);
  }

  private CredentialSupplier fromCredentialSource(String credentialSource, String name) {
    Provider provider =
        switch (credentialSource) {
          case "Environment" -> new EnvironmentProvider(context, false);
          case "EcsContainer" -> new ContainerProvider(context);
          default -> new InstanceMetadataProvider(context);
        };
    if (provider.load() instanceof Found found) {
      return found.supplier();
    }
    throw new CredentialException.RetrievalFailed(
        credentialSource,
        source(),
        "No credentials found in credential_source referenced in profile " + name,
        null);
  }

  /**
   * Python's {@code int(text)} for what config files hold: optional sign, digits, underscores
   * between digits, surrounding whitespace; anything else (botocore ignores it) is null.
   */
  static Integer pythonInt(String text) {
    if (text == null) {
      return null;
    }
    String stripped = text.strip();
    if (!stripped.matches("[+-]?\\d+(_\\d+)*")) {
      return null;
    }
    try {
      return Integer.valueOf(stripped.replace("_", ""));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * botocore asks for an MFA code once per role: the first fetch goes through, a later refresh
   * fails with its error rather than prompting again.
   */
  private static final class OnceOnly implements RefreshingCredentials.Fetch {
    private final RefreshingCredentials.Fetch fetch;
    private final java.util.concurrent.atomic.AtomicBoolean called =
        new java.util.concurrent.atomic.AtomicBoolean();

    OnceOnly(RefreshingCredentials.Fetch fetch) {
      this.fetch = fetch;
    }

    @Override
    public Credentials fetch() {
      if (called.getAndSet(true)) {
        throw new CredentialException.MfaUnavailable(
            "Cannot refresh credentials: MFA token required.");
      }
      return fetch.fetch();
    }
  }
}
