package dev.stint.server.store;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Helpers the Jdbi repositories share: time columns, constraint-violation detection on both
 * backends, IAM-style page markers and the tag tables. Stateless, thread-safe.
 */
final class Sql {

  private static final String POSTGRES_UNIQUE_VIOLATION = "23505";
  private static final int MAX_MARKER = 1024;

  private Sql() {}

  static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }

  static boolean bool(ResultSet rs, String column) throws SQLException {
    return rs.getInt(column) != 0;
  }

  /** IAM names compare without case; {@link Locale#ROOT} keeps the folding locale-independent. */
  static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * True when a unique or primary-key constraint refused a write: SQLState 23505 on PostgreSQL, the
   * extended result codes on SQLite (whose driver sets no SQLState).
   */
  static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException sqlite) {
        SQLiteErrorCode code = sqlite.getResultCode();
        return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
            || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
      }
      if (t instanceof SQLException sql && POSTGRES_UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** The opaque marker for the page after the item with this sort key. */
  static String marker(String sortKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
  }

  /** The sort key a marker stands for; {@code ""} (before everything) for no marker. */
  static String afterKey(String marker) {
    if (marker == null) {
      return "";
    }
    if (marker.isEmpty() || marker.length() > MAX_MARKER) {
      throw new StoreException.InvalidMarker(marker);
    }
    try {
      return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new StoreException.InvalidMarker(marker);
    }
  }

  static void checkMaxItems(int maxItems) {
    if (maxItems < 1 || maxItems > Page.MAX_ITEMS) {
      throw new IllegalArgumentException(
          "maxItems " + maxItems + " is not between 1 and " + Page.MAX_ITEMS);
    }
  }

  static String pathPrefix(String pathPrefix) {
    return pathPrefix == null ? "/" : Checks.text(pathPrefix, "path prefix", 512);
  }

  /**
   * Builds a page from rows fetched with a limit of {@code maxItems + 1}: the extra row only says
   * that another page exists.
   */
  static <T> Page<T> page(List<T> rows, int maxItems, Function<T, String> sortKey) {
    if (rows.size() <= maxItems) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, maxItems);
    return new Page<>(items, marker(sortKey.apply(items.get(maxItems - 1))));
  }

  /** The tag tables: {@code table(ownerColumn, tag_key, tag_value)}; names are constants. */
  static void insertTags(
      Handle handle, String table, String ownerColumn, String ownerId, Map<String, String> tags) {
    if (tags.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO "
                + table
                + " ("
                + ownerColumn
                + ", tag_key, tag_value) VALUES (:owner, :key, :value)");
    tags.forEach(
        (key, value) -> batch.bind("owner", ownerId).bind("key", key).bind("value", value).add());
    batch.execute();
  }

  static void deleteTags(Handle handle, String table, String ownerColumn, String ownerId) {
    handle
        .createUpdate("DELETE FROM " + table + " WHERE " + ownerColumn + " = :owner")
        .bind("owner", ownerId)
        .execute();
  }

  /** Every owner's tags, sorted by key; owners without tags are absent from the result. */
  static Map<String, Map<String, String>> loadTags(
      Handle handle, String table, String ownerColumn, Collection<String> ownerIds) {
    Map<String, Map<String, String>> result = new LinkedHashMap<>();
    if (ownerIds.isEmpty()) {
      return result;
    }
    List<TagRow> rows =
        handle
            .createQuery(
                "SELECT "
                    + ownerColumn
                    + " AS owner, tag_key, tag_value FROM "
                    + table
                    + " WHERE "
                    + ownerColumn
                    + " IN (<owners>)")
            .bindList("owners", new ArrayList<>(ownerIds))
            .map(
                (rs, ctx) ->
                    new TagRow(
                        rs.getString("owner"), rs.getString("tag_key"), rs.getString("tag_value")))
            .list();
    for (TagRow row : rows) {
      result.computeIfAbsent(row.owner(), k -> new TreeMap<>()).put(row.key(), row.value());
    }
    return result;
  }

  private record TagRow(String owner, String key, String value) {}

  static int count(Handle handle, String sql, String name, Object value) {
    return handle.createQuery(sql).bind(name, value).mapTo(Integer.class).one();
  }
}
