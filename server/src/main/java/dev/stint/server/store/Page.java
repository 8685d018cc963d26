package dev.stint.server.store;

import java.util.List;
import java.util.Objects;

/**
 * One page of an IAM-style listing: the items, and the marker that fetches the next page ({@code
 * null} on the last page). The marker is opaque to callers; hand it back unchanged. Immutable and
 * thread-safe when the items are.
 */
public record Page<T>(List<T> items, String nextMarker) {

  /** The most items IAM returns in one page, and the most a caller may ask for. */
  public static final int MAX_ITEMS = 1000;

  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /** IAM's {@code IsTruncated}: there is a next page. */
  public boolean isTruncated() {
    return nextMarker != null;
  }
}
