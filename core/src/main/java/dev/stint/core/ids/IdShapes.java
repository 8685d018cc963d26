package dev.stint.core.ids;

import java.util.regex.Pattern;

/**
 * The shapes of the identifiers {@link Ids} makes, as patterns and predicates, for checking input
 * before it is looked up or trusted. Each predicate is false for {@code null}. Stateless and
 * thread-safe.
 */
public final class IdShapes {

  /** A temporary access key id: {@code ASIA} and 16 of {@code [A-Z2-7]}. */
  public static final Pattern TEMPORARY_ACCESS_KEY_ID = Pattern.compile("ASIA[A-Z2-7]{16}");

  /** A long-term access key id: {@code AKIA} and 16 of {@code [A-Z2-7]}. */
  public static final Pattern LONG_TERM_ACCESS_KEY_ID = Pattern.compile("AKIA[A-Z2-7]{16}");

  /** A secret access key: 40 of {@code [A-Za-z0-9/+]}. */
  public static final Pattern SECRET_ACCESS_KEY = Pattern.compile("[A-Za-z0-9/+]{40}");

  /** A role's unique id: {@code AROA} and 17 of {@code [A-Z0-9]}. */
  public static final Pattern ROLE_ID = Pattern.compile("AROA[A-Z0-9]{17}");

  /** A user's unique id: {@code AIDA} and 17 of {@code [A-Z0-9]}. */
  public static final Pattern USER_ID = Pattern.compile("AIDA[A-Z0-9]{17}");

  /** A session id: 22 of {@code [A-Za-z0-9_-]} (128 bits of unpadded base64url). */
  public static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

  /** An account id: twelve digits, the first not 0. */
  public static final Pattern ACCOUNT_ID = Pattern.compile("[1-9][0-9]{11}");

  private static final long[] BASE32 = table("AZ", "27");
  private static final long[] UPPER_ALNUM = table("AZ", "09");
  private static final long[] SECRET = table("AZ", "az", "09", "/", "+");
  private static final long[] URL_SAFE = table("AZ", "az", "09", "_", "-");
  private static final long[] DIGIT = table("09");

  private IdShapes() {}

  public static boolean isTemporaryAccessKeyId(String s) {
    return shaped(s, "ASIA", 16, BASE32);
  }

  public static boolean isLongTermAccessKeyId(String s) {
    return shaped(s, "AKIA", 16, BASE32);
  }

  /** Either kind of access key id. */
  public static boolean isAccessKeyId(String s) {
    return isTemporaryAccessKeyId(s) || isLongTermAccessKeyId(s);
  }

  public static boolean isSecretAccessKey(String s) {
    return shaped(s, "", 40, SECRET);
  }

  public static boolean isRoleId(String s) {
    return shaped(s, "AROA", 17, UPPER_ALNUM);
  }

  public static boolean isUserId(String s) {
    return shaped(s, "AIDA", 17, UPPER_ALNUM);
  }

  public static boolean isSessionId(String s) {
    return shaped(s, "", 22, URL_SAFE);
  }

  public static boolean isAccountId(String s) {
    return shaped(s, "", 12, DIGIT) && s.charAt(0) != '0';
  }

  // The predicates run on every signed request, so they test characters against a table rather
  // than run the patterns above; IdShapesTest holds the two to the same answers.
  private static boolean shaped(String s, String prefix, int length, long[] alphabet) {
    if (s == null || s.length() != prefix.length() + length || !s.startsWith(prefix)) {
      return false;
    }
    for (int i = prefix.length(); i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 128 || (alphabet[c >> 6] & (1L << c)) == 0) {
        return false;
      }
    }
    return true;
  }

  private static long[] table(String... ranges) {
    long[] table = new long[2];
    for (String range : ranges) {
      for (char c = range.charAt(0); c <= range.charAt(range.length() - 1); c++) {
        table[c >> 6] |= 1L << c;
      }
    }
    return table;
  }
}
