package dev.stint.server.sts;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.core.token.SessionClaims;
import dev.stint.core.token.SessionTokenCodec;
import dev.stint.server.query.ErrorCode;

/** AWS's {@code PackedPolicySize}: how much of the token's budget session policies and tags use. */
final class PackedPolicy {
  private PackedPolicy() {}

  /** The percentage used; {@code PackedPolicyTooLarge} above 100, with AWS's message. */
  static int check(SessionClaims claims) {
    int percent = SessionTokenCodec.packedPolicySize(claims);
    if (percent > 100) {
      throw rejected(
          ErrorCode.PACKED_POLICY_TOO_LARGE,
          "Packed size of session policy and session tags consumes "
              + percent
              + "% of allotted space, please use smaller policy.");
    }
    return percent;
  }
}
