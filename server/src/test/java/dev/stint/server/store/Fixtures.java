package dev.stint.server.store;

import java.time.Instant;
import java.util.Map;

/** Valid records for the tests, built from a few readable parts. */
final class Fixtures {

  static final String ACCOUNT = "123456789012";
  static final String OTHER_ACCOUNT = "210987654321";
  static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

  private Fixtures() {}

  static Account account(String id, boolean management) {
    return new Account(id, "acct-" + id, "owner-" + id + "@example.com", management, T0);
  }

  /** A user whose id is {@code AIDA} followed by {@code suffix} padded to 17 characters. */
  static User user(String account, String name, String path, String suffix) {
    return new User(
        "AIDA" + pad(suffix),
        account,
        name,
        path,
        "arn:aws:iam::" + account + ":user" + path + name,
        T0,
        Map.of());
  }

  static Role role(String account, String name, String path, String suffix) {
    return new Role(
        "AROA" + pad(suffix),
        account,
        name,
        path,
        "arn:aws:iam::" + account + ":role" + path + name,
        "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
        null,
        3600,
        T0,
        Map.of());
  }

  static ManagedPolicy policy(String account, String name, String path) {
    return new ManagedPolicy(
        "arn:aws:iam::" + account + ":policy" + path + name,
        account,
        name,
        path,
        "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
        T0);
  }

  static AccessKey accessKey(String suffix, String userId) {
    return new AccessKey(
        "AKIA" + pad(suffix).substring(0, 16),
        userId,
        AccessKey.Status.ACTIVE,
        new byte[] {1, 2, 3, (byte) 0xff},
        T0,
        null);
  }

  private static String pad(String suffix) {
    return (suffix + "00000000000000000").substring(0, 17);
  }
}
