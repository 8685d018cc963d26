package dev.stint.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.CharArrayWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.junit.jupiter.api.Test;

class XmlTest {
  private static final String STS = "https://sts.amazonaws.com/doc/2011-06-15/";

  @Test
  void writesTheResponseEnvelopeWithResultAndRequestId() {
    byte[] xml =
        Xml.response(
            "GetCallerIdentity",
            STS,
            "rid-1",
            x ->
                x.element("Arn", "arn:aws:iam::123456789012:user/a<b>")
                    .element("Expiration", Instant.parse("2026-01-01T00:00:00.123Z")));

    assertThat(new String(xml, StandardCharsets.UTF_8))
        .isEqualTo(
            "<GetCallerIdentityResponse xmlns=\""
                + STS
                + "\"><GetCallerIdentityResult>"
                + "<Arn>arn:aws:iam::123456789012:user/a&lt;b&gt;</Arn>"
                + "<Expiration>2026-01-01T00:00:00Z</Expiration></GetCallerIdentityResult>"
                + "<ResponseMetadata><RequestId>rid-1</RequestId></ResponseMetadata>"
                + "</GetCallerIdentityResponse>");
  }

  @Test
  void verbatimTextIsWrittenAsItIsAndRefusedWhenItNeedsEscaping() {
    byte[] xml =
        Xml.response(
            "GetSessionToken",
            STS,
            "r",
            x -> x.verbatim("SessionToken", "IQo+b3/JZ2luX2VjE==").verbatim("AccessKeyId", "ASIA"));

    assertThat(new String(xml, StandardCharsets.UTF_8))
        .contains(
            "<GetSessionTokenResult><SessionToken>IQo+b3/JZ2luX2VjE==</SessionToken>"
                + "<AccessKeyId>ASIA</AccessKeyId></GetSessionTokenResult>");
    for (String bad : List.of("a<b", "a&b", "a>b", "a b", "a\nb", "zoë")) {
      assertThatThrownBy(() -> Xml.response("X", STS, "r", x -> x.verbatim("V", bad)))
          .as(bad)
          .isInstanceOf(AssertionError.class)
          .hasMessage("V holds characters that need escaping");
    }
  }

  @Test
  void anActionWithoutResultHasOnlyMetadata() {
    byte[] xml = Xml.response("DeleteUser", "https://iam.amazonaws.com/doc/2010-05-08/", "r", null);

    assertThat(new String(xml, StandardCharsets.UTF_8))
        .isEqualTo(
            "<DeleteUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteUserResponse>");
  }

  @Test
  void writesAwsErrorEnvelope() {
    byte[] xml =
        Xml.error(
            ErrorCode.EXPIRED_TOKEN,
            "The security token included in the request is expired",
            STS,
            "r2");

    assertThat(new String(xml, StandardCharsets.UTF_8))
        .isEqualTo(
            "<ErrorResponse xmlns=\""
                + STS
                + "\"><Error><Type>Sender</Type><Code>ExpiredToken</Code>"
                + "<Message>The security token included in the request is expired</Message></Error>"
                + "<RequestId>r2</RequestId></ErrorResponse>");
  }

  @Test
  void escapesTextExactlyAsTheJdkStaxWriterDid() throws XMLStreamException {
    var tricky =
        List.of(
            "",
            "&",
            "<",
            ">",
            "\"",
            "'",
            "a&b<c>d\"e'f",
            "&amp;&lt;&#38;",
            "]]>",
            "<![CDATA[x]]>",
            "\t\n\r tab, line feed, carriage return",
            "caf\u00e9 \u00fcber \u0085\u00a0\u007f",
            "\u65e5\u672c\u8a9e \u0645\u0631\u062d\u0628\u0627",
            "\ud83d\ude00 \ud800\udc00 \udbff\udfff",
            "\ue000\ufffd",
            "arn:aws:iam::123456789012:role/a+b=c,d.e@f-g");
    for (String text : tricky) {
      assertThat(written(text)).as(text).isEqualTo(stax(text));
    }
  }

  @Test
  void writesEveryCharacterXmlAllowsAsStaxDid() throws XMLStreamException {
    var all = new StringBuilder();
    for (int c = 0; c <= 0x10FFFF; c += c < 0x10000 ? 1 : 97) {
      boolean allowed =
          c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000;
      if (allowed && c != 0xFFFE && c != 0xFFFF) {
        all.appendCodePoint(c);
      }
    }

    assertThat(written(all.toString())).isEqualTo(stax(all.toString()));
  }

