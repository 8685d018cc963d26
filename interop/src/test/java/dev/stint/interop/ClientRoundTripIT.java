package dev.stint.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The stint client with the clients nobody here wrote, against a real {@code ./stint server}:
 * {@code credential_process = stint credential-process} for the AWS CLI v2 and v1, boto3 and the
 * SDK for Java v2; an assume-role chain that stint and the AWS CLI resolve to the same role
 * session, each using the cache entry the other wrote; and twenty parallel {@code stint export}s
 * that make one AssumeRole call between them, counted at the server.
 */
class ClientRoundTripIT {
  @TempDir static Path dir;
  static StintProcess server;
  static String account;
  static String adminKey;
  static String adminSecret;
  static String aliceKey;
  static String aliceSecret;
  static String roleArn;
  static String hopArn;

  /** botocore data that sends STS to the server, for the AWS CLI's own assume-role calls. */
  static Path stsToServer;

  /** The same, to a closed port: proof that a run used its cache and called nothing. */
  static Path stsNowhere;

  @BeforeAll
  static void setUp() throws Exception {
    server = StintProcess.start(dir.resolve("data"));
    Map<String, String> file = server.adminCredentials();
    account = file.get("account");
    adminKey = file.get("aws_access_key_id");
    adminSecret = file.get("aws_secret_access_key");
    AwsCli admin = AwsCli.v2(dir.resolve("admin")).credentials(adminKey, adminSecret, null);
    var roles = DeployRoles.create(server, admin, account);
    aliceKey = roles.aliceKey();
    aliceSecret = roles.aliceSecret();
    roleArn = roles.roleArn();
    hopArn = roles.hopArn();
    stsToServer = overrides("sts-to-server", server.endpoint());
    stsNowhere = overrides("sts-nowhere", "http://127.0.0.1:9");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Path overrides(String name, String url) throws Exception {
    Path out = dir.resolve(name);
    Path tool = Path.of(System.getProperty("stint.shared"), "tools", "aws-endpoint-override.py");
    var run =
        Run.of(dir, List.of("/usr/bin/python3", tool.toString(), out.toString(), url, "sts"))
            .call();
    assertThat(run.exit()).as(run.stderr()).isZero();
    return out;
  }

  private static Run.Result ok(Run.Result run) {
    assertThat(run.exit()).as(run.stderr()).isZero();
    return run;
  }

  /** A home whose profiles reach the server's users and roles in every way under test. */
  private static void profiles(Path home) throws Exception {
    String stint = StintCli.LAUNCHER.toString();
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(
        home.resolve(".aws/credentials"),
        "[admin]\naws_access_key_id = "
            + adminKey
            + "\naws_secret_access_key = "
            + adminSecret
            + "\n[alice]\naws_access_key_id = "
            + aliceKey
            + "\naws_secret_access_key = "
            + aliceSecret
            + "\n");
    Files.writeString(
        home.resolve(".aws/config"),
        "[profile via-stint]\ncredential_process = "
            + stint
            + " credential-process --profile admin\n"
            + "[profile deploy-via-stint]\ncredential_process = "
            + stint
            + " credential-process --profile deploy\n"
            + "[profile deploy]\nrole_arn = "
            + roleArn
            + "\nsource_profile = alice\nrole_session_name = interop\n"
            + "[profile hop]\nrole_arn = "
            + hopArn
            + "\nsource_profile = deploy\nrole_session_name = hop-interop\n");
  }

  private static String adminArn() {
    return "arn:aws:iam::" + account + ":user/admin";
  }

  private static String session(String role, String name) {
    return "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + name;
  }

  @Test
  void theAwsClisAndBoto3RunStintAsTheirCredentialProcess() throws Exception {
    Path home = dir.resolve("clients");
    profiles(home);

    var v2 =
        AwsCli.v2(home)
            .env("AWS_ENDPOINT_URL_STS", server.endpoint())
            .run(
                "sts",
                "get-caller-identity",
                "--profile",
                "via-stint",
                "--endpoint-url",
                server.endpoint());
    var v2Role =
        AwsCli.v2(home)
            .env("AWS_ENDPOINT_URL_STS", server.endpoint())
            .run(
                "sts",
                "get-caller-identity",
                "--profile",
                "deploy-via-stint",
                "--endpoint-url",
                server.endpoint());
    var v1 =
        AwsCli.v1(home)
            .env("AWS_ENDPOINT_URL", server.endpoint())
            .run("sts", "get-caller-identity", "--profile", "via-stint");
    Files.copy(home.resolve(".aws/config"), home.resolve("config"));
    Files.copy(home.resolve(".aws/credentials"), home.resolve("credentials"));
    var boto =
        Boto3.run(
            home,
            server.endpoint(),
            """
            import os, boto3
            s = boto3.Session(profile_name='via-stint')
            print(s.client('sts', endpoint_url=os.environ['STINT_ENDPOINT'])
                  .get_caller_identity()['Arn'])
            """,
            "AWS_ENDPOINT_URL_STS",
            server.endpoint());

    assertThat(ok(v2).stdout()).contains("\"Arn\": \"" + adminArn() + "\"");
    assertThat(ok(v2Role).stdout()).contains("\"Arn\": \"" + session("deploy", "interop") + "\"");
    assertThat(ok(v1).stdout()).contains("\"Arn\": \"" + adminArn() + "\"");
    assertThat(ok(boto).stdout()).isEqualTo(adminArn() + "\n");
  }

  @Test
  void theSdkForJavaV2RunsStintAsItsCredentialProcess() throws Exception {
    Path home = dir.resolve("sdk");
    profiles(home);
    // The SDK starts the process with this JVM's environment: say which home to read.
    Path config = home.resolve("sdk-config");
    Files.writeString(
        config,
        "[profile via-stint]\ncredential_process = /usr/bin/env -i HOME="
            + home
            + " PATH=/usr/bin:/bin JAVA_HOME="
            + System.getProperty("java.home")
            + " AWS_EC2_METADATA_DISABLED=true "
            + StintCli.LAUNCHER
            + " credential-process --profile admin\n");
    ProfileFile profiles =
        ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
    try (var credentials =
            ProfileCredentialsProvider.builder()
                .profileFile(profiles)
                .profileName("via-stint")
                .build();
        StsClient sts =
            StsClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials)
                .build()) {
      assertThat(sts.getCallerIdentity().arn()).isEqualTo(adminArn());
    }
  }

