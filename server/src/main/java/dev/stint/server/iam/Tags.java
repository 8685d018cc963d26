package dev.stint.server.iam;

import dev.stint.server.query.QueryCall;
import dev.stint.server.query.Validator;
import dev.stint.server.query.Xml;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * IAM tags on users and roles: {@code Tags.member.N.Key/Value} and {@code TagKeys.member.N} read
 * with the model's constraints, keys compared without case (as IAM does), and the {@code <Tags>}
 * element. Stateless.
 */
final class Tags {
  private Tags() {}

  /**
   * Tags as a request sent them; {@link #get} refuses duplicate keys, after the caller has reported
   * every validation error.
   */
  record Requested(Map<String, String> tags, boolean duplicate) {
    static final Requested NONE = new Requested(Map.of(), false);

    Requested {
      tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    Map<String, String> get() {
      if (duplicate) {
        throw IamErrors.duplicateTagKeys();
      }
      return tags;
    }
  }

  /** The {@code Tags} list; a violation when {@code required} and absent. */
  static Requested read(QueryCall call, Validator v, boolean required) {
    if (required && !call.params().hasList("Tags")) {
      v.violation("tags", "null", "Member must not be null");
      return Requested.NONE;
    }
    var out = new LinkedHashMap<String, String>();
    Set<String> seen = new HashSet<>();
    boolean duplicate = false;
    for (var tag :
        v.pairs(
            "Tags", "Key", "Value", IamShapes.MAX_TAGS, IamShapes.TAG_KEY, IamShapes.TAG_VALUE)) {
      duplicate |= !seen.add(tag.getKey().toLowerCase(Locale.ROOT));
      out.put(tag.getKey(), tag.getValue());
    }
    return new Requested(out, duplicate);
  }

  /** The {@code TagKeys} list (required). */
  static List<String> keys(QueryCall call, Validator v) {
    if (!call.params().hasList("TagKeys")) {
      v.violation("tagKeys", "null", "Member must not be null");
      return List.of();
    }
    List<String> keys = call.params().list("TagKeys");
    if (keys.size() > IamShapes.MAX_TAGS) {
      v.violation(
          "tagKeys",
          keys.toString(),
          "Member must have length less than or equal to " + IamShapes.MAX_TAGS);
      return List.of();
    }
    for (int i = 0; i < keys.size(); i++) {
      v.check("tagKeys." + (i + 1) + ".member", keys.get(i), IamShapes.TAG_KEY);
    }
    return keys;
  }

  /**
   * {@code existing} with {@code added} applied: a key that matches an existing one without case
   * replaces it, key spelling included. Fails with {@code LimitExceeded} past 50 tags.
   */
  static Map<String, String> merge(
      Map<String, String> existing, Map<String, String> added, String quota) {
    var out = new TreeMap<String, String>(existing);
    added.forEach(
        (key, value) -> {
          out.keySet().removeIf(k -> k.equalsIgnoreCase(key));
          out.put(key, value);
        });
    if (out.size() > IamShapes.MAX_TAGS) {
      throw IamErrors.quota(quota, IamShapes.MAX_TAGS);
    }
    return out;
  }

  /** {@code existing} without the keys named (compared without case); unknown keys are ignored. */
  static Map<String, String> remove(Map<String, String> existing, List<String> keys) {
    var out = new TreeMap<String, String>(existing);
    for (String key : keys) {
      out.keySet().removeIf(k -> k.equalsIgnoreCase(key));
    }
    return out;
  }

  /** {@code <Tags><member><Key/><Value/></member>...</Tags>}. */
  static void write(Xml xml, Map<String, String> tags) {
    xml.element(
        "Tags",
        x -> {
          for (var tag : tags.entrySet()) {
            x.element("member", m -> member(m, tag));
          }
        });
  }

  /** {@code ListUserTags} and {@code ListRoleTags}: one page of {@code tags}, by key. */
  static Xml.Body list(Paging paging, Map<String, String> tags) {
    return Paging.list(
        "Tags", paging.page(List.copyOf(tags.entrySet()), Map.Entry::getKey), Tags::member);
  }

  private static void member(Xml m, Map.Entry<String, String> tag) {
    m.element("Key", tag.getKey()).element("Value", tag.getValue());
  }

  /** The request keys {@code aws:RequestTag/K} and {@code aws:TagKeys} of tags being set. */
  static Map<String, List<String>> requestKeys(Map<String, String> tags) {
    var keys = new LinkedHashMap<String, List<String>>();
    if (tags.isEmpty()) {
      return keys;
    }
    tags.forEach((k, val) -> keys.put("aws:RequestTag/" + k, List.of(val)));
    keys.put("aws:TagKeys", List.copyOf(tags.keySet()));
    return keys;
  }
}
