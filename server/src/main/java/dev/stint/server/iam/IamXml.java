package dev.stint.server.iam;

import dev.stint.server.query.Xml;
import dev.stint.server.store.Role;
import dev.stint.server.store.User;
import java.nio.charset.StandardCharsets;

/**
 * The structures IAM responses share, members in the model's order ({@code User}, {@code Role}),
 * and the URL encoding IAM applies to every policy document it returns. Stateless.
 */
final class IamXml {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private IamXml() {}

  /**
   * The members of a {@code User}. List actions leave the tags out, as IAM's ListUsers does; IAM
   * writes {@code <Tags>} only when there are some.
   */
  static void user(Xml xml, User user, boolean withTags) {
    xml.element("Path", user.path())
        .element("UserName", user.name())
        .element("UserId", user.id())
        .element("Arn", user.arn())
        .element("CreateDate", user.created());
    if (withTags && !user.tags().isEmpty()) {
      Tags.write(xml, user.tags());
    }
  }

  /**
   * The members of a {@code Role}. GetRole adds tags and an empty {@code RoleLastUsed}; ListRoles
   * leaves both out, as IAM does.
   */
  static void role(Xml xml, Role role, boolean full) {
    xml.element("Path", role.path())
        .element("RoleName", role.name())
        .element("RoleId", role.id())
        .element("Arn", role.arn())
        .element("CreateDate", role.created())
        .element("AssumeRolePolicyDocument", encode(role.trustPolicy()))
        .element("Description", role.description())
        .element("MaxSessionDuration", role.maxSessionDurationSeconds());
    if (full) {
      if (!role.tags().isEmpty()) {
        Tags.write(xml, role.tags());
      }
      xml.element("RoleLastUsed", x -> {});
    }
  }

  /**
   * A policy document as IAM returns it: percent-encoded UTF-8 (RFC 3986), space as {@code %20},
   * letters, digits and {@code -_.*~} left alone. botocore and the AWS CLI undo this with {@code
   * urllib.parse.unquote}; the Java SDK hands it over as it is.
   */
  static String encode(String document) {
    byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
    var out = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '*'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >>> 4]).append(HEX[c & 15]);
      }
    }
    return out.toString();
  }
}
