package dev.stint.server.web;

import dev.stint.server.portal.PortalException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a list shown {@value #SIZE} items at a time stands: which page this is, which items of the
 * list it shows (counted from 1), and the links to the pages before and after it. The links keep
 * the list's filters, so the next page is the same list. The order of the list is the caller's, and
 * must be total (names that are unique, then ids) so that pages neither repeat nor skip an item.
 * Immutable and thread-safe.
 *
 * @param page the page number, from 1
 * @param first the position of the first item shown, or 0 when the page is empty
 * @param last the position of the last item shown, or 0 when the page is empty
 * @param previous the link to the page before, or {@code null} on the first
 * @param next the link to the page after, or {@code null} on the last
 */
record Pager(int page, long first, long last, String previous, String next) {
  static final int SIZE = 50;

  /**
   * The page a request asks for with {@code ?page=N}: 1 without one.
   *
   * @throws PortalException.Invalid unless it is a whole number from 1
   */
  static int requested(Context ctx) {
    String raw = ctx.queryParam("page");
    if (raw == null || raw.isBlank()) {
      return 1;
    }
    int page;
    try {
      page = Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      page = 0;
    }
    if (page < 1) {
      throw new PortalException.Invalid("page", "The page number must be a whole number from 1.");
    }
    return page;
  }

  /** The items of a whole list that this page shows. */
  static <T> List<T> items(List<T> all, int page) {
    long from = Math.min(all.size(), offset(page));
    long to = Math.min(all.size(), from + SIZE);
    return all.subList((int) from, (int) to);
  }

  /** The pager of page {@code page} of a whole list, for links to {@code path}. */
  static Pager over(List<?> all, int page, String path, Map<String, String> filters) {
    return of(page, items(all, page).size(), all.size() > offset(page) + SIZE, path, filters);
  }

  /**
   * The pager of a page read on its own.
   *
   * @param shown how many items the page shows
   * @param more whether items follow it
   * @param filters the list's filters in link order; empty values are left out
   */
  static Pager of(int page, int shown, boolean more, String path, Map<String, String> filters) {
    long first = shown == 0 ? 0 : offset(page) + 1;
    long last = shown == 0 ? 0 : offset(page) + shown;
    return new Pager(
        page,
        first,
        last,
        page > 1 ? href(path, filters, page - 1) : null,
        more ? href(path, filters, page + 1) : null);
  }

  /** The number of items on the pages before {@code page}. */
  static long offset(int page) {
    return (long) (page - 1) * SIZE;
  }

  /** Whether the list has more than this one page, so that the page links are worth showing. */
  boolean paged() {
    return previous != null || next != null;
  }

  private static String href(String path, Map<String, String> filters, int page) {
    String query =
        filters.entrySet().stream()
            .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
            .map(e -> Site.encode(e.getKey()) + "=" + Site.encode(e.getValue()))
            .collect(Collectors.joining("&"));
    if (page > 1) {
      query = query.isEmpty() ? "page=" + page : query + "&page=" + page;
    }
    return query.isEmpty() ? path : path + "?" + query;
  }
}
