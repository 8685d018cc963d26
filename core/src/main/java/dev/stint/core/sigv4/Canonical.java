package dev.stint.core.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SigV4 canonical forms, shared by the signer and the verifier so that both build byte for byte
 * the same canonical request: URI encoding, path normalisation, the canonical query string, header
 * value trimming, and the {@code yyyyMMdd'T'HHmmss'Z'} timestamps. Stateless.
 */
final class Canonical {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String TERMINATOR = "aws4_request";
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

  private Canonical() {}

  // ---- URI encoding -------------------------------------------------------------------------

  static boolean isUnreserved(int b) {
    return b >= 'A' && b <= 'Z'
        || b >= 'a' && b <= 'z'
        || b >= '0' && b <= '9'
        || b == '-'
        || b == '.'
        || b == '_'
        || b == '~';
  }

  /** AWS's UriEncode of UTF-8 bytes: unreserved bytes as they are, every other byte as %XX. */
  static void encodeBytes(byte[] bytes, int from, int to, boolean keepSlash, StringBuilder out) {
    for (int i = from; i < to; i++) {
      int b = bytes[i] & 0xff;
      if (isUnreserved(b) || keepSlash && b == '/') {
        out.append((char) b);
      } else {
        out.append('%').append(HEX_UPPER[b >>> 4]).append(HEX_UPPER[b & 0xf]);
      }
    }
  }

