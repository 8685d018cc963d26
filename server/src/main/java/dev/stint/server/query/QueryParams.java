package dev.stint.server.query;

import static dev.stint.server.query.ApiException.rejected;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an AWS query-protocol request, from an {@code x-www-form-urlencoded} body or a
 * URL query string. Immutable and thread-safe.
 *
 * <p>Lists arrive flattened, as botocore serialises them: {@code Tags.member.1.Key}, {@code
 * Tags.member.1.Value}, {@code TransitiveTagKeys.member.1}; {@link #list} and {@link #structs}
 * gather them back in index order.
 */
public final class QueryParams {
  /** More parameters than any action of the STS or IAM models can take. */
  static final int MAX_PARAMS = 512;

  private static final int MAX_LIST = 1000;

  private final Map<String, String> params;

  private QueryParams(Map<String, String> params) {
    this.params = Collections.unmodifiableMap(params);
  }

  // form = [pair *("&" pair)] ; pair = name ["=" value] ; both percent-encoded UTF-8, "+" = space
  /** Parses a form body or query string; the first of repeated names wins. */
  public static QueryParams parse(String encoded) {
    var params = new LinkedHashMap<String, String>();
    if (encoded == null || encoded.isEmpty()) {
      return new QueryParams(params);
    }
    int start = 0;
    while (start <= encoded.length()) {
      int amp = encoded.indexOf('&', start);
      int end = amp < 0 ? encoded.length() : amp;
      if (end > start) {
        int eq = encoded.indexOf('=', start);
        String name;
        String value;
        if (eq < 0 || eq > end) {
          name = decode(encoded, start, end);
          value = "";
        } else {
          name = decode(encoded, start, eq);
          value = decode(encoded, eq + 1, end);
        }
        if (params.size() >= MAX_PARAMS) {
          throw rejected(ErrorCode.MALFORMED_QUERY_STRING, "Too many parameters in the request.");
        }
        params.putIfAbsent(name, value);
      }
      if (amp < 0) {
        break;
      }
      start = amp + 1;
    }
    return new QueryParams(params);
  }

  /** Merges the URL query (first) with a form body; used for POST with both present. */
  public QueryParams with(QueryParams body) {
    if (params.isEmpty() || body.params.isEmpty()) {
      return params.isEmpty() ? body : this;
    }
    var merged = new LinkedHashMap<>(params);
    body.params.forEach(merged::putIfAbsent);
    return new QueryParams(merged);
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(params.get(name));
  }

  public boolean has(String name) {
    return params.containsKey(name);
  }

  /** {@code PREFIX.member.N} values in index order, N = 1, 2, ... without gaps. */
  public List<String> list(String prefix) {
    var out = new ArrayList<String>();
    for (int i = 1; i <= MAX_LIST; i++) {
      String v = params.get(prefix + ".member." + i);
      if (v == null) {
        break;
      }
      out.add(v);
    }
    return List.copyOf(out);
  }

  /** Whether {@code PREFIX.member.*} or the empty-list marker {@code PREFIX=} was sent. */
  public boolean hasList(String prefix) {
    String start = prefix + ".member.";
    return params.containsKey(prefix)
        || params.keySet().stream().anyMatch(k -> k.startsWith(start));
  }

  /** {@code PREFIX.member.N.FIELD} structures in index order, each as FIELD to value. */
  public List<Map<String, String>> structs(String prefix) {
    var out = new ArrayList<Map<String, String>>();
    for (int i = 1; i <= MAX_LIST; i++) {
      String head = prefix + ".member." + i + ".";
      var fields = new LinkedHashMap<String, String>();
      params.forEach(
          (k, v) -> {
            if (k.startsWith(head)) {
              fields.put(k.substring(head.length()), v);
            }
          });
      if (fields.isEmpty()) {
        break;
      }
      out.add(Collections.unmodifiableMap(fields));
    }
    return List.copyOf(out);
  }

  /** The names present, in arrival order (for diagnostics; values stay private). */
  public List<String> names() {
    return List.copyOf(params.keySet());
  }

  @Override
  public String toString() {
    return "QueryParams" + params.keySet();
  }

  private static String decode(String s, int from, int to) {
    boolean plain = true;
    for (int i = from; i < to && plain; i++) {
      char c = s.charAt(i);
      plain = c != '%' && c != '+';
    }
    if (plain) {
      return s.substring(from, to);
    }
    var bytes = new ByteArrayOutputStream(to - from);
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        if (i + 2 >= to) {
          throw malformed();
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw malformed();
        }
        bytes.write(hi << 4 | lo);
        ascii &= hi < 8;
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        ascii = false;
        int cp = s.codePointAt(i);
        byte[] utf8 = Character.toString(cp).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i += Character.charCount(cp) - 1;
      }
    }
    if (ascii) {
      // Bytes below 0x80 are the same characters in UTF-8 and in Latin-1; nothing to check.
      return bytes.toString(StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed();
    }
  }

  private static ApiException malformed() {
    return rejected(ErrorCode.MALFORMED_QUERY_STRING, "Invalid percent-encoding in the request.");
  }
}
