/**
 * The client side's credential provider chain, as the AWS CLI documents it and botocore implements
 * it: {@link dev.stint.core.chain.CredentialChain} resolves credentials from the environment, the
 * shared files, assumed roles, web identity, IAM Identity Center, {@code credential_process}, a
 * container endpoint or instance metadata, keeps temporary ones fresh, and shares the AWS CLI's
 * caches; {@link dev.stint.core.chain.StsClient} is the small STS client it uses, public for the
 * {@code stint} commands that call STS directly.
 */
package dev.stint.core.chain;
