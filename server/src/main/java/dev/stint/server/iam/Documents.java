package dev.stint.server.iam;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.server.policy.Policy;
import dev.stint.server.policy.PolicyException;
import dev.stint.server.query.ApiException;
import dev.stint.server.query.ErrorCode;
import java.util.function.Supplier;

/**
 * Policy documents on their way in: parsed as IAM parses them, refused with {@code
 * MalformedPolicyDocument} and IAM's message, or with the {@code LimitExceeded} the caller names
 * when over the kind's size quota. Stateless.
 */
final class Documents {
  private Documents() {}

  static Policy parse(String document, Policy.Kind kind, Supplier<ApiException> tooLarge) {
    try {
      return Policy.parse(document, kind);
    } catch (PolicyException.TooLarge e) {
      throw tooLarge.get();
    } catch (PolicyException.Malformed e) {
      throw rejected(ErrorCode.MALFORMED_POLICY_DOCUMENT, e.getMessage());
    } catch (PolicyException e) {
      throw rejected(ErrorCode.MALFORMED_POLICY_DOCUMENT, e.getMessage());
    }
  }

  /** The size a stored document counts against its owner's aggregate quota; 0 if unparsable. */
  static int size(String document, Policy.Kind kind) {
    try {
      return Policy.parse(document, kind).size();
    } catch (PolicyException e) {
      return 0;
    }
  }
}
