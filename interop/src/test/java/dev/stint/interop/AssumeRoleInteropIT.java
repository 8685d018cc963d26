package dev.stint.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The whole AssumeRole story with clients nobody here wrote: the admin (AWS CLI v2) sets up a user,
 * a key, a role trusting that user and an inline role policy; the user assumes the role with the
 * CLI v2, v1, boto3 and the SDK for Java v2 and is who STS says; the rules for untrusted callers,
 * durations and chaining give AWS's errors.
 */
class AssumeRoleInteropIT {
  @TempDir static Path dir;
  static StintProcess server;
  static String account;
  static AwsCli admin;
  static String aliceKey;
  static String aliceSecret;
  static String roleArn;
  static String hopArn;

  @BeforeAll
  static void setUp() throws Exception {
    server = StintProcess.start(dir.resolve("data"));
    Map<String, String> file = server.adminCredentials();
    account = file.get("account");
    admin =
        AwsCli.v2(dir.resolve("admin"))
            .credentials(file.get("aws_access_key_id"), file.get("aws_secret_access_key"), null);
    ok(iam(admin, "create-user", "--user-name", "bob"));
    var roles = DeployRoles.create(server, admin, account, "--max-session-duration", "7200");
    aliceKey = roles.aliceKey();
    aliceSecret = roles.aliceSecret();
    roleArn = roles.roleArn();
    hopArn = roles.hopArn();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Run.Result iam(AwsCli cli, String... args) throws Exception {
    return call(cli, "iam", args);
  }

  private static Run.Result sts(AwsCli cli, String... args) throws Exception {
    return call(cli, "sts", args);
  }

  private static Run.Result call(AwsCli cli, String service, String... args) throws Exception {
    String[] all = new String[args.length + 3];
    all[0] = service;
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--endpoint-url";
    all[args.length + 2] = server.endpoint();
    return cli.run(all);
  }

  private static Run.Result ok(Run.Result run) {
    assertThat(run.exit()).as(run.stderr()).isZero();
    return run;
  }

  private static AwsCli session(Path home, Run.Result assumed) throws Exception {
    return AwsCli.v2(home)
        .credentials(
            Fields.of(assumed.stdout(), "AccessKeyId"),
            Fields.of(assumed.stdout(), "SecretAccessKey"),
            Fields.of(assumed.stdout(), "SessionToken"));
  }

  @Test
  void aliceAssumesTheRoleWithCliV2AndIsTheRoleSession() throws Exception {
    AwsCli alice = AwsCli.v2(dir.resolve("alice")).credentials(aliceKey, aliceSecret, null);
    var assumed =
        ok(sts(alice, "assume-role", "--role-arn", roleArn, "--role-session-name", "ci-run"));
    String sessionArn = "arn:aws:sts::" + account + ":assumed-role/deploy/ci-run";
    assertThat(Fields.of(assumed.stdout(), "Arn")).isEqualTo(sessionArn);
    assertThat(Fields.of(assumed.stdout(), "AssumedRoleId")).matches("AROA[A-Z0-9]{17}:ci-run");

    var me = ok(sts(session(dir.resolve("alice-s"), assumed), "get-caller-identity"));
    assertThat(Fields.of(me.stdout(), "Arn")).isEqualTo(sessionArn);
    assertThat(Fields.of(me.stdout(), "Account")).isEqualTo(account);
    assertThat(Fields.of(me.stdout(), "UserId"))
        .isEqualTo(Fields.of(assumed.stdout(), "AssumedRoleId"));
  }

  @Test
  void durationsBeyondTheRoleMaximumAndChainingBeyondAnHourAreValidationErrors() throws Exception {
    AwsCli alice = AwsCli.v2(dir.resolve("alice2")).credentials(aliceKey, aliceSecret, null);
    var tooLong =
        sts(
            alice,
            "assume-role",
            "--role-arn",
            roleArn,
            "--role-session-name",
            "long",
            "--duration-seconds",
            "7201");
    assertThat(tooLong.exit()).isEqualTo(254);
    assertThat(tooLong.stderr())
        .isEqualTo(
            AwsCli.error(
                "ValidationError",
                "AssumeRole",
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."));

    var assumed =
        ok(
            sts(
                alice,
                "assume-role",
                "--role-arn",
                roleArn,
                "--role-session-name",
                "first",
                "--duration-seconds",
                "7200"));
    AwsCli first = session(dir.resolve("alice2-s"), assumed);
    var chainedLong =
        sts(
            first,
            "assume-role",
            "--role-arn",
            hopArn,
            "--role-session-name",
            "second",
            "--duration-seconds",
            "3601");
    assertThat(chainedLong.stderr())
        .isEqualTo(
            AwsCli.error(
                "ValidationError",
                "AssumeRole",
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed"
                    + " by role chaining."));
    var chained =
        ok(sts(first, "assume-role", "--role-arn", hopArn, "--role-session-name", "second"));
    assertThat(Fields.of(chained.stdout(), "Arn"))
        .isEqualTo("arn:aws:sts::" + account + ":assumed-role/hop/second");
  }

  @Test
  void anUntrustedUserIsDenied() throws Exception {
    var key = ok(iam(admin, "create-access-key", "--user-name", "bob"));
    AwsCli bob =
        AwsCli.v2(dir.resolve("bob"))
            .credentials(
                Fields.of(key.stdout(), "AccessKeyId"),
                Fields.of(key.stdout(), "SecretAccessKey"),
                null);
    var denied = sts(bob, "assume-role", "--role-arn", roleArn, "--role-session-name", "nope");
    assertThat(denied.exit()).isEqualTo(254);
    assertThat(denied.stderr())
        .isEqualTo(
            AwsCli.error(
                "AccessDenied",
                "AssumeRole",
                "User: arn:aws:iam::"
                    + account
                    + ":user/bob is not authorized to perform: sts:AssumeRole on resource: "
                    + roleArn));
  }

  @Test
  void cliV1Boto3AndSdkV2AssumeTheSameRole() throws Exception {
    String sessionArn = "arn:aws:sts::" + account + ":assumed-role/deploy/";
    var v1 =
        AwsCli.v1(dir.resolve("v1"))
            .credentials(aliceKey, aliceSecret, null)
            .env("AWS_ENDPOINT_URL", server.endpoint())
            .run("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "v1");
    assertThat(v1.exit()).as(v1.stderr()).isZero();
    assertThat(Fields.of(v1.stdout(), "Arn")).isEqualTo(sessionArn + "v1");

    var boto =
        Boto3.run(
            dir,
            server.endpoint(),
            """
            import os, boto3
            sts = boto3.client('sts', endpoint_url=os.environ['STINT_ENDPOINT'])
            c = sts.assume_role(RoleArn=os.environ['ROLE'], RoleSessionName='boto')['Credentials']
            s = boto3.client('sts', endpoint_url=os.environ['STINT_ENDPOINT'],
                aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'],
                aws_session_token=c['SessionToken'])
            print(s.get_caller_identity()['Arn'])
            """,
            "AWS_ACCESS_KEY_ID",
            aliceKey,
            "AWS_SECRET_ACCESS_KEY",
            aliceSecret,
            "ROLE",
            roleArn);
    assertThat(boto.exit()).as(boto.stderr()).isZero();
    assertThat(boto.stdout()).isEqualTo(sessionArn + "boto\n");

    var basic =
        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(aliceKey, aliceSecret);
    try (StsClient sts = client(StaticCredentialsProvider.create(basic))) {
      var c = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("sdk")).credentials();
      var session =
          AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
      try (StsClient as = client(StaticCredentialsProvider.create(session))) {
        assertThat(as.getCallerIdentity().arn()).isEqualTo(sessionArn + "sdk");
      }
    }
  }

  private static StsClient client(StaticCredentialsProvider credentials) {
    return StsClient.builder()
        .endpointOverride(URI.create(server.endpoint()))
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(credentials)
        .build();
  }
}
