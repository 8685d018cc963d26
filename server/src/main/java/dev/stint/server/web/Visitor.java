package dev.stint.server.web;

import dev.stint.server.portal.Origin;
import dev.stint.server.store.PortalSession;
import dev.stint.server.store.User;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who is behind one request: the pre-sign-in cookie every visitor has, and when signed in the
 * session (its id is the cookie's bearer secret), the user and the administration areas the user
 * may use; plus the anti-forgery token of the forms shown to this visitor. Immutable; its {@code
 * toString} leaves the ids out.
 *
 * @param sessionId the session cookie's value when it names a live session, else {@code null}
 * @param session the live session, or {@code null}
 * @param user the signed-in user, or {@code null}
 * @param mustChangePassword the user signed in with a password an administrator set and must choose
 *     a new one before anything else
 * @param csrf the token this visitor's forms carry
 */
record Visitor(
    String preId,
    String sessionId,
    PortalSession session,
    User user,
    Set<AdminArea> areas,
    boolean mustChangePassword,
    String csrf,
    String requestId,
    String sourceIp) {

  Visitor {
    Objects.requireNonNull(preId, "preId");
    Objects.requireNonNull(csrf, "csrf");
    areas = Set.copyOf(areas);
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(sourceIp, "sourceIp");
  }

  boolean signedIn() {
    return session != null;
  }

  boolean may(AdminArea area) {
    return areas.contains(area);
  }

  /** The areas this visitor may administer, in menu order. */
  List<AdminArea> areaList() {
    return java.util.Arrays.stream(AdminArea.values()).filter(areas::contains).toList();
  }

  /** The audit origin of what this visitor does. */
  Origin origin() {
    return new Origin(user == null ? null : user.arn(), requestId, sourceIp);
  }

  /** A frame for a page of this visitor's. */
  Frame frame(String title, String section) {
    return new Frame(
        title, user == null ? null : user.name(), areaList(), csrf, section, null, null);
  }

  @Override
  public String toString() {
    return "Visitor[" + (user == null ? "anonymous" : user.arn()) + "]";
  }
}
