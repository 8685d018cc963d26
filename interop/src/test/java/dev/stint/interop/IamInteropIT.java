package dev.stint.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IAM as the real AWS CLI v2 and v1 and boto3 see it, against a real {@code ./stint server}: users,
 * keys, a policy document with spaces and quotes round-tripped, a role's trust policy, and the
 * CLI's and boto3's own pagination over {@code Marker}/{@code MaxItems}.
 */
class IamInteropIT {
  @TempDir static Path dir;
  static StintProcess server;
  static Map<String, String> admin;
  static String account;

  @BeforeAll
  static void start() throws Exception {
    server = StintProcess.start(dir.resolve("data"));
    admin = server.adminCredentials();
    account = admin.get("account");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static AwsCli asAdmin(AwsCli cli) {
    return cli.credentials(
        admin.get("aws_access_key_id"), admin.get("aws_secret_access_key"), null);
  }

  /** {@code aws iam ARGS --endpoint-url ENDPOINT} (Debian's CLI v2 predates AWS_ENDPOINT_URL). */
  private static Run.Result iam(AwsCli cli, String... args) throws Exception {
    String[] all = new String[args.length + 3];
    all[0] = "iam";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--endpoint-url";
    all[args.length + 2] = server.endpoint();
    return cli.run(all);
  }

  private static Run.Result ok(Run.Result run) {
    assertThat(run.exit()).as(run.stderr()).isZero();
    return run;
  }

  @Test
  void cliV2CreatesAUserAndKeyAndRoundTripsAPolicyWithSpacesAndQuotes() throws Exception {
    AwsCli cli = asAdmin(AwsCli.v2(dir.resolve("v2")));
    var user = ok(iam(cli, "create-user", "--user-name", "cli-user", "--path", "/it/"));
    assertThat(Fields.of(user.stdout(), "Arn"))
        .isEqualTo("arn:aws:iam::" + account + ":user/it/cli-user");
    assertThat(Fields.of(user.stdout(), "UserId")).matches("AIDA[A-Z0-9]{17}");

    var key = ok(iam(cli, "create-access-key", "--user-name", "cli-user"));
    assertThat(Fields.of(key.stdout(), "AccessKeyId")).matches("AKIA[A-Z2-7]{16}");
    assertThat(Fields.of(key.stdout(), "SecretAccessKey")).matches("[A-Za-z0-9/+]{40}");
    assertThat(Fields.of(key.stdout(), "Status")).isEqualTo("Active");

    String sid = "Read the \\\"audit logs\\\" bucket";
    String document =
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Sid\": \"ReadLogs\",\n"
            + "    \"Effect\": \"Allow\",\n    \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"],\n"
            + "    \"Resource\": \"arn:aws:s3:::audit logs/*\",\n"
            + "    \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/team\": \""
            + sid
            + "\"}}\n  }]\n}";
    ok(
        iam(
            cli,
            "put-user-policy",
            "--user-name",
            "cli-user",
            "--policy-name",
            "logs",
            "--policy-document",
            document));
    var got =
        ok(
            iam(
                cli,
                "get-user-policy",
                "--user-name",
                "cli-user",
                "--policy-name",
                "logs",
                "--query",
                "PolicyDocument.Statement[0].[Resource,"
                    + " Condition.StringEquals.\"aws:PrincipalTag/team\"]",
                "--output",
                "text"));
    assertThat(got.stdout())
        .isEqualTo("arn:aws:s3:::audit logs/*\tRead the \"audit logs\" bucket\n");

    var v1 = ok(iam(asAdmin(AwsCli.v1(dir.resolve("v1"))), "get-user", "--user-name", "cli-user"));
    assertThat(Fields.of(v1.stdout(), "Path")).isEqualTo("/it/");
  }