  @Test
  void stintAndTheAwsCliReachTheSameRoleSessionsAndUseEachOthersCache() throws Exception {
    Path home = dir.resolve("chain");
    profiles(home);
    StintCli stint = new StintCli(home);
    AwsCli aws = AwsCli.v2(home).env("AWS_DATA_PATH", stsToServer.toString());

    var exported =
        ok(
            stint.run(
                "export",
                "--profile",
                "deploy",
                "--endpoint-url",
                server.endpoint(),
                "--format",
                "json"));
    var stintWho =
        ok(stint.run("whoami", "--profile", "deploy", "--endpoint-url", server.endpoint()));
    var awsWho =
        ok(
            aws.run(
                "sts",
                "get-caller-identity",
                "--profile",
                "deploy",
                "--endpoint-url",
                server.endpoint()));
    var stintHop = ok(stint.run("whoami", "--profile", "hop", "--endpoint-url", server.endpoint()));
    var awsHop =
        ok(
            aws.run(
                "sts",
                "get-caller-identity",
                "--profile",
                "hop",
                "--endpoint-url",
                server.endpoint()));

    assertThat(Fields.of(stintWho.stdout(), "Arn")).isEqualTo(session("deploy", "interop"));
    assertThat(stintWho.stdout()).isEqualTo(awsWho.stdout());
    assertThat(Fields.of(stintHop.stdout(), "Arn")).isEqualTo(session("hop", "hop-interop"));
    assertThat(stintHop.stdout()).isEqualTo(awsHop.stdout());

    // stint's cache entry, used by the AWS CLI with STS out of reach.
    var fromStintsCache =
        ok(
            AwsCli.v2(home)
                .env("AWS_DATA_PATH", stsNowhere.toString())
                .run(
                    "configure",
                    "export-credentials",
                    "--profile",
                    "deploy",
                    "--format",
                    "process"));
    assertThat(Fields.of(fromStintsCache.stdout(), "AccessKeyId"))
        .isEqualTo(Fields.of(exported.stdout(), "AccessKeyId"));

    // The other way: the AWS CLI calls and caches, stint reads its entry with STS out of reach.
    Path fresh = dir.resolve("chain-fresh");
    profiles(fresh);
    var awsFirst =
        ok(
            AwsCli.v2(fresh)
                .env("AWS_DATA_PATH", stsToServer.toString())
                .run(
                    "configure",
                    "export-credentials",
                    "--profile",
                    "deploy",
                    "--format",
                    "process"));
    var stintSecond =
        ok(
            new StintCli(fresh)
                .run(
                    "export",
                    "--profile",
                    "deploy",
                    "--endpoint-url",
                    "http://127.0.0.1:9",
                    "--format",
                    "process"));
    assertThat(stintSecond.stdout()).isEqualTo(awsFirst.stdout());
    try (Stream<Path> entries = Files.list(fresh.resolve(".aws/cli/cache"))) {
      assertThat(entries.count()).isEqualTo(1);
    }
  }

  @Test
  void twentyParallelExportsMakeOneAssumeRoleCall() throws Exception {
    Path home = dir.resolve("parallel");
    profiles(home);
    StintCli stint = new StintCli(home);
    double before = assumeRoleCalls();

    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      processes.add(
          stint.start("export", "--profile", "deploy", "--endpoint-url", server.endpoint()));
    }
    List<String> outputs = new ArrayList<>();
    for (Process p : processes) {
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes());
      String err = new String(p.getErrorStream().readAllBytes());
      assertThat(p.waitFor()).as(err).isZero();
      outputs.add(out);
    }

    assertThat(assumeRoleCalls() - before).isEqualTo(1.0);
    assertThat(outputs).hasSize(20).allMatch(o -> o.equals(outputs.get(0)));
    assertThat(Fields.of(outputs.get(0), "AccessKeyId")).startsWith("ASIA");
  }

  private static final Pattern ASSUME_ROLE_COUNT =
      Pattern.compile(
          "^stint_http_requests_seconds_count\\{action=\"AssumeRole\",status=\"200\"\\}"
              + " ([0-9.eE+]+)$",
          Pattern.MULTILINE);

  private static double assumeRoleCalls() throws Exception {
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = ASSUME_ROLE_COUNT.matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
  }
}
