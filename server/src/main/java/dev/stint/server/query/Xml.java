package dev.stint.server.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

/**
 * Writes query-protocol XML documents: the {@code <ActionResponse>} envelope with its {@code
 * <ActionResult>} and {@code <ResponseMetadata>}, and AWS's {@code <ErrorResponse>}. One instance
 * per document; not thread-safe.
 *
 * <p>The output is what the JDK's StAX writer made of the same calls, byte for byte: no XML
 * declaration, the namespace as the root's default, every element with a start and an end tag
 * (never {@code <empty/>}), and text escaped as StAX escapes it ({@code &}, {@code <} and {@code
 * >}; quotes stay as they are). Written by hand into one {@link StringBuilder} because StAX cost a
 * writer factory call per document and a virtual call per character, some 7% of the CPU of a
 * GetCallerIdentity. Characters that XML 1.0 does not allow (control characters other than tab,
 * line feed and carriage return; unpaired surrogates; U+FFFE and U+FFFF) become U+FFFD, so a value
 * echoed in an error message cannot make the document unreadable; StAX wrote them as they were.
 */
public final class Xml {
  /** Writes the body of an {@code <ActionResult>} element. */
  @FunctionalInterface
  public interface Body {
    void write(Xml xml);
  }

  /**
   * A body that may be sent only once {@code ready} completes normally: the credentials of an
   * issuance whose audit record is on its way to the disk. {@link QueryRoutes} writes its {@code
   * body} at once and sends the bytes when {@code ready} completes, without a thread waiting
   * meanwhile; writing it as part of another body before then is refused.
   */
  public record Deferred(CompletableFuture<Void> ready, Body body) implements Body {
    @Override
    public void write(Xml xml) {
      if (!ready.isDone() || ready.isCompletedExceptionally()) {
        throw new IllegalStateException("a deferred body written before it was ready");
      }
      body.write(xml);
    }
  }

  // The characters below 64 that escape() must look at: the markup ones, and the control
  // characters XML does not allow (all below 0x20 but tab, line feed and carriage return).
  private static final long SPECIAL_IN_TEXT =
      0xFFFF_FFFFL & ~(1L << '\t' | 1L << '\n' | 1L << '\r') | 1L << '&' | 1L << '<' | 1L << '>';
  private static final long SPECIAL_IN_ATTRIBUTE = SPECIAL_IN_TEXT | 1L << '"';

  private final StringBuilder out = new StringBuilder(2048);

  private Xml() {}

  /**
   * {@code <ACTIONResponse xmlns=NS><ACTIONResult>body</ACTIONResult><ResponseMetadata>
   * <RequestId>id</RequestId></ResponseMetadata></ACTIONResponse>}; no result element when {@code
   * body} is null (actions that return nothing, such as IAM's deletes).
   */
  public static byte[] response(String action, String namespace, String requestId, Body body) {
    var xml = new Xml();
    xml.root(action + "Response", namespace);
    if (body != null) {
      xml.element(action + "Result", body);
    }
    xml.element("ResponseMetadata", x -> x.element("RequestId", requestId));
    return xml.finish(action + "Response");
  }

  /** AWS's query-protocol error envelope. */
  public static byte[] error(ErrorCode code, String message, String namespace, String requestId) {
    var xml = new Xml();
    xml.root("ErrorResponse", namespace);
    xml.element(
        "Error",
        x ->
            x.element("Type", code.faultType())
                .element("Code", code.wire())
                .element("Message", message));
    xml.element("RequestId", requestId);
    return xml.finish("ErrorResponse");
  }

  /** {@code <name>text</name>}; nothing at all when {@code text} is null. */
  public Xml element(String name, String text) {
    if (text != null) {
      start(name);
      escape(text, false);
      end(name);
    }
    return this;
  }

  /**
   * {@code <name>text</name>} for text that needs no escaping by construction: key ids, secret keys
   * and session tokens that stint generated in base32 and base64 alphabets. Appended without the
   * per-character scan of {@link #element(String, String)}, which took 3% of an AssumeRole's CPU
   * for the credentials alone; checked when assertions are enabled (the tests).
   */
  public Xml verbatim(String name, String text) {
    assert text.chars().allMatch(c -> c > ' ' && c < 0x7F && c != '&' && c != '<' && c != '>')
        : name + " holds characters that need escaping";
    start(name);
    out.append(text);
    end(name);
    return this;
  }

  /** {@code <name>} with an ISO 8601 UTC time to the second, as AWS writes them. */
  public Xml element(String name, Instant time) {
    if (time != null) {
      start(name);
      isoSeconds(out, time);
      end(name);
    }
    return this;
  }

  public Xml element(String name, long number) {
    start(name);
    out.append(number);
    end(name);
    return this;
  }

  public Xml element(String name, boolean value) {
    return element(name, value ? "true" : "false");
  }

  /** {@code <name>} around whatever {@code body} writes. */
  public Xml element(String name, Body body) {
    start(name);
    body.write(this);
    end(name);
    return this;
  }

  private void root(String name, String namespace) {
    out.append('<').append(name).append(" xmlns=\"");
    escape(namespace, true);
    out.append("\">");
  }

  private byte[] finish(String root) {
    end(root);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void start(String name) {
    out.append('<').append(name).append('>');
  }

  private void end(String name) {
    out.append("</").append(name).append('>');
  }

  /**
   * Appends {@code s} escaped as character data, or as an attribute value (which escapes {@code "}
   * too). Runs that need nothing are appended whole.
   */
  private void escape(String s, boolean attribute) {
    long special = attribute ? SPECIAL_IN_ATTRIBUTE : SPECIAL_IN_TEXT;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 64 ? (special & 1L << c) == 0 : c < Character.MIN_SURROGATE) {
        continue;
      }
      String replacement =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            default -> allowed(s, i) ? null : "\uFFFD";
          };
      if (replacement != null) {
        out.append(s, run, i).append(replacement);
        run = i + 1;
      }
    }
    out.append(s, run, s.length());
  }

  /**
   * Whether the character at {@code i} may stand in an XML 1.0 document: {@code #x9 | #xA | #xD |
   * [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]}, the last as a surrogate pair.
   */
  private static boolean allowed(String s, int i) {
    char c = s.charAt(i);
    if (c < 0x20) {
      return c == '\t' || c == '\n' || c == '\r';
    }
    if (c < Character.MIN_SURROGATE) {
      return true;
    }
    if (c > Character.MAX_SURROGATE) {
      return c <= '\uFFFD';
    }
    return Character.isHighSurrogate(c)
        ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /**
   * What {@code time.truncatedTo(SECONDS).toString()} gives, {@code 2026-01-01T00:00:00Z}, without
   * a {@link java.time.format.DateTimeFormatter}; years outside 0..9999, which ISO 8601 writes with
   * a sign, go through {@link Instant#toString}.
   */
  static void isoSeconds(StringBuilder out, Instant time) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
    int year = t.getYear();
    if (year < 0 || year > 9999) {
      out.append(Instant.ofEpochSecond(time.getEpochSecond()));
      return;
    }
    digits(out, year / 100);
    digits(out, year % 100).append('-');
    digits(out, t.getMonthValue()).append('-');
    digits(out, t.getDayOfMonth()).append('T');
    digits(out, t.getHour()).append(':');
    digits(out, t.getMinute()).append(':');
    digits(out, t.getSecond()).append('Z');
  }

  /** Two digits of {@code 0..99}. */
  private static StringBuilder digits(StringBuilder out, int n) {
    return out.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
  }
}
