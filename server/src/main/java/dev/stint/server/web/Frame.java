package dev.stint.server.web;

import java.util.List;
import java.util.Objects;

/**
 * What every page's frame shows: the title, who is signed in (if anyone), whether to offer the
 * administration pages, the anti-forgery token of this visitor's forms, the current section of the
 * navigation and a one-line notice or error. Immutable and thread-safe.
 *
 * @param user the signed-in user's name, or {@code null} before sign-in
 * @param section the navigation entry of this page ({@code accounts}, {@code users}, ...), or
 *     {@code null}
 * @param notice a success message, or {@code null}
 * @param error an error message, or {@code null}
 */
record Frame(
    String title,
    String user,
    List<AdminArea> areas,
    String csrf,
    String section,
    String notice,
    String error) {

  Frame {
    Objects.requireNonNull(title, "title");
    areas = List.copyOf(areas);
    Objects.requireNonNull(csrf, "csrf");
  }

  /** Whether to offer the administration pages. */
  boolean admin() {
    return !areas.isEmpty();
  }

  /**
   * Whether the signed-in user may open the pages of the area with this key, so that a page links
   * only to pages its reader may see.
   */
  boolean opens(String key) {
    return areas.stream().anyMatch(a -> a.key().equals(key));
  }

  /** Where the administration link leads: the first area this user may use. */
  String adminHref() {
    return areas.isEmpty() ? "/admin" : areas.get(0).path();
  }

  boolean signedIn() {
    return user != null;
  }

  /** {@code page} when {@code key} is this page's section, for {@code aria-current}. */
  String current(String key) {
    return key.equals(section) ? "page" : null;
  }

  /** Whether the page needs the full width (the audit log's table). */
  boolean wide() {
    return "admin-audit".equals(section);
  }

  boolean adminSection() {
    return section != null && section.startsWith("admin-");
  }

  Frame withNotice(String text) {
    return new Frame(title, user, areas, csrf, section, text, error);
  }

  Frame withError(String text) {
    return new Frame(title, user, areas, csrf, section, notice, text);
  }
}
