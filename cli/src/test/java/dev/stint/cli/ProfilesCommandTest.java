package dev.stint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesCommandTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/deploy";

  @TempDir Path home;

  /**
   * The AWS CLI's cache file name for an assume-role profile: the SHA-1 of {@code json.dumps} of
   * its arguments, keys sorted (botocore's {@code AssumeRoleCredentialFetcher._create_cache_key}).
   */
  private static String cacheFile(String json) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-1").digest(json.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest) + ".json";
  }

  @Test
  void listsEachProfileWithItsFileKindAndCachedExpiry() throws Exception {
    var stint =
        new Stint(home)
            .config(
                "[default]\nregion = us-east-1\n"
                    + "[profile deploy]\nrole_arn = "
                    + ROLE
                    + "\nsource_profile = base\nrole_session_name = ci\n"
                    + "[profile old]\nrole_arn = "
                    + ROLE
                    + "\nsource_profile = base\nrole_session_name = old\n"
                    + "[profile fresh]\nrole_arn = "
                    + ROLE
                    + "\nsource_profile = base\n"
                    + "[profile tool]\ncredential_process = /bin/true\n"
                    + "[profile keys-in-config]\naws_access_key_id = AKIAC\n"
                    + "aws_secret_access_key = c\ncredential_process = /bin/true\n"
                    + "[profile web]\nrole_arn = "
                    + ROLE
                    + "\nweb_identity_token_file = /tmp/token\n"
                    + "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\n"
                    + "sso_role_name = Dev\n"
                    + "[sso-session corp]\nsso_start_url = https://corp.example/start\n"
                    + "sso_region = eu-west-1\n"
                    + "[profile base]\nregion = eu-west-1\n")
            .credentials("[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = b\n")
            .clock(Clock.fixed(Instant.parse("2030-01-01T12:00:00Z"), ZoneOffset.UTC));
    Stint.write(
        home.resolve(".aws/cli/cache")
            .resolve(cacheFile("{\"RoleArn\": \"" + ROLE + "\", \"RoleSessionName\": \"ci\"}")),
        "{\"Credentials\": {\"AccessKeyId\": \"ASIACACHED\", \"SecretAccessKey\": \"s\","
            + " \"SessionToken\": \"t\", \"Expiration\": \"2030-01-01T13:25:30Z\"}}");
    Stint.write(
        home.resolve(".aws/cli/cache")
            .resolve(cacheFile("{\"RoleArn\": \"" + ROLE + "\", \"RoleSessionName\": \"old\"}")),
        "{\"Credentials\": {\"AccessKeyId\": \"ASIAOLD\", \"SecretAccessKey\": \"s\","
            + " \"SessionToken\": \"t\", \"Expiration\": \"2030-01-01T11:00:00+00:00\"}}");

    var result = stint.run("profiles");

    assertThat(result.exit()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .isEqualTo(
            "PROFILE         FILE                KIND          EXPIRES\n"
                + "default         config              none          -\n"
                + "deploy          config              assume-role   2030-01-01T13:25:30Z (in 1h25m)\n"
                + "old             config              assume-role   2030-01-01T11:00:00Z (expired)\n"
                + "fresh           config              assume-role   -\n"
                + "tool            config              process       -\n"
                + "keys-in-config  config              process       -\n"
                + "web             config              web-identity  -\n"
                + "sso             config              sso           -\n"
                + "base            config+credentials  static        -\n");
  }

  @Test
  void profilesOnlyInTheCredentialsFileComeLast() throws Exception {
    var stint =
        new Stint(home)
            .config("[profile b]\nregion = x\n")
            .credentials("[a]\naws_access_key_id = AKIAA\naws_secret_access_key = a\n");

    assertThat(stint.run("profiles").out())
        .isEqualTo(
            "PROFILE  FILE         KIND    EXPIRES\n"
                + "b        config       none    -\n"
                + "a        credentials  static  -\n");
  }

  @Test
  void noFilesListsNothingButTheHeader() {
    assertThat(new Stint(home).run("profiles").out()).isEqualTo("PROFILE  FILE  KIND  EXPIRES\n");
  }
}
