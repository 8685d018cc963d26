package dev.stint.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * The users and roles that the assume-role suites set up through the AWS CLI v2 as the
 * administrator: user {@code alice} with an access key; role {@code deploy} trusting her, with an
 * inline policy that lets its sessions assume roles; role {@code hop} trusting {@code deploy}'s
 * sessions, for chaining.
 */
record DeployRoles(String aliceKey, String aliceSecret, String roleArn, String hopArn) {

  /**
   * Creates them on {@code server}; {@code deployOptions} are added to {@code deploy}'s {@code
   * create-role}, e.g. {@code --max-session-duration 7200}.
   */
  static DeployRoles create(
      StintProcess server, AwsCli admin, String account, String... deployOptions) throws Exception {
    ok(iam(server, admin, "create-user", "--user-name", "alice"));
    var key = ok(iam(server, admin, "create-access-key", "--user-name", "alice"));
    List<String> createRole =
        new ArrayList<>(
            List.of(
                "create-role",
                "--role-name",
                "deploy",
                "--assume-role-policy-document",
                trust("arn:aws:iam::" + account + ":user/alice")));
    createRole.addAll(List.of(deployOptions));
    String roleArn =
        Fields.of(ok(iam(server, admin, createRole.toArray(String[]::new))).stdout(), "Arn");
    ok(
        iam(
            server,
            admin,
            "put-role-policy",
            "--role-name",
            "deploy",
            "--policy-name",
            "chain",
            "--policy-document",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
    var hop =
        ok(
            iam(
                server,
                admin,
                "create-role",
                "--role-name",
                "hop",
                "--assume-role-policy-document",
                trust(roleArn)));
    return new DeployRoles(
        Fields.of(key.stdout(), "AccessKeyId"),
        Fields.of(key.stdout(), "SecretAccessKey"),
        roleArn,
        Fields.of(hop.stdout(), "Arn"));
  }

  /** A trust policy letting {@code principal} call {@code sts:AssumeRole}. */
  static String trust(String principal) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"AWS\":\""
        + principal
        + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  private static Run.Result iam(StintProcess server, AwsCli cli, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("iam"));
    all.addAll(List.of(args));
    all.addAll(List.of("--endpoint-url", server.endpoint()));
    return cli.run(all.toArray(String[]::new));
  }

  private static Run.Result ok(Run.Result run) {
    assertThat(run.exit()).as(run.stderr()).isZero();
    return run;
  }
}
