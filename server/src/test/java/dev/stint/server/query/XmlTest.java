package dev.stint.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
}
