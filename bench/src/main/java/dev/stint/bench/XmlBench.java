package dev.stint.bench;

import dev.stint.server.query.Xml;
import java.io.CharArrayWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The XML of an AssumeRole response (credentials with a 568-character session token, the assumed
 * role user, the request id: 1,169 bytes), written by {@link Xml} and, as the baseline in the same
 * run, by the JDK's StAX writer into characters encoded once, which is how {@code Xml} wrote it
 * before it was written by hand. Both give the same bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class XmlBench {
  private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private String token;
  private final Instant expiration = Instant.parse("2026-03-01T11:00:00Z");

  @Setup
  public void setUp() {
    byte[] raw = new byte[426];
    new SplittableRandom(1).nextBytes(raw);
    token = Base64.getEncoder().encodeToString(raw);
    if (!new String(xml(), StandardCharsets.UTF_8)
        .equals(new String(baselineStax(), StandardCharsets.UTF_8))) {
      throw new IllegalStateException("Xml and StAX wrote different documents");
    }
  }

  @Benchmark
  public byte[] xml() {
    return Xml.response(
        "AssumeRole",
        NAMESPACE,
        "5f1c2e3a-8d8b-4a7e-9a55-2b8f3e1c7d90",
        x ->
            x.element(
                    "Credentials",
                    c ->
                        c.element("AccessKeyId", "ASIAIOSFODNN7EXAMPLE")
                            .element("SecretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
                            .element("SessionToken", token)
                            .element("Expiration", expiration))
                .element(
                    "AssumedRoleUser",
                    u ->
                        u.element("AssumedRoleId", "AROA3XFRBF535PLBIFPI4:bench")
                            .element("Arn", "arn:aws:sts::123456789012:assumed-role/bench/bench")));
  }

  @Benchmark
  public byte[] baselineStax() {
    var chars = new CharArrayWriter(2048);
    try {
      XMLStreamWriter w = FACTORY.createXMLStreamWriter(chars);
      w.writeStartElement("AssumeRoleResponse");
      w.writeDefaultNamespace(NAMESPACE);
      w.writeStartElement("AssumeRoleResult");
      w.writeStartElement("Credentials");
      text(w, "AccessKeyId", "ASIAIOSFODNN7EXAMPLE");
      text(w, "SecretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
      text(w, "SessionToken", token);
      text(w, "Expiration", expiration.toString());
      w.writeEndElement();
      w.writeStartElement("AssumedRoleUser");
      text(w, "AssumedRoleId", "AROA3XFRBF535PLBIFPI4:bench");
      text(w, "Arn", "arn:aws:sts::123456789012:assumed-role/bench/bench");
      w.writeEndElement();
      w.writeEndElement();
      w.writeStartElement("ResponseMetadata");
      text(w, "RequestId", "5f1c2e3a-8d8b-4a7e-9a55-2b8f3e1c7d90");
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return chars.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void text(XMLStreamWriter w, String name, String text) throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(text);
    w.writeEndElement();
  }
}
