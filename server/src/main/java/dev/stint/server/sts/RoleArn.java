package dev.stint.server.sts;

import java.util.Optional;

/** The account and name in a role ARN {@code arn:aws:iam::ACCOUNT:role/PATH/NAME}. */
record RoleArn(String accountId, String name) {
  static Optional<RoleArn> parse(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length != 6
        || !parts[0].equals("arn")
        || !parts[1].equals("aws")
        || !parts[2].equals("iam")
        || !parts[3].isEmpty()
        || !twelveDigits(parts[4])
        || !parts[5].startsWith("role/")) {
      return Optional.empty();
    }
    String resource = parts[5];
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    return name.isEmpty() ? Optional.empty() : Optional.of(new RoleArn(parts[4], name));
  }

  // Not String.matches: that compiles its pattern on every call, and every AssumeRole parses one.
  private static boolean twelveDigits(String s) {
    if (s.length() != 12) {
      return false;
    }
    for (int i = 0; i < 12; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
