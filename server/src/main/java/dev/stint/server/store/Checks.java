package dev.stint.server.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Validation shared by the stored records' compact constructors. Stateless, thread-safe. */
final class Checks {

  static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
  static final Pattern USER_ID = Pattern.compile("AIDA[A-Z0-9]{12,60}");
  static final Pattern ROLE_ID = Pattern.compile("AROA[A-Z0-9]{12,60}");
  static final Pattern ACCESS_KEY_ID = Pattern.compile("AKIA[A-Z0-9]{16}");
  // IAM's names: users and roles up to 64 characters, policies up to 128.
  static final Pattern PRINCIPAL_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
  // IAM's path: "/" alone, or printable ASCII between slashes, 512 characters at most.
  static final Pattern PATH = Pattern.compile("/|/[\\x21-\\x7E]{0,510}/");

  // Identity Center's permission set names.
  static final Pattern PERMISSION_SET_NAME = Pattern.compile("[\\w+=,.@-]{1,32}");
  // Ids stint makes for portal things (groups, permission sets, OIDC clients, grants).
  static final Pattern PORTAL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  // SHA-256 in lower-case hex: how bearer secrets are stored.
  static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  static final int MAX_ARN = 2048;
  static final int MAX_DOCUMENT = 131_072;
  static final int MAX_TEXT = 1024;
  static final int MAX_SECRET_BYTES = 4096;
  static final int MAX_TAGS = 50;

  private Checks() {}

  static String matching(String value, Pattern pattern, String field) {
    Objects.requireNonNull(value, field);
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "Invalid " + field + " '" + shorten(value) + "': must match " + pattern.pattern());
    }
    return value;
  }

  static String text(String value, String field, int max) {
    Objects.requireNonNull(value, field);
    if (value.isEmpty() || value.length() > max) {
      throw new IllegalArgumentException(
          "Invalid " + field + ": length " + value.length() + " is not between 1 and " + max);
    }
    return value;
  }

  static String optionalText(String value, String field, int max) {
    return value == null ? null : text(value, field, max);
  }

  static byte[] secret(byte[] value, String field) {
    Objects.requireNonNull(value, field);
    if (value.length == 0 || value.length > MAX_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "Invalid "
              + field
              + ": "
              + value.length
              + " bytes is not between 1 and "
              + MAX_SECRET_BYTES);
    }
    return value.clone();
  }

  /** Times are stored as epoch milliseconds, so values carry no finer precision. */
  static Instant millis(Instant value, String field) {
    return Objects.requireNonNull(value, field).truncatedTo(ChronoUnit.MILLIS);
  }

  static Instant optionalMillis(Instant value) {
    return value == null ? null : value.truncatedTo(ChronoUnit.MILLIS);
  }

  /** IAM's tag limits: 50 tags, keys 1..128 characters, values 0..256. Returns a sorted copy. */
  static Map<String, String> tags(Map<String, String> tags) {
    Objects.requireNonNull(tags, "tags");
    if (tags.size() > MAX_TAGS) {
      throw new IllegalArgumentException(
          "Too many tags: " + tags.size() + " is more than " + MAX_TAGS);
    }
    TreeMap<String, String> copy = new TreeMap<>();
    tags.forEach(
        (key, value) -> {
          text(key, "tag key", 128);
          Objects.requireNonNull(value, "tag value");
          if (value.length() > 256) {
            throw new IllegalArgumentException(
                "Invalid tag value for key '" + key + "': longer than 256 characters");
          }
          copy.put(key, value);
        });
    return Collections.unmodifiableMap(copy);
  }

  /** A SHA-256 hex digest; the message never shows the value (it may be a secret by mistake). */
  static String hash(String value, String field) {
    Objects.requireNonNull(value, field);
    if (!HASH.matcher(value).matches()) {
      throw new IllegalArgumentException("Invalid " + field + ": not a SHA-256 hex digest");
    }
    return value;
  }

  private static String shorten(String value) {
    return value.length() <= 80 ? value : value.substring(0, 80) + "...";
  }
}
