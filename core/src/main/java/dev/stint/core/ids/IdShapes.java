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

  private IdShapes() {}

  public static boolean isTemporaryAccessKeyId(String s) {
    return matches(TEMPORARY_ACCESS_KEY_ID, s);
  }

  public static boolean isLongTermAccessKeyId(String s) {
    return matches(LONG_TERM_ACCESS_KEY_ID, s);
  }

  /** Either kind of access key id. */
  public static boolean isAccessKeyId(String s) {
    return isTemporaryAccessKeyId(s) || isLongTermAccessKeyId(s);
  }

  public static boolean isSecretAccessKey(String s) {
    return matches(SECRET_ACCESS_KEY, s);
  }

  public static boolean isRoleId(String s) {
    return matches(ROLE_ID, s);
  }

  public static boolean isUserId(String s) {
    return matches(USER_ID, s);
  }

  public static boolean isSessionId(String s) {
    return matches(SESSION_ID, s);
  }

  public static boolean isAccountId(String s) {
    return matches(ACCOUNT_ID, s);
  }

  private static boolean matches(Pattern pattern, String s) {
    return s != null && pattern.matcher(s).matches();
  }
}
