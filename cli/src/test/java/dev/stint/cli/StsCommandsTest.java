package dev.stint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stint whoami} and {@code stint assume-role} against a loopback STS. */
class StsCommandsTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/deploy";

  @TempDir Path home;
  Stint stint;

  @BeforeEach
  void files() throws Exception {
    stint =
        new Stint(home)
            .credentials("[alice]\naws_access_key_id = AKIAALICE\naws_secret_access_key = a\n");
  }

  @Test
  void whoamiPrintsTheCallerIdentityAsTheAwsCliDoes() throws Exception {
    try (var sts =
        new FakeSts(
            form ->
                FakeSts.callerIdentity(
                    "AIDAALICE", "123456789012", "arn:aws:iam::123456789012:user/alice"))) {
      var result =
          stint.run(
              "whoami", "--profile", "alice", "--endpoint-url", sts.url(), "--region", "eu-west-1");

      assertThat(result.exit()).isZero();
      assertThat(result.out())
          .isEqualTo(
              """
              {
                  "UserId": "AIDAALICE",
                  "Account": "123456789012",
                  "Arn": "arn:aws:iam::123456789012:user/alice"
              }
              """);
      assertThat(sts.calls()).hasSize(1);
      assertThat(sts.calls().get(0).form())
          .isEqualTo(Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15"));
      assertThat(sts.calls().get(0).authorization())
          .startsWith("AWS4-HMAC-SHA256 Credential=AKIAALICE/20300101/eu-west-1/sts/aws4_request");
    }
  }

  @Test
  void whoamiFindsTheEndpointInTheEnvironmentToo() throws Exception {
    try (var sts = new FakeSts(form -> FakeSts.error(403, "InvalidClientTokenId", "nope."))) {
      var result = stint.env("AWS_ENDPOINT_URL", sts.url()).run("whoami", "--profile", "alice");

      assertThat(result.exit()).isEqualTo(4);
      assertThat(result.out()).isEmpty();
      assertThat(result.err())
          .isEqualTo(
              "stint whoami: An error occurred (InvalidClientTokenId) when calling the"
                  + " GetCallerIdentity operation: nope.\n");
    }
  }

  @Test
  void anUnreachableEndpointIsItsOwnStatus() {
    var result = stint.run("whoami", "--profile", "alice", "--endpoint-url", "http://127.0.0.1:9");

    assertThat(result.exit()).isEqualTo(5);
    assertThat(result.err())
        .isEqualTo(
            "stint whoami: Could not connect to the endpoint URL: \"http://127.0.0.1:9/\"\n");
  }

  @Test
  void assumeRolePrintsTheSessionInTheChosenFormat() throws Exception {
    try (var sts =
        new FakeSts(
            form ->
                FakeSts.assumedRole(
                    "ASIASESSION",
                    "2030-01-01T13:00:00Z",
                    "arn:aws:sts::123456789012:assumed-role/deploy/ci",
                    "AROADEPLOY:ci"))) {
      var result =
          stint.run(
              "assume-role",
              ROLE,
              "--profile",
              "alice",
              "--endpoint-url",
              sts.url(),
              "--role-session-name",
              "ci",
              "--duration-seconds",
              "900",
              "--external-id",
              "ext",
              "--format",
              "env");

      assertThat(result.exit()).isZero();
      assertThat(result.out())
          .isEqualTo(
              "export AWS_ACCESS_KEY_ID=ASIASESSION\n"
                  + "export AWS_SECRET_ACCESS_KEY=secret-of-ASIASESSION\n"
                  + "export AWS_SESSION_TOKEN=token-of-ASIASESSION\n"
                  + "export AWS_CREDENTIAL_EXPIRATION=2030-01-01T13:00:00+00:00\n");
      assertThat(sts.calls().get(0).form())
          .containsExactly(
              Map.entry("Action", "AssumeRole"),
              Map.entry("Version", "2011-06-15"),
              Map.entry("RoleArn", ROLE),
              Map.entry("RoleSessionName", "ci"),
              Map.entry("DurationSeconds", "900"),
              Map.entry("ExternalId", "ext"));
    }
  }

  @Test
  void assumeRoleNamesTheSessionAfterTheClockAndAsksForAnMfaCode() throws Exception {
    try (var sts =
        new FakeSts(
            form ->
                FakeSts.assumedRole(
                    "ASIASESSION", "2030-01-01T13:00:00Z", "arn", "AROADEPLOY:x"))) {
      var result =
          stint
              .stdin("123456\n")
              .run(
                  "assume-role",
                  ROLE,
                  "--profile",
                  "alice",
                  "--endpoint-url",
                  sts.url(),
                  "--serial-number",
                  "arn:aws:iam::123456789012:mfa/alice",
                  "--format",
                  "ini");

      assertThat(result.exit()).isZero();
      assertThat(result.out())
          .isEqualTo(
              "[stint-1893499200]\naws_access_key_id = ASIASESSION\n"
                  + "aws_secret_access_key = secret-of-ASIASESSION\n"
                  + "aws_session_token = token-of-ASIASESSION\n");
      assertThat(sts.calls().get(0).form())
          .containsEntry("RoleSessionName", "stint-1893499200")
          .containsEntry("SerialNumber", "arn:aws:iam::123456789012:mfa/alice")
          .containsEntry("TokenCode", "123456");
    }
  }

  @Test
  void assumeRoleDeniedIsAServiceError() throws Exception {
    try (var sts =
        new FakeSts(form -> FakeSts.error(403, "AccessDenied", "User is not authorized"))) {
      var result =
          stint.run("assume-role", ROLE, "--profile", "alice", "--endpoint-url", sts.url());

      assertThat(result.exit()).isEqualTo(4);
      assertThat(result.out()).isEmpty();
      assertThat(result.err())
          .isEqualTo(
              "stint assume-role: An error occurred (AccessDenied) when calling the AssumeRole"
                  + " operation: User is not authorized\n");
    }
  }
}
