package dev.stint.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.export.CredentialFormat.Options;
import dev.stint.core.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our {@code process} output must work as a {@code credential_process}: botocore's own {@code
 * ProcessProvider} loads it, and the AWS CLI, given a profile whose {@code credential_process}
 * prints our file, exports the same credentials we would.
 */
class ProcessOutputTest {

  static final Credentials PLAIN =
      new Credentials(
          "ASIAQWERTYUIOPASDFGH",
          "Zx9+Lk/3pQ==Wm/7+AbCdEfGhIjKlMnOpQrStUvW",
          "FwoGZXIvYXdzEBYaDH+/abc==",
          Instant.parse("2099-01-02T03:04:05Z"));

  static final Credentials AWKWARD =
      new Credentials(
          "ASIAAWKWARDEXAMPLE00",
          "q\"uote b\\ack \u00e9 \ud83d\ude00 \u0000 \u001f tab\t $x 'y'",
          "tok\u2028en\n",
          Instant.parse("2099-01-02T03:04:05.123456Z"));

  @TempDir Path home;

  private Path processFile(Credentials credentials) throws Exception {
    Path file = home.resolve("process.json");
    Files.writeString(
        file,
        CredentialFormat.PROCESS.render(credentials, Options.defaults()),
        StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void botocoresProcessProviderLoadsIt() throws Exception {
    Path file = processFile(AWKWARD);

    String out =
        Run.succeed(
            List.of(
                "python3",
                "-c",
                """
                import json, sys
                from botocore.credentials import ProcessProvider
                config = {'profiles': {'p': {'credential_process': 'cat ' + sys.argv[1]}}}
                creds = ProcessProvider('p', lambda: config).load()
                frozen = creds.get_frozen_credentials()
                print(json.dumps([creds.method, frozen.access_key, frozen.secret_key, frozen.token,
                                  creds._expiry_time.isoformat()]))
                """,
                file.toString()),
            home,
            Map.of());

    assertThat(Json.read(out))
        .isEqualTo(
            List.of(
                "custom-process",
                AWKWARD.accessKeyId(),
                AWKWARD.secretAccessKey(),
                AWKWARD.sessionToken(),
                "2099-01-02T03:04:05.123456+00:00"));
  }

  private String awsThroughOurFile(Path file, String format) throws Exception {
    Files.writeString(
        home.resolve("config"),
        "[profile ours]\ncredential_process = cat " + file + "\n",
        StandardCharsets.UTF_8);
    return AwsCliConformanceTest.exportCredentials(home, "ours", format);
  }

  @Test
  void theAwsCliUsesItAsACredentialProcess() throws Exception {
    Path file = processFile(PLAIN);

    assertThat(awsThroughOurFile(file, "env"))
        .isEqualTo(CredentialFormat.ENV.render(PLAIN, Options.defaults()))
        .isEqualTo(
            """
            export AWS_ACCESS_KEY_ID=ASIAQWERTYUIOPASDFGH
            export AWS_SECRET_ACCESS_KEY=Zx9+Lk/3pQ==Wm/7+AbCdEfGhIjKlMnOpQrStUvW
            export AWS_SESSION_TOKEN=FwoGZXIvYXdzEBYaDH+/abc==
            export AWS_CREDENTIAL_EXPIRATION=2099-01-02T03:04:05+00:00
            """);
  }

  @Test
  void theAwsCliReadsAwkwardValuesBackUnchanged() throws Exception {
    Path file = processFile(AWKWARD);

    assertThat(awsThroughOurFile(file, "process")).isEqualTo(Files.readString(file));
  }
}