  /** AWS's UriEncode of a string's UTF-8 bytes. */
  static String encode(String value, boolean keepSlash) {
    if (isAllUnreserved(value, keepSlash)) {
      return value;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    encodeBytes(bytes, 0, bytes.length, keepSlash, out);
    return out.toString();
  }

  private static boolean isAllUnreserved(String value, boolean keepSlash) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(isUnreserved(c) || keepSlash && c == '/')) {
        return false;
      }
    }
    return true;
  }

  // ---- path ---------------------------------------------------------------------------------

  /**
   * The canonical URI. Every service but S3 normalises the path (dot segments and empty segments
   * removed) and URI-encodes it again even though it arrived encoded ("double encoding"). S3 keeps
   * the path as sent, encoded once: valid {@code %XX} escapes stay as they are, and only bytes that
   * were never encoded are.
   */
  static String path(String rawPath, boolean normalize, boolean doubleEncode) {
    String path = normalize ? removeDotSegments(rawPath) : rawPath;
    return doubleEncode ? encode(path, true) : encodeOnce(path);
  }

  /**
   * Grammar: path = "/" *(segment "/") segment. Empty and "." segments drop out, ".." drops the
   * segment before it (never above the root), and a trailing "/" stays when anything is left.
   */
  static String removeDotSegments(String path) {
    if (path.isEmpty()) {
      return "/";
    }
    if (path.indexOf("//") < 0 && path.indexOf("/.") < 0) {
      return path;
    }
    List<String> kept = new ArrayList<>();
    int start = 0;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      String segment = path.substring(start, end);
      if (segment.equals("..")) {
        if (!kept.isEmpty()) {
          kept.remove(kept.size() - 1);
        }
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        kept.add(segment);
      }
      start = end + 1;
    }
    StringBuilder out = new StringBuilder(path.length());
    if (path.charAt(0) == '/') {
      out.append('/');
    }
    out.append(String.join("/", kept));
    if (path.charAt(path.length() - 1) == '/' && !kept.isEmpty()) {
      out.append('/');
    }
    return out.toString();
  }

  /** S3's single encoding: keeps {@code %XX} escapes, encodes what was never encoded. */
  static String encodeOnce(String path) {
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
        out.append('%').append((char) bytes[i + 1]).append((char) bytes[i + 2]);
        i += 2;
      } else {
        encodeBytes(bytes, i, i + 1, true, out);
      }
    }
    return out.toString();
  }

  // ---- query --------------------------------------------------------------------------------

  /**
   * One query parameter: its decoded name and value (for reading {@code X-Amz-*} parameters) and
   * its canonical encoding (for the canonical query string).
   */
  record QueryParam(String name, String value, String encodedName, String encodedValue)
      implements Comparable<QueryParam> {
    @Override
    public int compareTo(QueryParam other) {
      int byName = encodedName.compareTo(other.encodedName);
      return byName != 0 ? byName : encodedValue.compareTo(other.encodedValue);
    }
  }

  /**
   * Grammar: query = [param *("&" param)]; param = name ["=" value]. Empty params drop out. Names
   * and values are percent-decoded to bytes ({@code +} stays a plus, a {@code %} not followed by
   * two hex digits stays a percent sign) and then encoded again as AWS encodes them.
   */
  static List<QueryParam> parseQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return List.of();
    }
    List<QueryParam> params = new ArrayList<>();
    int start = 0;
    while (start <= rawQuery.length()) {
      int amp = rawQuery.indexOf('&', start);
      int end = amp < 0 ? rawQuery.length() : amp;
      if (end > start) {
        int eq = rawQuery.indexOf('=', start);
        if (eq < 0 || eq > end) {
          eq = end;
        }
        byte[] name = decode(rawQuery, start, eq);
        byte[] value = eq < end ? decode(rawQuery, eq + 1, end) : new byte[0];
        params.add(
            new QueryParam(
                new String(name, StandardCharsets.UTF_8),
                new String(value, StandardCharsets.UTF_8),
                encodeAll(name),
                encodeAll(value)));
      }
      start = end + 1;
    }
    return params;
  }

  private static String encodeAll(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length + 8);
    encodeBytes(bytes, 0, bytes.length, false, out);
    return out.toString();
  }

  private static byte[] decode(String s, int from, int to) {
    boolean simple = true;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%' || c > 0x7f) {
        simple = false;
        break;
      }
    }
    if (simple) {
      return s.substring(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
    byte[] utf8 = s.substring(from, to).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length);
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      if (b == '%' && i + 2 < utf8.length && isHex(utf8[i + 1]) && isHex(utf8[i + 2])) {
        out.write(hexValue(utf8[i + 1]) << 4 | hexValue(utf8[i + 2]));
        i += 2;
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  /** The canonical query string of the given parameters, sorted by encoded name, then value. */
  static String query(List<QueryParam> params) {
    if (params.isEmpty()) {
      return "";
    }
    QueryParam[] sorted = params.toArray(new QueryParam[0]);
    Arrays.sort(sorted);
    StringBuilder out = new StringBuilder(64 * sorted.length);
    for (int i = 0; i < sorted.length; i++) {
      if (i > 0) {
        out.append('&');
      }
      out.append(sorted[i].encodedName()).append('=').append(sorted[i].encodedValue());
    }
    return out.toString();
  }

  // ---- headers ------------------------------------------------------------------------------

  /** Trimall: no whitespace at either end, and each run of spaces or tabs inside as one space. */
  static void appendTrimmed(String value, CanonicalOut out) {
    // Most values (tokens, dates, hashes) hold no blank at all, and the rest seldom hold two in
    // a row; single-character searches are vectorised, so look for those first.
    if (value.indexOf('\t') < 0 && hasNoDoubleSpace(value, value.indexOf(' '))) {
      out.add(value);
      return;
    }
    int from = 0;
    int to = value.length();
    while (from < to && isBlank(value.charAt(from))) {
      from++;
    }
    while (to > from && isBlank(value.charAt(to - 1))) {
      to--;
    }
    int run = from;
    for (int i = from; i < to; i++) {
      if (isBlank(value.charAt(i))) {
        out.add(value, run, i).add(' ');
        while (i + 1 < to && isBlank(value.charAt(i + 1))) {
          i++;
        }
        run = i + 1;
      }
    }
    out.add(value, run, to);
  }

  static String trimAll(String value) {
    CanonicalOut.Text out = new CanonicalOut.Text(value.length());
    appendTrimmed(value, out);
    return out.toString();
  }

  /** True when there is no space at either end and no two spaces in a row. */
  private static boolean hasNoDoubleSpace(String value, int firstSpace) {
    if (firstSpace < 0) {
      return true;
    }
    int last = value.length() - 1;
    if (firstSpace == 0 || value.charAt(last) == ' ') {
      return false;
    }
    for (int i = firstSpace; i < last; i++) {
      if (value.charAt(i) == ' ' && value.charAt(i + 1) == ' ') {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * Appends {@code name:value1,value2\n} for the named header (lower case), joining every value in
   * arrival order. Returns false when the request has no such header.
   */
  static boolean appendHeader(
      List<HttpRequestParts.Header> headers, String lowerName, CanonicalOut out) {
    boolean found = false;
    for (HttpRequestParts.Header header : headers) {
      if (header.name().length() == lowerName.length()
          && header.name().equalsIgnoreCase(lowerName)) {
        if (found) {
          out.add(',');
        } else {
          out.add(lowerName).add(':');
          found = true;
        }
        appendTrimmed(header.value(), out);
      }
    }
    if (found) {
      out.add('\n');
    }
    return found;
  }

  // ---- time ---------------------------------------------------------------------------------

  /** {@code yyyyMMdd'T'HHmmss'Z'} in UTC. */
  static String amzDate(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      throw new IllegalArgumentException("time out of range: " + instant);
    }
    char[] out = new char[16];
    digits(out, 0, t.getYear(), 4);
    digits(out, 4, t.getMonthValue(), 2);
    digits(out, 6, t.getDayOfMonth(), 2);
    out[8] = 'T';
    digits(out, 9, t.getHour(), 2);
    digits(out, 11, t.getMinute(), 2);
    digits(out, 13, t.getSecond(), 2);
    out[15] = 'Z';
    return new String(out);
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** Parses {@code yyyyMMdd'T'HHmmss'Z'} strictly (a real calendar date, UTC), or returns null. */
  static Instant parseAmzDate(String s) {
    if (s.length() != 16 || s.charAt(8) != 'T' || s.charAt(15) != 'Z') {
      return null;
    }
    for (int i = 0; i < 15; i++) {
      if (i != 8 && (s.charAt(i) < '0' || s.charAt(i) > '9')) {
        return null;
      }
    }
    try {
      return LocalDateTime.of(
              number(s, 0, 4),
              number(s, 4, 2),
              number(s, 6, 2),
              number(s, 9, 2),
              number(s, 11, 2),
              number(s, 13, 2))
          .toInstant(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static int number(String s, int at, int width) {
    int value = 0;
    for (int i = at; i < at + width; i++) {
      value = value * 10 + (s.charAt(i) - '0');
    }
    return value;
  }

  // ---- misc ---------------------------------------------------------------------------------

  static boolean isHex(byte b) {
    return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
  }

  private static int hexValue(byte b) {
    if (b <= '9') {
      return b - '0';
    }
    return (b | 0x20) - 'a' + 10;
  }
}