  @Test
  void cliV2CreatesARoleWhoseTrustPolicyComesBackDecoded() throws Exception {
    AwsCli cli = asAdmin(AwsCli.v2(dir.resolve("role")));
    String trust =
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
            + " {\"AWS\": \"arn:aws:iam::"
            + account
            + ":root\"}, \"Action\": \"sts:AssumeRole\"}]}";
    var created =
        ok(
            iam(
                cli,
                "create-role",
                "--role-name",
                "it-role",
                "--assume-role-policy-document",
                trust,
                "--max-session-duration",
                "7200",
                "--description",
                "interop role"));
    assertThat(Fields.of(created.stdout(), "Arn"))
        .isEqualTo("arn:aws:iam::" + account + ":role/it-role");
    assertThat(Fields.of(created.stdout(), "RoleId")).matches("AROA[A-Z0-9]{17}");

    var got =
        ok(
            iam(
                cli,
                "get-role",
                "--role-name",
                "it-role",
                "--query",
                "Role.[AssumeRolePolicyDocument.Statement[0].Principal.AWS, MaxSessionDuration,"
                    + " Description]",
                "--output",
                "text"));
    assertThat(got.stdout()).isEqualTo("arn:aws:iam::" + account + ":root\t7200\tinterop role\n");

    var v1 = iam(asAdmin(AwsCli.v1(dir.resolve("role-v1"))), "get-role", "--role-name", "nope");
    assertThat(v1.exit()).isEqualTo(255);
    assertThat(v1.stderr())
        .contains(
            "An error occurred (NoSuchEntity) when calling the GetRole operation (reached max"
                + " retries: 0): The role with name nope cannot be found.");
  }

  @Test
  void cliAndBoto3PaginateListUsers() throws Exception {
    AwsCli cli = asAdmin(AwsCli.v2(dir.resolve("pages")));
    for (String name : new String[] {"pg-a", "pg-b", "pg-c", "pg-d", "pg-e"}) {
      ok(iam(cli, "create-user", "--user-name", name, "--path", "/paged/"));
    }
    var first = ok(iam(cli, "list-users", "--path-prefix", "/paged/", "--max-items", "2"));
    assertThat(first.stdout()).contains("\"UserName\": \"pg-a\"", "\"UserName\": \"pg-b\"");
    assertThat(first.stdout()).doesNotContain("pg-c");
    String next = Fields.of(first.stdout(), "NextToken");
    var rest =
        ok(
            iam(
                cli,
                "list-users",
                "--path-prefix",
                "/paged/",
                "--starting-token",
                next,
                "--query",
                "Users[].UserName",
                "--output",
                "text"));
    assertThat(rest.stdout()).isEqualTo("pg-c\tpg-d\tpg-e\n");
    var bySmallPages =
        ok(
            iam(
                cli,
                "list-users",
                "--path-prefix",
                "/paged/",
                "--page-size",
                "2",
                "--query",
                "Users[].UserName",
                "--output",
                "text"));
    // The text output has one line per page the CLI fetched: three requests of MaxItems=2.
    assertThat(bySmallPages.stdout()).isEqualTo("pg-a\tpg-b\npg-c\tpg-d\npg-e\n");

    String script =
        """
        import os, json, boto3
        iam = boto3.client('iam', endpoint_url=os.environ['STINT_ENDPOINT'])
        pages = iam.get_paginator('list_users').paginate(
            PathPrefix='/paged/', PaginationConfig={'PageSize': 2})
        print([len(p['Users']) for p in pages])
        print(' '.join(u['UserName'] for p in iam.get_paginator('list_users').paginate(
            PathPrefix='/paged/', PaginationConfig={'PageSize': 2}) for u in p['Users']))
        doc = {'Version': '2012-10-17', 'Statement': [{'Sid': 'Q', 'Effect': 'Allow',
               'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::a "quoted" b/*'}]}
        iam.put_user_policy(UserName='pg-a', PolicyName='p', PolicyDocument=json.dumps(doc, indent=2))
        print(iam.get_user_policy(UserName='pg-a', PolicyName='p')['PolicyDocument'] == doc)
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
    assertThat(run.stdout()).isEqualTo("[2, 2, 1]\npg-a pg-b pg-c pg-d pg-e\nTrue\n");
  }
}
