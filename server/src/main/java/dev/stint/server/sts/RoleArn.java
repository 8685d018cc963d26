package dev.stint.server.sts;

import java.util.Optional;

/** The account and name in a role ARN {@code arn:aws:iam::ACCOUNT:role/PATH/NAME}. */
record RoleArn(String accountId, String name) {
  private static final String PREFIX = "arn:aws:iam::";
  private static final int ACCOUNT_END = PREFIX.length() + 12;

  // Read by position, not String.split: every AssumeRole parses one.
  static Optional<RoleArn> parse(String arn) {
    if (!arn.startsWith(PREFIX)
        || arn.length() <= ACCOUNT_END
        || arn.charAt(ACCOUNT_END) != ':'
        || !twelveDigits(arn, PREFIX.length())
        || !arn.startsWith("role/", ACCOUNT_END + 1)) {
      return Optional.empty();
    }
    String name = arn.substring(arn.lastIndexOf('/') + 1);
    return name.isEmpty()
        ? Optional.empty()
        : Optional.of(new RoleArn(arn.substring(PREFIX.length(), ACCOUNT_END), name));
  }

  private static boolean twelveDigits(String s, int from) {
    for (int i = from; i < from + 12; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
