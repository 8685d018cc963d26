package dev.stint.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code aws configure set} on a copy of a file and our editor on another, and
 * compares the bytes. Where we differ on purpose, the test name says so and both results are
 * pinned.
 */
class AwsCliParityTest {

  private static final String CONFIG =
      """
      # my config
      [default]
      region = us-east-1

      [profile dev]
      region = eu-west-1
      s3 =
          max_queue_size = 100
      # trailing comment

      [profile other]
      output = text

      """;

  @TempDir Path dir;

  /** Runs {@code aws configure set ARGS} with its own HOME and files; returns the file it wrote. */
  private String aws(String file, String initial, String... args) throws Exception {
    Path home = Files.createTempDirectory(dir, "aws");
    Path target = home.resolve(file);
    if (initial != null) {
      Files.writeString(target, initial, StandardCharsets.UTF_8);
    }
    List<String> command = new ArrayList<>(List.of("aws", "configure", "set"));
    command.addAll(List.of(args));
    Python.Result result =
        Python.run(
            command,
            home,
            Map.of(
                "AWS_CONFIG_FILE", home.resolve("config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString()));
    assertThat(result.exitCode()).as("aws on PATH must work; stderr %s", result.stderr()).isZero();
    return Files.readString(target, StandardCharsets.UTF_8);
  }

  private String ours(
      String file,
      String initial,
      java.util.function.Function<Path, ProfileFileEditor> open,
      Consumer<ProfileFileEditor> change)
      throws Exception {
    Path home = Files.createTempDirectory(dir, "ours");
    Path target = home.resolve(file);
    if (initial != null) {
      Files.writeString(target, initial, StandardCharsets.UTF_8);
    }
    change.accept(open.apply(target));
    return Files.readString(target, StandardCharsets.UTF_8);
  }

  private String oursInConfig(String initial, Consumer<ProfileFileEditor> change) throws Exception {
    return ours("config", initial, ProfileFileEditor::config, change);
  }

  @Test
  void newKeyGoesAfterTheLastKeyOfTheProfileAsTheAwsCliPutsIt() throws Exception {
    assertThat(oursInConfig(CONFIG, e -> e.set("dev", "output", "json")))
        .isEqualTo(aws("config", CONFIG, "output", "json", "--profile", "dev"));
  }

  @Test
  void replacedKeyWrittenKeyEqualsValueMatchesTheAwsCli() throws Exception {
    assertThat(oursInConfig(CONFIG, e -> e.set("default", "region", "us-west-2")))
        .isEqualTo(aws("config", CONFIG, "region", "us-west-2"));
  }

  @Test
  void newSubKeyJoinsTheExistingIndentedBlockAsTheAwsCliPutsIt() throws Exception {
    String config = "[profile dev]\ns3 =\n    max_queue_size = 100\n[profile other]\nk = v\n";
    assertThat(oursInConfig(config, e -> e.set("dev", "s3.max_concurrent_requests", "20")))
        .isEqualTo(aws("config", config, "profile.dev.s3.max_concurrent_requests", "20"))
        .isEqualTo(
            "[profile dev]\ns3 =\n    max_queue_size = 100\n    max_concurrent_requests = 20\n"
                + "[profile other]\nk = v\n");
  }

  @Test
  void newSubKeyStaysInItsBlockWhereTheAwsCliPutsItAfterTrailingCommentAndBlankLine()
      throws Exception {
    String head =
        "# my config\n[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\n";
    String tail = "[profile other]\noutput = text\n\n";
    assertThat(oursInConfig(CONFIG, e -> e.set("dev", "s3.max_concurrent_requests", "20")))
        .isEqualTo(
            head
                + "s3 =\n    max_queue_size = 100\n    max_concurrent_requests = 20\n"
                + "# trailing comment\n\n"
                + tail);
    assertThat(aws("config", CONFIG, "profile.dev.s3.max_concurrent_requests", "20"))
        .isEqualTo(
            head
                + "s3 =\n    max_queue_size = 100\n# trailing comment\n\n"
                + "    max_concurrent_requests = 20\n"
                + tail);
  }

  @Test
  void existingSubKeyIsReplacedInPlaceAsTheAwsCliDoes() throws Exception {
    assertThat(oursInConfig(CONFIG, e -> e.set("dev", "s3.max_queue_size", "5")))
        .isEqualTo(aws("config", CONFIG, "profile.dev.s3.max_queue_size", "5"));
  }

  @Test
  void newSubSectionGoesBeforeTrailingBlankLinesWhereTheAwsCliAppendsItAfterThem()
      throws Exception {
    String head = CONFIG.substring(0, CONFIG.length() - 1);
    assertThat(oursInConfig(CONFIG, e -> e.set("other", "s3.addressing_style", "path")))
        .isEqualTo(head + "s3 =\n    addressing_style = path\n\n");
    assertThat(aws("config", CONFIG, "profile.other.s3.addressing_style", "path"))
        .isEqualTo(CONFIG + "s3 =\n    addressing_style = path\n");
  }

  @Test
  void newSubSectionAfterTheLastKeyMatchesTheAwsCli() throws Exception {
    String config = "[profile other]\noutput = text\n[profile z]\nk = v\n";
    assertThat(oursInConfig(config, e -> e.set("other", "s3.addressing_style", "path")))
        .isEqualTo(aws("config", config, "profile.other.s3.addressing_style", "path"))
        .isEqualTo(
            "[profile other]\noutput = text\ns3 =\n    addressing_style = path\n"
                + "[profile z]\nk = v\n");
  }

  @Test
  void newProfileAfterAFinalBlankLineMatchesTheAwsCli() throws Exception {
    assertThat(oursInConfig(CONFIG, e -> e.set("new", "region", "x")))
        .isEqualTo(aws("config", CONFIG, "region", "x", "--profile", "new"));
  }

  @Test
  void profileNameWithSpaceIsShellQuotedAsTheAwsCliQuotesIt() throws Exception {
    assertThat(oursInConfig(CONFIG, e -> e.set("my dev", "region", "x")))
        .isEqualTo(aws("config", CONFIG, "region", "x", "--profile", "my dev"))
        .endsWith("[profile 'my dev']\nregion = x\n");
  }

  @Test
  void credentialsFileIsCreatedWithAPlainSectionAsTheAwsCliCreatesIt() throws Exception {
    String ours =
        ours(
            "credentials",
            null,
            ProfileFileEditor::credentials,
            e -> e.set("dev", "aws_access_key_id", "AKIAIOSFODNN7EXAMPLE"));
    assertThat(ours)
        .isEqualTo("[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n")
        .isEqualTo(
            aws(
                "credentials",
                null,
                "aws_access_key_id",
                "AKIAIOSFODNN7EXAMPLE",
                "--profile",
                "dev"));
  }

  @Test
  void replacedLineKeepsItsOwnSeparatorAndCrlfWhereTheAwsCliRewritesBoth() throws Exception {
    String crlf = "[default]\r\nregion=us-east-1\r\noutput = json\r\n";
    assertThat(oursInConfig(crlf, e -> e.set("default", "region", "eu-west-1")))
        .isEqualTo("[default]\r\nregion=eu-west-1\r\noutput = json\r\n");
    assertThat(aws("config", crlf, "region", "eu-west-1"))
        .isEqualTo("[default]\nregion = eu-west-1\noutput = json\n");
  }

  @Test
  void newSectionGetsOneBlankLineBeforeItWhereTheAwsCliAddsNone() throws Exception {
    String config = "[default]\nregion = us-east-1\n";
    assertThat(oursInConfig(config, e -> e.set("dev", "region", "x")))
        .isEqualTo("[default]\nregion = us-east-1\n\n[profile dev]\nregion = x\n");
    assertThat(aws("config", config, "region", "x", "--profile", "dev"))
        .isEqualTo("[default]\nregion = us-east-1\n[profile dev]\nregion = x\n");
  }
}
