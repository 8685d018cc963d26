package dev.stint.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * STS as clients nobody here wrote see it: the AWS CLI v2 and v1, boto3 and the AWS SDK for Java v2
 * against a real {@code ./stint server} started on its first run.
 */
class StsInteropIT {
  @TempDir static Path dir;
  static StintProcess server;
  static Map<String, String> admin;
  static String adminArn;

  @BeforeAll
  static void start() throws Exception {
    server = StintProcess.start(dir.resolve("data"));
    admin = server.adminCredentials();
    adminArn = "arn:aws:iam::" + admin.get("account") + ":user/admin";
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static AwsCli asAdmin(AwsCli cli) {
    return cli.credentials(
        admin.get("aws_access_key_id"), admin.get("aws_secret_access_key"), null);
  }

  @Test
  void firstStartWritesTheAdminFileAndPrintsOnlyItsPath() throws Exception {
    assertThat(admin.get("account")).matches("[1-9][0-9]{11}");
    assertThat(admin.get("user")).isEqualTo("admin");
    assertThat(admin.get("endpoint")).isEqualTo(server.endpoint());
    assertThat(admin.get("aws_access_key_id")).matches("AKIA[A-Z2-7]{16}");
    assertThat(admin.get("aws_secret_access_key")).matches("[A-Za-z0-9/+]{40}");
    assertThat(admin.get("password")).matches("[A-Za-z0-9]{20}");
    assertThat(
            java.nio.file.Files.getPosixFilePermissions(dir.resolve("data/admin-credentials.ini")))
        .map(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    String log = String.join("\n", server.log());
    assertThat(log).contains(dir.resolve("data/admin-credentials.ini").toString());
    assertThat(log)
        .doesNotContain(admin.get("aws_secret_access_key"))
        .doesNotContain(admin.get("password"));
  }

  @Test
  void cliV2GetCallerIdentityAsAdmin() throws Exception {
    var run =
        asAdmin(AwsCli.v2(dir.resolve("v2")))
            .run("sts", "get-caller-identity", "--endpoint-url", server.endpoint());
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(Fields.of(run.stdout(), "Arn")).isEqualTo(adminArn);
    assertThat(Fields.of(run.stdout(), "Account")).isEqualTo(admin.get("account"));
    assertThat(Fields.of(run.stdout(), "UserId")).matches("AIDA[A-Z0-9]{17}");
  }

  @Test
  void cliV1GetCallerIdentityByEnvironmentEndpoint() throws Exception {
    var run =
        asAdmin(AwsCli.v1(dir.resolve("v1")))
            .env("AWS_ENDPOINT_URL", server.endpoint())
            .run("sts", "get-caller-identity");
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(Fields.of(run.stdout(), "Arn")).isEqualTo(adminArn);
  }

  @Test
  void sdkV2GetCallerIdentity() {
    try (StsClient sts = sdk(admin.get("aws_access_key_id"), admin.get("aws_secret_access_key"))) {
      GetCallerIdentityResponse me = sts.getCallerIdentity();
      assertThat(me.arn()).isEqualTo(adminArn);
      assertThat(me.account()).isEqualTo(admin.get("account"));
    }
  }

  @Test
  void sessionTokenCredentialsActAsTheUserUntilTheyExpire() throws Exception {
    var cli = asAdmin(AwsCli.v2(dir.resolve("gst")));
    Instant before = Instant.now();
    var run =
        cli.run(
            "sts",
            "get-session-token",
            "--duration-seconds",
            "900",
            "--endpoint-url",
            server.endpoint());
    assertThat(run.exit()).as(run.stderr()).isZero();
    String key = Fields.of(run.stdout(), "AccessKeyId");
    assertThat(key).matches("ASIA[A-Z2-7]{16}");
    Instant expiration =
        Instant.parse(Fields.of(run.stdout(), "Expiration").replace("+00:00", "Z"));
    assertThat(Duration.between(before, expiration).getSeconds()).isBetween(895L, 905L);

    var session =
        AwsCli.v2(dir.resolve("gst-session"))
            .credentials(
                key,
                Fields.of(run.stdout(), "SecretAccessKey"),
                Fields.of(run.stdout(), "SessionToken"));
    var me = session.run("sts", "get-caller-identity", "--endpoint-url", server.endpoint());
    assertThat(me.exit()).as(me.stderr()).isZero();
    assertThat(Fields.of(me.stdout(), "Arn")).isEqualTo(adminArn);

    var again = session.run("sts", "get-session-token", "--endpoint-url", server.endpoint());
    assertThat(again.exit()).isEqualTo(254);
    assertThat(again.stderr())
        .isEqualTo(
            AwsCli.error(
                "AccessDenied",
                "GetSessionToken",
                "Cannot call GetSessionToken with session credentials"));
  }

  @Test
  void tamperedTokenAndWrongSecretAreRefusedWithAwsCodes() throws Exception {
    var run =
        asAdmin(AwsCli.v2(dir.resolve("tamper")))
            .run("sts", "get-session-token", "--endpoint-url", server.endpoint());
    String key = Fields.of(run.stdout(), "AccessKeyId");
    String secret = Fields.of(run.stdout(), "SecretAccessKey");
    String token = Fields.of(run.stdout(), "SessionToken");
    char[] t = token.toCharArray();
    t[40] = t[40] == 'A' ? 'B' : 'A';
    var tampered =
        AwsCli.v2(dir.resolve("tamper2"))
            .credentials(key, secret, new String(t))
            .run("sts", "get-caller-identity", "--endpoint-url", server.endpoint());
    assertThat(tampered.exit()).isEqualTo(254);
    assertThat(tampered.stderr())
        .isEqualTo(
            AwsCli.error(
                "InvalidClientTokenId",
                "GetCallerIdentity",
                "The security token included in the request is invalid."));

    var wrongSecret =
        AwsCli.v2(dir.resolve("tamper3"))
            .credentials(key, "x" + secret.substring(1), token)
            .run("sts", "get-caller-identity", "--endpoint-url", server.endpoint());
    assertThat(wrongSecret.exit()).isEqualTo(254);
    assertThat(wrongSecret.stderr())
        .isEqualTo(
            AwsCli.error(
                "SignatureDoesNotMatch",
                "GetCallerIdentity",
                "The request signature we calculated does not match the signature you provided."
                    + " Check your AWS Secret Access Key and signing method. Consult the service"
                    + " documentation for details."));

    var unknownKey =
        AwsCli.v2(dir.resolve("tamper4"))
            .credentials("AKIAAAAAAAAAAAAAAAAA", secret, null)
            .run("sts", "get-caller-identity", "--endpoint-url", server.endpoint());
    assertThat(unknownKey.stderr())
        .isEqualTo(
            AwsCli.error(
                "InvalidClientTokenId",
                "GetCallerIdentity",
                "The security token included in the request is invalid."));
  }

  @Test
  void federationTokenCarriesItsPolicyAndName() throws Exception {
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:*\","
            + "\"Resource\":\"*\"}]}";
    var run =
        asAdmin(AwsCli.v2(dir.resolve("fed")))
            .run(
                "sts",
                "get-federation-token",
                "--name",
                "bob",
                "--policy",
                policy,
                "--endpoint-url",
                server.endpoint());
    assertThat(run.exit()).as(run.stderr()).isZero();
    String account = admin.get("account");
    assertThat(Fields.of(run.stdout(), "Arn"))
        .isEqualTo("arn:aws:sts::" + account + ":federated-user/bob");
    assertThat(Fields.of(run.stdout(), "FederatedUserId")).isEqualTo(account + ":bob");
    assertThat(Integer.parseInt(Fields.of(run.stdout(), "PackedPolicySize"))).isBetween(1, 100);

    var me =
        AwsCli.v2(dir.resolve("fed-session"))
            .credentials(
                Fields.of(run.stdout(), "AccessKeyId"),
                Fields.of(run.stdout(), "SecretAccessKey"),
                Fields.of(run.stdout(), "SessionToken"))
            .run("sts", "get-caller-identity", "--endpoint-url", server.endpoint());
    assertThat(Fields.of(me.stdout(), "Arn"))
        .isEqualTo("arn:aws:sts::" + account + ":federated-user/bob");
    assertThat(Fields.of(me.stdout(), "UserId")).isEqualTo(account + ":bob");
  }

  @Test
  void boto3SeesServerSideValidationErrorsAndAccessKeyInfo() throws Exception {
    String script =
        """
        import os, boto3, botocore.config, botocore.exceptions
        sts = boto3.client('sts', endpoint_url=os.environ['STINT_ENDPOINT'],
            config=botocore.config.Config(parameter_validation=False))
        print(sts.get_access_key_info(AccessKeyId=os.environ['AWS_ACCESS_KEY_ID'])['Account'])
        try:
            sts.get_session_token(DurationSeconds=100)
        except botocore.exceptions.ClientError as e:
            print(e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Code'])
            print(e.response['Error']['Message'])
        try:
            sts.get_federation_token(Name='b', Policy='{')
        except botocore.exceptions.ClientError as e:
            print(e.response['Error']['Code'])
            print(e.response['Error']['Message'])
        """;
    var run =
        Boto3.run(
            dir,
            server.endpoint(),
            script,
            "AWS_ACCESS_KEY_ID",
            admin.get("aws_access_key_id"),
            "AWS_SECRET_ACCESS_KEY",
            admin.get("aws_secret_access_key"));
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .isEqualTo(
            admin.get("account")
                + "\n400 ValidationError\n1 validation error detected: Value '100' at"
                + " 'durationSeconds' failed to satisfy constraint: Member must have value greater"
                + " than or equal to 900\nValidationError\n1 validation error detected: Value 'b'"
                + " at 'name' failed to satisfy constraint: Member must have length greater than"
                + " or equal to 2\n");
  }

  @Test
  void presignedGetCallerIdentityFromBoto3AnswersWithTheSigner() throws Exception {
    String script =
        """
        import os, boto3
        sts = boto3.client('sts', endpoint_url=os.environ['STINT_ENDPOINT'])
        print(sts.generate_presigned_url('get_caller_identity', ExpiresIn=60, HttpMethod='GET'))
        """;
    var run =
        Boto3.run(
            dir,
            server.endpoint(),
            script,
            "AWS_ACCESS_KEY_ID",
            admin.get("aws_access_key_id"),
            "AWS_SECRET_ACCESS_KEY",
            admin.get("aws_secret_access_key"));
    assertThat(run.exit()).as(run.stderr()).isZero();
    String url = run.stdout().strip();
    assertThat(url).contains("X-Amz-Signature=");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(response.headers().firstValue("Date")).isPresent();
    assertThat(response.body())
        .startsWith(
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
        .contains("<Arn>" + adminArn + "</Arn>");

    HttpResponse<String> tampered =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(url.replace("X-Amz-Expires=60", "X-Amz-Expires=61")))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(tampered.statusCode()).isEqualTo(403);
    assertThat(tampered.body()).contains("<Code>SignatureDoesNotMatch</Code>");
  }

  private StsClient sdk(String key, String secret) {
    return StsClient.builder()
        .endpointOverride(URI.create(server.endpoint()))
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .build();
  }
}
