package dev.stint.core.chain;

/**
 * Where resolved credentials came from: one value per provider of the chain, in the chain's order,
 * each with the short name botocore gives the same provider ({@code METHOD}), which is also the
 * name in error messages.
 */
public enum CredentialSource {
  /** Given to the builder directly, as a command-line option would. */
  EXPLICIT("explicit"),
  /** {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and friends. */
  ENVIRONMENT("env"),
  /** A profile with {@code role_arn} and {@code source_profile} or {@code credential_source}. */
  ASSUME_ROLE("assume-role"),
  /** {@code AWS_WEB_IDENTITY_TOKEN_FILE} or a profile's {@code web_identity_token_file}. */
  WEB_IDENTITY("assume-role-with-web-identity"),
  /** IAM Identity Center: {@code sso_account_id} and {@code sso_role_name} in a profile. */
  SSO("sso"),
  /** Keys in the shared credentials file. */
  SHARED_CREDENTIALS_FILE("shared-credentials-file"),
  /** A profile's {@code credential_process}. */
  PROCESS("custom-process"),
  /** Keys in the config file. */
  CONFIG_FILE("config-file"),
  /** A container credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_*_URI}). */
  CONTAINER("container-role"),
  /** The instance metadata service (IMDSv2, falling back to v1). */
  INSTANCE_METADATA("iam-role");

  private final String method;

  CredentialSource(String method) {
    this.method = method;
  }

  /** botocore's name for this provider, such as {@code shared-credentials-file}. */
  public String method() {
    return method;
  }
}
