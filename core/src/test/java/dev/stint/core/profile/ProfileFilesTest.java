package dev.stint.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared files as the AWS CLI documentation describes them, case by case. */
class ProfileFilesTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private Profiles load(String config, String credentials) throws Exception {
    return ProfileFiles.load(write("config", config), write("credentials", credentials));
  }

  @Test
  void configProfilesAreDefaultAndProfilePrefixedSections() throws Exception {
    Profiles profiles =
        load(
            "[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n[dev]\nx = 1\n", "");
    assertThat(profiles.profileNames()).containsExactly("default", "dev");
    assertThat(profiles.profile("dev").orElseThrow().properties())
        .containsExactly(Map.entry("region", "eu-west-1"));
  }

  @Test
  void credentialsKeysOverrideConfigKeysAndRememberTheirFile() throws Exception {
    Profile dev =
        load(
                "[profile dev]\nregion = eu-west-1\naws_access_key_id = OLD\n",
                "[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n")
            .profile("dev")
            .orElseThrow();
    assertThat(dev.properties())
        .containsExactly(
            Map.entry("region", "eu-west-1"),
            Map.entry("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE"),
            Map.entry("aws_secret_access_key", "s"));
    assertThat(dev.sources())
        .containsExactly(
            Map.entry("region", Profile.Source.CONFIG),
            Map.entry("aws_access_key_id", Profile.Source.CREDENTIALS),
            Map.entry("aws_secret_access_key", Profile.Source.CREDENTIALS));
    assertThat(dev.toString())
        .isEqualTo(
            "Profile[name=dev, keys=[region, aws_access_key_id, aws_secret_access_key],"
                + " subSections=[]]");
  }

  @Test
  void profilePrefixInTheCredentialsFileIsPartOfTheName() throws Exception {
    Profiles profiles = load("", "[profile dev]\naws_access_key_id = A\n");
    assertThat(profiles.profileNames()).containsExactly("profile dev");
  }

  @Test
  void indentedLinesUnderAnEmptyValueAreASubSection() throws Exception {
    Profile p =
        load("[default]\ns3 =\n  max_concurrent_requests = 20\n  Addressing_Style=path\n", "")
            .profile("default")
            .orElseThrow();
    assertThat(p.subSection("s3").orElseThrow())
        .containsExactly(
            Map.entry("max_concurrent_requests", "20"), Map.entry("Addressing_Style", "path"));
    assertThat(p.properties()).isEmpty();
  }

  @Test
  void ssoSessionsAndServicesAreTheirOwnSections() throws Exception {
    Profiles profiles =
        load(
            "[sso-session corp]\nsso_region = us-east-1\n"
                + "[services local]\ndynamodb =\n  endpoint_url = http://localhost:8000\n",
            "");
    assertThat(profiles.ssoSession("corp").orElseThrow().properties())
        .containsExactly(Map.entry("sso_region", "us-east-1"));
    assertThat(profiles.services("local").orElseThrow().subSections())
        .containsExactly(Map.entry("dynamodb", Map.of("endpoint_url", "http://localhost:8000")));
    assertThat(profiles.profileNames()).isEmpty();
  }

  @Test
  void semicolonAfterAValueIsPartOfTheValue() throws Exception {
    assertThat(load("[default]\nregion = us-east-1 ; note\n", "").profile("default"))
        .hasValueSatisfying(p -> assertThat(p.property("region")).hasValue("us-east-1 ; note"));
  }

  @Test
  void missingFilesAreEmpty() {
    Profiles profiles = ProfileFiles.load(dir.resolve("no-config"), dir.resolve("no-credentials"));
    assertThat(profiles.profileNames()).isEmpty();
  }

  @Test
  void malformedLineIsReportedWithFileAndLine() throws Exception {
    Path config = write("config", "[default]\nregion = us-east-1\n\naws_secret wJalrXUtnFEMI\n");
    assertThatThrownBy(() -> ProfileFiles.load(config, dir.resolve("none")))
        .isInstanceOfSatisfying(
            ProfileFileException.Malformed.class,
            e -> {
              assertThat(e.path()).isEqualTo(config);
              assertThat(e.line()).isEqualTo(4);
            })
        .hasMessage(
            config + " line 4: expected \"key = value\", a [section] header or a # comment");
  }

  @Test
  void duplicateSectionNamesTheFirstLine() throws Exception {
    Path config = write("config", "[default]\na = 1\r\n[default]\n");
    assertThatThrownBy(() -> ProfileFiles.load(config, dir.resolve("none")))
        .hasMessage(config + " line 3: section [default] already began at line 1");
  }

  @Test
  void duplicateKeyIsCaseInsensitiveAsTheAwsCliLowerCasesKeys() throws Exception {
    Path config = write("config", "[default]\nRegion = a\nregion = b\n");
    assertThatThrownBy(() -> ProfileFiles.load(config, dir.resolve("none")))
        .hasMessage(config + " line 3: key \"region\" in [default] was already set at line 2");
  }

  @Test
  void keyBeforeAnySectionIsAnError() throws Exception {
    Path credentials = write("credentials", "# keys\naws_access_key_id = A\n[default]\n");
    assertThatThrownBy(() -> ProfileFiles.load(dir.resolve("none"), credentials))
        .hasMessage(credentials + " line 2: a key comes before any [section] header");
  }

  @Test
  void subSectionLineWithoutEqualsIsAnError() throws Exception {
    Path config = write("config", "[default]\ns3 =\n  a = 1\n  b: 2\n");
    assertThatThrownBy(() -> ProfileFiles.load(config, dir.resolve("none")))
        .hasMessage(config + " line 4: expected \"key = value\" in the sub-section \"s3\"");
  }

  @Test
  void byteOrderMarkIsRefusedAsTheAwsCliCannotReadIt() throws Exception {
    Path config = dir.resolve("config");
    Files.write(config, "\uFEFF[default]\nregion = x\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ProfileFiles.load(config, dir.resolve("none")))
        .hasMessage(
            config
                + " line 1: the file starts with a UTF-8 byte order mark, which the AWS CLI"
                + " cannot read");
  }

  @Test
  void invalidUtf8NamesTheLine() throws Exception {
    Path config = dir.resolve("config");
    Files.write(config, new byte[] {'[', 'a', ']', '\r', '\n', 'k', '=', (byte) 0xff, '\n'});
    assertThatThrownBy(() -> ProfileFiles.load(config, dir.resolve("none")))
        .hasMessage(config + " line 2: not UTF-8 text");
  }

  @Test
  void fileOverOneMebibyteIsRefused() throws Exception {
    Path config = write("config", "[default]\n" + "#".repeat(1024 * 1024) + "\n");
    assertThatThrownBy(() -> ProfileFiles.load(config, dir.resolve("none")))
        .isInstanceOf(ProfileFileException.TooLarge.class)
        .hasMessage(config + ": 1048587 bytes is more than the limit of 1048576 bytes");
  }

  @Test
  void unreadableFileFailsLoudlyWhereBotocoreSilentlyTreatsItAsEmpty() throws Exception {
    Path config = write("config", "[default]\n");
    ProfileFiles.Reader denied =
        path -> {
          throw new AccessDeniedException(path.toString());
        };
    assertThatThrownBy(() -> ProfileFiles.load(config, dir.resolve("none"), denied))
        .isInstanceOf(ProfileFileException.Inaccessible.class)
        .hasMessage(config + ": cannot read the file (AccessDeniedException: " + config + ")");
  }

  @Test
  void pathsComeFromTheEnvironmentOrTheHomeDirectory() {
    Path home = Path.of("/home/u");
    assertThat(ProfileFiles.configFile(Map.of(), home)).isEqualTo(Path.of("/home/u/.aws/config"));
    assertThat(ProfileFiles.credentialsFile(Map.of(), home))
        .isEqualTo(Path.of("/home/u/.aws/credentials"));
    Map<String, String> env =
        Map.of(
            "AWS_CONFIG_FILE", "~/alt/config",
            "AWS_SHARED_CREDENTIALS_FILE", "${BASE}/creds-$USER-$NOPE",
            "BASE", "/srv",
            "USER", "ann");
    assertThat(ProfileFiles.configFile(env, home)).isEqualTo(Path.of("/home/u/alt/config"));
    assertThat(ProfileFiles.credentialsFile(env, home)).isEqualTo(Path.of("/srv/creds-ann-$NOPE"));
  }
}
