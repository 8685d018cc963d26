package dev.stint.server.iam;

import dev.stint.server.query.Validator;
import dev.stint.server.query.Xml;
import dev.stint.server.store.Page;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * IAM's pagination: {@code Marker} and {@code MaxItems} (1..1000, default 100) in, {@code
 * IsTruncated} and {@code Marker} out. Lists the store does not page (a user's keys, tags, inline
 * policy names) are paged here over their sorted items; the marker is the last item's sort key,
 * base64url-encoded. Immutable.
 *
 * @param marker the marker the caller sent, if any
 * @param maxItems the most items to return
 */
record Paging(Optional<String> marker, int maxItems) {

  /** Reads {@code Marker} and {@code MaxItems}; violations go to the validator. */
  static Paging read(Validator v) {
    Optional<String> marker = v.optional("Marker", IamShapes.MARKER);
    int maxItems =
        v.integer("MaxItems", 1, IamShapes.MAX_ITEMS).orElse(IamShapes.DEFAULT_MAX_ITEMS);
    return new Paging(marker, maxItems);
  }

  /** The store's view of the marker: as sent, or null for the first page. */
  String storeMarker() {
    return marker.orElse(null);
  }

  /** One page of {@code all}, ordered by {@code key}, which must be unique per item. */
  <T> Page<T> page(List<T> all, Function<T, String> key) {
    String after = marker.map(Paging::decode).orElse(null);
    List<T> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing(key));
    var items = new ArrayList<T>();
    String next = null;
    for (T item : sorted) {
      if (after != null && key.apply(item).compareTo(after) <= 0) {
        continue;
      }
      if (items.size() == maxItems) {
        next = encode(key.apply(items.get(items.size() - 1)));
        break;
      }
      items.add(item);
    }
    return new Page<>(items, next);
  }

  /** Writes one item of a list as the content of its {@code <member>} element. */
  @FunctionalInterface
  interface Member<T> {
    void write(Xml member, T item);
  }

  /**
   * A list response: {@code <wrapper>} holding a {@code <member>} per item of {@code page}, then
   * {@code <IsTruncated>} and {@code <Marker>}.
   */
  static <T> Xml.Body list(String wrapper, Page<T> page, Member<T> member) {
    return xml -> {
      xml.element(
          wrapper,
          x -> {
            for (T item : page.items()) {
              x.element("member", m -> member.write(m, item));
            }
          });
      write(xml, page);
    };
  }

  /** {@code <IsTruncated>} and, when there is a next page, {@code <Marker>}. */
  static void write(Xml xml, Page<?> page) {
    xml.element("IsTruncated", page.isTruncated());
    if (page.isTruncated()) {
      xml.element("Marker", page.nextMarker());
    }
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String marker) {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(marker);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw IamErrors.invalidMarker();
    }
  }
}
