package dev.stint.server.query;

import java.io.CharArrayWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes query-protocol XML documents with the JDK's StAX: the {@code <ActionResponse>} envelope
 * with its {@code <ActionResult>} and {@code <ResponseMetadata>}, and AWS's {@code
 * <ErrorResponse>}. Text is escaped by StAX. One instance per document; not thread-safe.
 */
public final class Xml {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  /** Writes the body of an {@code <ActionResult>} element. */
  @FunctionalInterface
  public interface Body {
    void write(Xml xml) throws XMLStreamException;
  }

  private final XMLStreamWriter out;

  private Xml(XMLStreamWriter out) {
    this.out = out;
  }

  /**
   * {@code <ACTIONResponse xmlns=NS><ACTIONResult>body</ACTIONResult><ResponseMetadata>
   * <RequestId>id</RequestId></ResponseMetadata></ACTIONResponse>}; no result element when {@code
   * body} is null (actions that return nothing, such as IAM's deletes).
   */
  public static byte[] response(String action, String namespace, String requestId, Body body) {
    return document(
        xml -> {
          xml.out.writeStartElement(action + "Response");
          xml.out.writeDefaultNamespace(namespace);
          if (body != null) {
            xml.out.writeStartElement(action + "Result");
            body.write(xml);
            xml.out.writeEndElement();
          }
          xml.out.writeStartElement("ResponseMetadata");
          xml.element("RequestId", requestId);
          xml.out.writeEndElement();
          xml.out.writeEndElement();
        });
  }

  /** AWS's query-protocol error envelope. */
  public static byte[] error(ErrorCode code, String message, String namespace, String requestId) {
    return document(
        xml -> {
          xml.out.writeStartElement("ErrorResponse");
          xml.out.writeDefaultNamespace(namespace);
          xml.out.writeStartElement("Error");
          xml.element("Type", code.faultType());
          xml.element("Code", code.wire());
          xml.element("Message", message);
          xml.out.writeEndElement();
          xml.element("RequestId", requestId);
          xml.out.writeEndElement();
        });
  }

  /** {@code <name>text</name>}; nothing at all when {@code text} is null. */
  public Xml element(String name, String text) throws XMLStreamException {
    if (text != null) {
      out.writeStartElement(name);
      out.writeCharacters(text);
      out.writeEndElement();
    }
    return this;
  }

  /** {@code <name>} with an ISO 8601 UTC time to the second, as AWS writes them. */
  public Xml element(String name, Instant time) throws XMLStreamException {
    return time == null ? this : element(name, time.truncatedTo(ChronoUnit.SECONDS).toString());
  }

  public Xml element(String name, long number) throws XMLStreamException {
    return element(name, Long.toString(number));
  }

  public Xml element(String name, boolean value) throws XMLStreamException {
    return element(name, Boolean.toString(value));
  }

  /** {@code <name>} around whatever {@code body} writes. */
  public Xml element(String name, Body body) throws XMLStreamException {
    out.writeStartElement(name);
    body.write(this);
    out.writeEndElement();
    return this;
  }

  private static byte[] document(Body body) {
    // Characters, encoded once at the end: given a byte stream, the JDK's writer encodes and
    // writes one character at a time, each a synchronized call that may grow the buffer.
    var chars = new CharArrayWriter(2048);
    try {
      XMLStreamWriter writer = FACTORY.createXMLStreamWriter(chars);
      body.write(new Xml(writer));
      writer.writeEndDocument();
      writer.close();
    } catch (XMLStreamException e) {
      throw ApiException.failed("writing an XML response", e);
    }
    return chars.toString().getBytes(StandardCharsets.UTF_8);
  }
}
