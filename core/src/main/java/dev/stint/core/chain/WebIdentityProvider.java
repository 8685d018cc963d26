package dev.stint.core.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * AssumeRoleWithWebIdentity (unsigned) with the token read from a file at each call: {@code
 * AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN} and {@code AWS_ROLE_SESSION_NAME}, each
 * falling back to the profile's {@code web_identity_token_file}, {@code role_arn} and {@code
 * role_session_name}; the variables are not read for a profile given explicitly or for a {@code
 * source_profile}. Answers go through the AWS CLI's cache under botocore's key. Immutable and
 * thread-safe.
 */
final class WebIdentityProvider implements Provider {

  private static final Map<String, String> VARIABLES =
      Map.of(
          "web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE",
          "role_arn", "AWS_ROLE_ARN",
          "role_session_name", "AWS_ROLE_SESSION_NAME");

  private final ChainContext context;
  private final String profileName;
  private final boolean environmentDisabled;

  WebIdentityProvider(ChainContext context, String profileName, boolean environmentDisabled) {
    this.context = context;
    this.profileName = profileName;
    this.environmentDisabled = environmentDisabled;
  }

  @Override
  public CredentialSource source() {
    return CredentialSource.WEB_IDENTITY;
  }

  /** The variable if it is set (even empty), else the profile's key. */
  private Optional<String> setting(String key) {
    if (!environmentDisabled && context.environment().containsKey(VARIABLES.get(key))) {
      return Optional.of(context.environment().get(VARIABLES.get(key)));
    }
    return context.profile(profileName).flatMap(p -> p.property(key));
  }

  @Override
  public Outcome load() {
    Optional<String> tokenFile = setting("web_identity_token_file").filter(s -> !s.isEmpty());
    if (tokenFile.isEmpty()) {
      return new Skipped(
          (environmentDisabled ? "" : "AWS_WEB_IDENTITY_TOKEN_FILE is not set and ")
              + "profile "
              + profileName
              + " has no web_identity_token_file");
    }
    String roleArn =
        setting("role_arn")
            .filter(s -> !s.isEmpty())
            .orElseThrow(
                () ->
                    new CredentialException.InvalidConfig(
                        "The provided profile or the current environment is configured to assume"
                            + " role with web identity but has no role ARN configured. Ensure that"
                            + " the profile has the role_arnconfiguration set or the AWS_ROLE_ARN"
                            + " env var is set."));
    Optional<String> sessionName = setting("role_session_name").filter(s -> !s.isEmpty());
    String effectiveSessionName =
        sessionName.orElse("botocore-session-" + context.clock().instant().getEpochSecond());
    Path file = Path.of(tokenFile.get());
    CachedFetch fetch =
        new CachedFetch(
            context.roleCache(),
            cacheKey(roleArn, sessionName),
            context.clock(),
            source(),
            () -> call(roleArn, effectiveSessionName, file));
    boolean fromProfile =
        environmentDisabled || !context.environment().containsKey("AWS_WEB_IDENTITY_TOKEN_FILE");
    return new Found(
        RefreshingCredentials.deferred(fetch, context.clock(), source()),
        fromProfile ? Optional.of(profileName) : Optional.empty());
  }

  /** botocore's cache key for a role assumed with a web identity token. */
  static String cacheKey(String roleArn, Optional<String> sessionName) {
    Map<String, Object> arguments = new LinkedHashMap<>();
    sessionName.ifPresent(name -> arguments.put("RoleSessionName", name));
    arguments.put("RoleArn", roleArn);
    return CliCache.roleKey(arguments);
  }

  private Map<String, Object> call(String roleArn, String sessionName, Path file) {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CredentialException.RetrievalFailed(
          source(),
          "cannot read the web identity token file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
    try {
      return CacheEntries.assumeRoleWithWebIdentity(
          context
              .sts()
              .assumeRoleWithWebIdentity(
                  new StsClient.WebIdentityRequest(roleArn, sessionName, token, null)));
    } catch (AwsCallException e) {
      throw new CredentialException.CallFailed(e);
    }
  }
}