  @Test
  void replacesCharactersXmlDoesNotAllow() {
    assertThat(new String(written("a\u0000b\u0001c\u001fd\b"), StandardCharsets.UTF_8))
        .contains("<V>a\ufffdb\ufffdc\ufffdd\ufffd</V>");
    assertThat(new String(written("\ufffe\uffff"), StandardCharsets.UTF_8))
        .contains("<V>\ufffd\ufffd</V>");
    // Unpaired surrogates, alone, reversed, doubled, at either end.
    assertThat(new String(written("\ud800x\udc00"), StandardCharsets.UTF_8))
        .contains("<V>\ufffdx\ufffd</V>");
    assertThat(new String(written("\udc00\ud800"), StandardCharsets.UTF_8))
        .contains("<V>\ufffd\ufffd</V>");
    assertThat(new String(written("\ud83d\ud83d\ude00\ude00"), StandardCharsets.UTF_8))
        .contains("<V>\ufffd\ud83d\ude00\ufffd</V>");
  }

  @Test
  void nestsElementsNumbersAndBooleansAsStaxDid() throws XMLStreamException {
    byte[] xml =
        Xml.response(
            "ListThings",
            STS,
            "r",
            x ->
                x.element("Things", t -> t.element("member", m -> m.element("Name", "a&b")))
                    .element("Empty", e -> {})
                    .element("Nothing", (String) null)
                    .element("Never", (Instant) null)
                    .element("Count", -42L)
                    .element("IsTruncated", false));

    assertThat(new String(xml, StandardCharsets.UTF_8))
        .isEqualTo(
            "<ListThingsResponse xmlns=\""
                + STS
                + "\"><ListThingsResult><Things><member><Name>a&amp;b</Name></member></Things>"
                + "<Empty></Empty><Count>-42</Count><IsTruncated>false</IsTruncated>"
                + "</ListThingsResult><ResponseMetadata><RequestId>r</RequestId>"
                + "</ResponseMetadata></ListThingsResponse>");
  }

  @Test
  void escapesTheNamespaceAsAnAttribute() throws XMLStreamException {
    String namespace = "urn:a\"b&c<d>e'f";

    byte[] xml = Xml.response("GetThing", namespace, "rid", null);

    assertThat(xml).isEqualTo(stax(namespace, null));
  }

  @Test
  void writesTimesAsInstantDoesToTheSecond() {
    var times =
        List.of(
            Instant.EPOCH,
            Instant.parse("2026-01-01T00:00:00.999999999Z"),
            Instant.parse("0000-01-01T00:00:00Z"),
            Instant.parse("0009-02-03T04:05:06Z"),
            Instant.parse("9999-12-31T23:59:59.5Z"),
            Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("-0001-12-31T23:59:59Z"),
            Instant.ofEpochSecond(-1, 1));
    for (Instant t : times) {
      var out = new StringBuilder();
      Xml.isoSeconds(out, t);
      assertThat(out.toString()).isEqualTo(t.truncatedTo(ChronoUnit.SECONDS).toString());
    }
    // Every day from 1970 to 2100, each at a different second of its day.
    for (long s = 0; s < 4_102_444_800L; s += 86_400 + 7) {
      var out = new StringBuilder();
      Xml.isoSeconds(out, Instant.ofEpochSecond(s));
      assertThat(out.toString()).isEqualTo(Instant.ofEpochSecond(s).toString());
    }
  }

  /** One text element inside a result, as the server writes it now. */
  private static byte[] written(String text) {
    return Xml.response("GetThing", STS, "rid", x -> x.element("V", text));
  }

  /** The same document from the JDK's StAX writer, as Xml wrote it before it was hand-written. */
  private static byte[] stax(String text) throws XMLStreamException {
    return stax(STS, text);
  }

  /** As {@link #stax(String)} in {@code namespace}; no result element when {@code text} is null. */
  private static byte[] stax(String namespace, String text) throws XMLStreamException {
    var chars = new CharArrayWriter();
    XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(chars);
    w.writeStartElement("GetThingResponse");
    w.writeDefaultNamespace(namespace);
    if (text != null) {
      w.writeStartElement("GetThingResult");
      w.writeStartElement("V");
      w.writeCharacters(text);
      w.writeEndElement();
      w.writeEndElement();
    }
    w.writeStartElement("ResponseMetadata");
    w.writeStartElement("RequestId");
    w.writeCharacters("rid");
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    w.close();
    return chars.toString().getBytes(StandardCharsets.UTF_8);
  }
}
