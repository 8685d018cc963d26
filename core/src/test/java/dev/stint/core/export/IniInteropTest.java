package dev.stint.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.export.CredentialFormat.Options;
import dev.stint.core.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The {@code ini} section, appended to a credentials file, must read back the same in botocore and
 * in the AWS SDK for Java v2; and the characters {@code ini} refuses are the ones where those two
 * readers disagree.
 */
class IniInteropTest {

  /** Printable ASCII that both readers keep: '#' and ';' inside words, '=', ':', '%', brackets. */
  static final Credentials ODD_BUT_SAFE =
      new Credentials(
          "ASIAIOSFODNN7EXAMPLE",
          "a#b;c = d: e %(x)s [y] $z \"q\" 'r' \\s",
          "FwoGZXIvYXdzEBYaDH+/abc==",
          null);

  @TempDir Path home;

  private Path credentialsFile(String text) throws Exception {
    Path file = home.resolve("credentials");
    Files.writeString(
        file, "[other]\naws_access_key_id = AKIAOTHER\n\n" + text, StandardCharsets.UTF_8);
    return file;
  }

  private List<Object> botocore(Path file, String profile) throws Exception {
    Files.writeString(home.resolve("config"), "", StandardCharsets.UTF_8);
    String out =
        Run.succeed(
            List.of(
                "python3",
                "-c",
                """
                import json, sys
                import botocore.session
                s = botocore.session.Session(profile=sys.argv[2])
                s.set_config_variable('config_file', sys.argv[1] + '.config')
                s.set_config_variable('credentials_file', sys.argv[1])
                c = s.get_credentials().get_frozen_credentials()
                print(json.dumps([c.access_key, c.secret_key, c.token]))
                """,
                file.toString(),
                profile),
            home,
            Map.of("AWS_EC2_METADATA_DISABLED", "true"));
    @SuppressWarnings("unchecked")
    List<Object> values = (List<Object>) Json.read(out);
    return values;
  }

  private static List<String> sdk(Path file, String profile) {
    ProfileFile profiles =
        ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build();
    var p = profiles.profile(profile).orElseThrow();
    return List.of(
        p.property(ProfileProperty.AWS_ACCESS_KEY_ID).orElseThrow(),
        p.property(ProfileProperty.AWS_SECRET_ACCESS_KEY).orElseThrow(),
        p.property(ProfileProperty.AWS_SESSION_TOKEN).orElseThrow());
  }

  @Test
  void botocoreAndTheJavaSdkReadTheSectionBack() throws Exception {
    String section = CredentialFormat.INI.render(ODD_BUT_SAFE, new Options("eu-west-1", "my-work"));
    Path file = credentialsFile(section);
    List<String> expected =
        List.of(
            ODD_BUT_SAFE.accessKeyId(),
            ODD_BUT_SAFE.secretAccessKey(),
            ODD_BUT_SAFE.sessionToken());

    assertThat(botocore(file, "my-work")).isEqualTo(expected);
    assertThat(sdk(file, "my-work")).isEqualTo(expected);
  }

  @Test
  void whatIniRefusesIsWhereTheReadersDisagree() throws Exception {
    // Written by hand, since ini refuses it: a space before '#' starts a comment for the SDK only.
    Path file =
        credentialsFile(
            """
            [p]
            aws_access_key_id = ASIAIOSFODNN7EXAMPLE
            aws_secret_access_key = abc #def
            aws_session_token = tok
            """);

    assertThat(botocore(file, "p").get(1)).isEqualTo("abc #def");
    assertThat(sdk(file, "p").get(1)).isEqualTo("abc");
  }
}
