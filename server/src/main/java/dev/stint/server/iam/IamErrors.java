package dev.stint.server.iam;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.server.query.ApiException;
import dev.stint.server.query.ErrorCode;
import dev.stint.server.store.StoreException;

/**
 * IAM's refusals with IAM's own wording, in one place. Helpers return the exception so call sites
 * read {@code throw IamErrors.noSuchUser(name)}. Stateless.
 */
final class IamErrors {
  private IamErrors() {}

  static ApiException noSuchUser(String name) {
    return rejected(ErrorCode.NO_SUCH_ENTITY, "The user with name " + name + " cannot be found.");
  }

  static ApiException noSuchRole(String name) {
    return rejected(ErrorCode.NO_SUCH_ENTITY, "The role with name " + name + " cannot be found.");
  }

  static ApiException noSuchUserPolicy(String policyName) {
    return rejected(
        ErrorCode.NO_SUCH_ENTITY, "The user policy with name " + policyName + " cannot be found.");
  }

  static ApiException noSuchRolePolicy(String policyName) {
    return rejected(
        ErrorCode.NO_SUCH_ENTITY, "The role policy with name " + policyName + " cannot be found.");
  }

  static ApiException noSuchAccessKey(String accessKeyId) {
    return rejected(
        ErrorCode.NO_SUCH_ENTITY, "The Access Key with id " + accessKeyId + " cannot be found.");
  }

  static ApiException noSuchLoginProfile(String userName) {
    return rejected(
        ErrorCode.NO_SUCH_ENTITY, "Login Profile for User " + userName + " cannot be found.");
  }

  static ApiException noSuchPolicy(String policyArn) {
    return rejected(ErrorCode.NO_SUCH_ENTITY, "Policy " + policyArn + " was not found.");
  }

  static ApiException notAttachable(String policyArn) {
    return rejected(
        ErrorCode.NO_SUCH_ENTITY, "Policy " + policyArn + " does not exist or is not attachable.");
  }

  static ApiException noSuchPolicyVersion(String policyArn, String versionId) {
    return rejected(
        ErrorCode.NO_SUCH_ENTITY,
        "Policy " + policyArn + " version " + versionId + " does not exist or is not attachable.");
  }

  static ApiException noSuchMfaDevice(String serialNumber) {
    return rejected(
        ErrorCode.NO_SUCH_ENTITY,
        "VirtualMFADevice with serial number " + serialNumber + " doesn't exist.");
  }

  /**
   * AWS's refusal to change a role that IAM Identity Center owns; here, a role the access portal
   * provisioned for a permission set.
   */
  static ApiException protectedRole(String roleName) {
    return rejected(
        ErrorCode.UNMODIFIABLE_ENTITY,
        "Cannot perform the operation on the protected role '"
            + roleName
            + "' - this role is only modifiable by AWS");
  }

  static ApiException quota(String quota, int limit) {
    return rejected(ErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for " + quota + ": " + limit);
  }

  static ApiException invalidMarker() {
    return rejected(ErrorCode.VALIDATION_ERROR, "Invalid Marker.");
  }

  /** AWS's answer when an action that defaults to the caller's user is called by a role. */
  static ApiException userNameRequired() {
    return rejected(
        ErrorCode.VALIDATION_ERROR, "Must specify userName when calling with non-User credentials");
  }

  static ApiException duplicateTagKeys() {
    return rejected(
        ErrorCode.INVALID_INPUT,
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
  }

  /**
   * A store refusal that a check before it did not catch (a concurrent change): the store's own
   * messages are IAM's wording already.
   */
  static ApiException from(StoreException e) {
    return switch (e) {
      case StoreException.NoSuchEntity n -> rejected(ErrorCode.NO_SUCH_ENTITY, n.getMessage());
      case StoreException.EntityAlreadyExists x ->
          rejected(ErrorCode.ENTITY_ALREADY_EXISTS, x.getMessage());
      case StoreException.DeleteConflict d -> rejected(ErrorCode.DELETE_CONFLICT, d.getMessage());
      case StoreException.InvalidMarker m -> invalidMarker();
      case StoreException.Unavailable u -> ApiException.failed("database unavailable", u);
    };
  }
}
