package dev.stint.core.internal.xml;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An element of a small XML document such as an AWS query-protocol response, read with the JDK's
 * StAX parser into a tree of local names and text. Namespaces are dropped (every element of an STS
 * response shares one), attributes are ignored, and DTDs and external entities are refused.
 * Immutable and thread-safe.
 *
 * @param name the element's local name
 * @param text the element's own character data, concatenated (empty for container elements)
 * @param children the child elements in document order
 */
public record XmlElement(String name, String text, List<XmlElement> children) {

  /** Documents longer than this many characters are refused before parsing. */
  public static final int MAX_CHARS = 1024 * 1024;

  /** Elements nested deeper than this are refused. */
  public static final int MAX_DEPTH = 32;

  public XmlElement {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    children = List.copyOf(children);
  }

  /** Why a document could not be read. */
  public static final class XmlParseException extends Exception {
    private static final long serialVersionUID = 1L;

    XmlParseException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Parses a document.
   *
   * <pre>
   * document = prolog element
   * element  = "&lt;" name attributes "&gt;" *( text | element ) "&lt;/" name "&gt;"
   * </pre>
   *
   * @throws XmlParseException when the text is not well-formed XML, has a DTD, is too long or nests
   *     too deep
   */
  public static XmlElement parse(String document) throws XmlParseException {
    if (document.length() > MAX_CHARS) {
      throw new XmlParseException("XML document longer than " + MAX_CHARS + " characters", null);
    }
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    try {
      XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(document));
      try {
        return read(reader);
      } finally {
        reader.close();
      }
    } catch (XMLStreamException | RuntimeException e) {
      throw new XmlParseException("not well-formed XML: " + e.getMessage(), e);
    }
  }

  private record Building(String name, StringBuilder text, List<XmlElement> children) {}

  private static XmlElement read(XMLStreamReader reader) throws XMLStreamException {
    Deque<Building> open = new ArrayDeque<>();
    XmlElement root = null;
    while (reader.hasNext()) {
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          if (root != null) {
            throw new XMLStreamException("content after the root element");
          }
          if (open.size() >= MAX_DEPTH) {
            throw new XMLStreamException("elements nested deeper than " + MAX_DEPTH);
          }
          open.push(new Building(reader.getLocalName(), new StringBuilder(), new ArrayList<>()));
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
          if (!open.isEmpty()) {
            open.peek().text().append(reader.getText());
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          Building done = open.pop();
          String text = done.children().isEmpty() ? done.text().toString() : "";
          XmlElement element = new XmlElement(done.name(), text, done.children());
          if (open.isEmpty()) {
            root = element;
          } else {
            open.peek().children().add(element);
          }
        }
        case XMLStreamConstants.DTD -> throw new XMLStreamException("DTDs are not accepted");
        default -> {
          // comments, processing instructions, whitespace outside the root: nothing to keep
        }
      }
    }
    if (root == null) {
      throw new XMLStreamException("no root element");
    }
    return root;
  }

  /** The first child with this local name. */
  public Optional<XmlElement> child(String childName) {
    for (XmlElement child : children) {
      if (child.name.equals(childName)) {
        return Optional.of(child);
      }
    }
    return Optional.empty();
  }

  /** The element reached by following first children of these names. */
  public Optional<XmlElement> path(String... names) {
    Optional<XmlElement> current = Optional.of(this);
    for (String next : names) {
      current = current.flatMap(element -> element.child(next));
    }
    return current;
  }

  /** The text of the element at {@link #path}, if there is one. */
  public Optional<String> textAt(String... names) {
    return path(names).map(XmlElement::text);
  }

  @Override
  public String toString() {
    return "XmlElement[" + name + ", children=" + children.size() + "]";
  }
}
