package dev.stint.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.internal.http.HttpTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The STS query client: form POSTs, SigV4 (checked by the AWS SDK), StAX-read answers, errors. */
class StsClientTest {

  private FakeAws fake;
  private StsClient client;
  private static final Credentials CALLER =
      new Credentials("AKIACALLER", "caller-secret", "tok", null);

  @BeforeEach
  void start() throws Exception {
    fake = new FakeAws();
    client =
        new StsClient(
            HttpTransport.create(Duration.ofSeconds(5)),
            fake.uri(),
            "eu-west-1",
            Clock.fixed(Chains.NOW, ZoneOffset.UTC),
            Duration.ofSeconds(5),
            Signing.sigV4());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void getCallerIdentityIsSignedAndRead() {
    fake.on(
        "POST /",
        request -> {
          String problem = SdkSigner.verify(request, fake.uri(), CALLER);
          return problem != null
              ? FakeAws.Answer.status(403, FakeAws.errorXml("SignatureDoesNotMatch", problem))
              : FakeAws.Answer.xml(
                  "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                      + "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn>"
                      + "<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>"
                      + "</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId>"
                      + "</ResponseMetadata></GetCallerIdentityResponse>");
        });
    assertThat(client.getCallerIdentity(CALLER))
        .isEqualTo(
            new StsClient.CallerIdentity(
                "AIDAEXAMPLE", "123456789012", "arn:aws:iam::123456789012:user/alice"));
    FakeAws.Received request = fake.received().get(0);
    assertThat(request.bodyText()).isEqualTo("Action=GetCallerIdentity&Version=2011-06-15");
    assertThat(request.header("Content-Type"))
        .isEqualTo("application/x-www-form-urlencoded; charset=utf-8");
    assertThat(request.header("X-Amz-Security-Token")).isEqualTo("tok");
    assertThat(request.header("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIACALLER/20300101/eu-west-1/sts/aws4_request");
  }

  @Test
  void assumeRoleEncodesEveryParameterAndReadsTheAnswer() {
    fake.on(
        "POST /",
        request ->
            FakeAws.Answer.xml(
                FakeAws.assumeRoleXml(
                    "AssumeRole",
                    "ASIANEW",
                    "2030-01-01T13:00:00Z",
                    "arn:aws:iam::123456789012:role/r",
                    "s@1")));
    StsClient.AssumedRole role =
        client.assumeRole(
            CALLER,
            new StsClient.AssumeRoleRequest(
                "arn:aws:iam::123456789012:role/r",
                "s@1",
                900,
                "ext id/+",
                "arn:aws:iam::123456789012:mfa/a",
                "123456",
                "{\"Version\":\"2012-10-17\"}",
                null));
    assertThat(fake.received().get(0).bodyText())
        .isEqualTo(
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr"
                + "&RoleSessionName=s%401&DurationSeconds=900&ExternalId=ext%20id%2F%2B"
                + "&SerialNumber=arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Fa&TokenCode=123456"
                + "&Policy=%7B%22Version%22%3A%222012-10-17%22%7D");
    assertThat(role.credentials())
        .isEqualTo(
            new Credentials(
                "ASIANEW",
                "secret-of-ASIANEW",
                "token-of-ASIANEW",
                Instant.parse("2030-01-01T13:00:00Z")));
    assertThat(role.assumedRoleArn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/r/s@1");
    assertThat(role.assumedRoleId()).isEqualTo("AROAEXAMPLE:s@1");
    assertThat(role.accountId()).contains("123456789012");
    assertThat(role.requestId()).isEqualTo("rid-1");
  }

  @Test
  void webIdentityIsSentUnsigned() {
    fake.on(
        "POST /",
        request ->
            FakeAws.Answer.xml(
                FakeAws.assumeRoleXml(
                    "AssumeRoleWithWebIdentity",
                    "ASIAWEB",
                    "2030-01-01T13:00:00Z",
                    "arn:aws:iam::123456789012:role/r",
                    "s")));
    client.assumeRoleWithWebIdentity(
        new StsClient.WebIdentityRequest("arn:aws:iam::123456789012:role/r", "s", "jwt", null));
    FakeAws.Received request = fake.received().get(0);
    assertThat(request.header("Authorization")).isNull();
    assertThat(request.header("X-Amz-Date")).isNull();
    assertThat(request.form()).containsEntry("WebIdentityToken", "jwt");
  }

  @Test
  void errorsCarryCodeMessageAndRequestId() {
    fake.on(
        "POST /",
        request ->
            FakeAws.Answer.status(
                400,
                FakeAws.errorXml(
                    "ValidationError",
                    "1 validation error detected: Value 'x' at 'roleSessionName' failed")));
    assertThatThrownBy(() -> client.assumeRole(CALLER, StsClient.AssumeRoleRequest.of("arn", "x")))
        .isInstanceOfSatisfying(
            AwsCallException.ServiceError.class,
            e -> {
              assertThat(e.code()).isEqualTo("ValidationError");
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.requestId()).contains("rid-err");
              assertThat(e.operation()).isEqualTo("AssumeRole");
            })
        .hasMessage(
            "An error occurred (ValidationError) when calling the AssumeRole operation: 1"
                + " validation error detected: Value 'x' at 'roleSessionName' failed");
  }

  @Test
  void anAnswerThatIsNotXmlIsAnErrorWithTheStatus() {
    fake.on("POST /", request -> FakeAws.Answer.status(502, "<html>bad gateway"));
    assertThatThrownBy(() -> client.getCallerIdentity(CALLER))
        .hasMessage(
            "An error occurred (502) when calling the GetCallerIdentity operation: Bad Gateway");
  }

  @Test
  void dtdsAreRefused() {
    fake.on(
        "POST /",
        request ->
            FakeAws.Answer.xml(
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                    + "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>&e;</Arn>"
                    + "</GetCallerIdentityResult></GetCallerIdentityResponse>"));
    assertThatThrownBy(() -> client.getCallerIdentity(CALLER))
        .isInstanceOf(AwsCallException.ServiceError.class)
        .hasMessage(
            "An error occurred (200) when calling the GetCallerIdentity operation: the answer is"
                + " not XML");
  }
}
