package dev.stint.interop;

import static dev.stint.interop.PortalSideChannel.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.server.portal.PermissionSets;
import dev.stint.server.store.Assignment.PrincipalType;
import dev.stint.server.store.PermissionSet;
import dev.stint.server.store.User;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the Identity Center tests start from: a running server, a member account {@code dev} made
 * through the Organizations API with the AWS CLI v2, the user alice (with a portal password), the
 * portal's services on the server's data directory, and endpoint rulesets from {@code
 * ../shared/tools/aws-endpoint-override.py} that send the AWS CLI's {@code sso}, {@code sso-oidc}
 * and {@code sts} calls to the server (its SSO provider ignores {@code --endpoint-url}).
 */
record IdentityCenter(
    StintProcess server, PortalSideChannel side, Path models, String member, User alice)
    implements AutoCloseable {

  static final String PASSWORD = "Corr3ct-horse";

  static IdentityCenter start(Path dir) throws Exception {
    StintProcess server = StintProcess.start(dir.resolve("data"));
    Map<String, String> file = server.adminCredentials();
    AwsCli admin =
        AwsCli.v2(dir.resolve("admin"))
            .credentials(file.get("aws_access_key_id"), file.get("aws_secret_access_key"), null);
    var created =
        ok(
            admin.run(
                "organizations",
                "create-account",
                "--email",
                "dev@example.com",
                "--account-name",
                "dev",
                "--endpoint-url",
                server.endpoint()));
    assertThat(Fields.of(created.stdout(), "State")).isEqualTo("SUCCEEDED");
    String member = Fields.of(created.stdout(), "AccountId");
    var described =
        ok(
            admin.run(
                "organizations",
                "describe-account",
                "--account-id",
                member,
                "--endpoint-url",
                server.endpoint()));
    assertThat(Fields.of(described.stdout(), "Name")).isEqualTo("dev");

    PortalSideChannel side = PortalSideChannel.open(server.dataDir());
    User alice = side.portal().users().create("alice", PASSWORD.toCharArray(), false, ORIGIN);

    Path models = dir.resolve("models");
    Path tool =
        Path.of(System.getProperty("stint.root"))
            .resolve("../shared/tools/aws-endpoint-override.py")
            .normalize();
    ok(
        Run.of(
                dir,
                List.of(
                    "python3",
                    tool.toString(),
                    models.toString(),
                    server.endpoint(),
                    "sso",
                    "sso-oidc",
                    "sts"))
            .call());
    return new IdentityCenter(server, side, models, member, alice);
  }

  /** A permission set {@code name} with that session length, assigned to alice on the member. */
  PermissionSet assignToAlice(String name, Duration session) {
    var portal = side.portal();
    PermissionSet set =
        portal
            .permissionSets()
            .create(name, new PermissionSets.Definition(null, session, null, List.of()), ORIGIN);
    portal.assignments().assign(PrincipalType.USER, alice.id(), member, set.id(), ORIGIN);
    return set;
  }

  @Override
  public void close() throws IOException {
    side.close();
    server.close();
  }

  private static Run.Result ok(Run.Result run) {
    assertThat(run.exit()).as(run.stdout() + run.stderr()).isZero();
    return run;
  }
}
