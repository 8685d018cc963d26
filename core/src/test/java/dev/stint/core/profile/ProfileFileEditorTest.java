package dev.stint.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits change the lines they must and no other byte. */
class ProfileFileEditorTest {

  private static final String REAL_WORLD =
      """
      # Managed by hand. Do not let tools reformat me.
      [default]
      region=us-east-1
      output   :   json
      ; cli_pager =

      [profile dev]   # trailing text after the header
        role_arn = arn:aws:iam::123456789012:role/dev
        source_profile = default
      s3 =
        max_concurrent_requests = 10
      # about prod
      [profile prod]
      region = eu-west-1""";

  @TempDir Path dir;

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("config"), text, StandardCharsets.UTF_8);
  }

  private static String read(Path path) throws IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }

  @Test
  void settingOneKeyChangesOnlyThatLineAndKeepsItsSeparator() throws Exception {
    Path config = file(REAL_WORLD);
    ProfileFileEditor.config(config).set("default", "output", "text");
    assertThat(read(config))
        .isEqualTo(REAL_WORLD.replace("output   :   json", "output   :   text"));
  }

  @Test
  void newKeyGoesAfterTheProfilesLastKeyBeforeTrailingComments() throws Exception {
    Path config = file(REAL_WORLD);
    ProfileFileEditor.config(config).set("dev", "region", "us-west-2");
    assertThat(read(config))
        .isEqualTo(
            REAL_WORLD.replace(
                "max_concurrent_requests = 10\n",
                "max_concurrent_requests = 10\nregion = us-west-2\n"));
  }

  @Test
  void lastProfileWithoutFinalNewlineStaysWithoutOne() throws Exception {
    Path config = file(REAL_WORLD);
    ProfileFileEditor.config(config).set("prod", "output", "json");
    assertThat(read(config)).isEqualTo(REAL_WORLD + "\noutput = json");
  }

  @Test
  void newProfileIsAppendedAfterOneBlankLine() throws Exception {
    Path config = file(REAL_WORLD);
    ProfileFileEditor.config(config).set("new one", "region", "x");
    assertThat(read(config)).isEqualTo(REAL_WORLD + "\n\n[profile 'new one']\nregion = x");
  }

  @Test
  void crlfFileGetsCrlfLines() throws Exception {
    String crlf = REAL_WORLD.replace("\n", "\r\n") + "\r\n";
    Path config = file(crlf);
    ProfileFileEditor.config(config).set("dev", "s3.multipart_threshold", "64MB");
    assertThat(read(config))
        .isEqualTo(
            crlf.replace(
                "max_concurrent_requests = 10\r\n",
                "max_concurrent_requests = 10\r\n  multipart_threshold = 64MB\r\n"));
  }

  @Test
  void settingAPlainValueOverASubSectionRemovesItsIndentedLines() throws Exception {
    Path config = file(REAL_WORLD);
    ProfileFileEditor.config(config).set("dev", "s3", "off");
    assertThat(read(config))
        .isEqualTo(REAL_WORLD.replace("s3 =\n  max_concurrent_requests = 10\n", "s3 = off\n"));
  }

  @Test
  void removingTheLastSubKeyRemovesTheSubSection() throws Exception {
    Path config = file(REAL_WORLD);
    assertThat(ProfileFileEditor.config(config).remove("dev", "s3.max_concurrent_requests"))
        .isTrue();
    assertThat(read(config))
        .isEqualTo(REAL_WORLD.replace("s3 =\n  max_concurrent_requests = 10\n", ""));
    assertThat(ProfileFileEditor.config(config).remove("dev", "s3")).isFalse();
  }

  @Test
  void removingAProfileKeepsTheCommentAboutTheNextOne() throws Exception {
    Path config = file(REAL_WORLD);
    assertThat(ProfileFileEditor.config(config).removeProfile("dev")).isTrue();
    assertThat(read(config))
        .isEqualTo(
            """
            # Managed by hand. Do not let tools reformat me.
            [default]
            region=us-east-1
            output   :   json
            ; cli_pager =

            # about prod
            [profile prod]
            region = eu-west-1""");
  }

  @Test
  void removingTheLastProfileTakesItsSeparatingBlankLine() throws Exception {
    Path credentials = file("[a]\nk = 1\n\n[b]\nk = 2\n");
    assertThat(ProfileFileEditor.credentials(credentials).removeProfile("b")).isTrue();
    assertThat(read(credentials)).isEqualTo("[a]\nk = 1\n");
    assertThat(ProfileFileEditor.credentials(credentials).removeProfile("b")).isFalse();
  }

  @Test
  void editGoesToTheSectionBotocoreReadsWhenDefaultIsWrittenTwice() throws Exception {
    Path config = file("[default]\nregion = a\n[profile default]\nregion = b\n");
    ProfileFileEditor.config(config).set("default", "region", "c");
    assertThat(read(config)).isEqualTo("[default]\nregion = a\n[profile default]\nregion = c\n");
  }

  @Test
  void credentialsFileUsesPlainSectionNames() throws Exception {
    Path credentials = dir.resolve("credentials");
    ProfileFileEditor.credentials(credentials)
        .setAll(
            "dev",
            new java.util.LinkedHashMap<>(
                java.util.Map.of("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE")));
    assertThat(read(credentials)).isEqualTo("[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n");
  }

  @Test
  void setAllAddsSeveralKeysToANewSectionAndToAnExistingOne() throws Exception {
    Path credentials = file("[a]\nx = 1\n\n[dev]\naws_access_key_id = OLD\n# note\n[z]\ny = 2\n");
    java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
    keys.put("aws_session_token", "T");
    keys.put("aws_access_key_id", "NEW");
    keys.put("aws_secret_access_key", "S");

    ProfileFileEditor.credentials(credentials).setAll("dev", keys);
    ProfileFileEditor.credentials(credentials).setAll("fresh", keys);

    assertThat(read(credentials))
        .isEqualTo(
            "[a]\nx = 1\n\n[dev]\naws_access_key_id = NEW\naws_session_token = T\n"
                + "aws_secret_access_key = S\n# note\n[z]\ny = 2\n\n[fresh]\n"
                + "aws_session_token = T\naws_access_key_id = NEW\naws_secret_access_key = S\n");
  }

  @Test
  void ssoSessionSectionsAreEditedApartFromTheProfileOfTheSameName() throws Exception {
    String before =
        "# keep me\n[profile corp]\nsso_session = corp\n\n[sso-session corp]\n"
            + "sso_region=us-east-1 ; inline\nsso_start_url = https://old\n[profile z]\nregion = x";
    Path config = file(before);
    java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
    keys.put("sso_start_url", "http://127.0.0.1:8080/start");
    keys.put("sso_region", "eu-west-1");
    keys.put("sso_registration_scopes", "sso:account:access");

    ProfileFileEditor.config(config).setSsoSession("corp", keys);
    ProfileFileEditor.config(config).setSsoSession("new one", keys);

    assertThat(read(config))
        .isEqualTo(
            "# keep me\n[profile corp]\nsso_session = corp\n\n[sso-session corp]\n"
                + "sso_region=eu-west-1\nsso_start_url = http://127.0.0.1:8080/start\n"
                + "sso_registration_scopes = sso:account:access\n[profile z]\nregion = x\n\n"
                + "[sso-session 'new one']\nsso_start_url = http://127.0.0.1:8080/start\n"
                + "sso_region = eu-west-1\nsso_registration_scopes = sso:account:access");
    Profiles profiles = ProfileFiles.load(config, dir.resolve("none"));
    assertThat(profiles.ssoSession("new one").orElseThrow().properties())
        .containsExactlyEntriesOf(keys);
    assertThat(profiles.profile("corp").orElseThrow().properties())
        .containsExactly(java.util.Map.entry("sso_session", "corp"));
    assertThatThrownBy(() -> ProfileFileEditor.credentials(config).setSsoSession("corp", keys))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("sso-session sections live in the config file only");
  }

  @Test
  void writtenFileIsOwnerOnlyAndItsNewDirectoryToo() throws Exception {
    Path credentials = dir.resolve("home/.aws/credentials");
    ProfileFileEditor.credentials(credentials).set("default", "aws_access_key_id", "A");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void valuesThatWouldNotReadBackAreRefused() throws Exception {
    ProfileFileEditor editor = ProfileFileEditor.config(dir.resolve("config"));
    assertThatThrownBy(() -> editor.set("dev", "region", "a\nb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the value of region has a line break or surrounding white space");
    assertThatThrownBy(() -> editor.set("dev", " key", "x"))
        .hasMessage("not a usable key: \" key\"");
    assertThatThrownBy(() -> editor.set("dev", "a=b", "x")).hasMessage("not a usable key: \"a=b\"");
    assertThatThrownBy(() -> editor.set("de]v", "region", "x"))
        .hasMessage("not a usable profile name: \"de]v\"");
    assertThat(Files.exists(dir.resolve("config"))).isFalse();
  }

  @Test
  void malformedFileIsNeverRewritten() throws Exception {
    Path config = file("[default]\nnot a key line\n");
    assertThatThrownBy(() -> ProfileFileEditor.config(config).set("default", "region", "x"))
        .hasMessage(
            config + " line 2: expected \"key = value\", a [section] header or a # comment");
    assertThat(read(config)).isEqualTo("[default]\nnot a key line\n");
  }

  @Test
  void failingWriteLeavesTheOriginalFileIntact() throws Exception {
    Path config = file(REAL_WORLD);
    ProfileFileEditor failing =
        new ProfileFileEditor(
            config,
            ProfileFile.Kind.CONFIG,
            (channel, content) -> {
              channel.write(java.nio.ByteBuffer.wrap(content, 0, 10));
              throw new IOException("disk full");
            });
    assertThatThrownBy(() -> failing.set("dev", "region", "x"))
        .isInstanceOf(ProfileFileException.Inaccessible.class)
        .hasMessage(config + ": cannot write the file (IOException: disk full)");
    assertThat(read(config)).isEqualTo(REAL_WORLD);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("config", "config.lock");
    }
  }

  @Test
  void concurrentWritersOfDifferentKeysAllLand() throws Exception {
    Path config = file(REAL_WORLD);
    int writers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < writers; i++) {
        String key = "key_" + i;
        String profile = i % 2 == 0 ? "dev" : "p" + i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  ProfileFileEditor.config(config).set(profile, key, "v" + key);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Profiles profiles = ProfileFiles.load(config, dir.resolve("none"));
    for (int i = 0; i < writers; i++) {
      String profile = i % 2 == 0 ? "dev" : "p" + i;
      assertThat(profiles.profile(profile).orElseThrow().property("key_" + i))
          .hasValue("vkey_" + i);
    }
  }
}
