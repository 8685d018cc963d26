package dev.stint.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** What the test harnesses read from a first start's {@code admin-credentials.ini}. */
public final class AdminCredentialsFile {
  private AdminCredentialsFile() {}

  /** The {@code [stint-admin]} keys and the {@code # name = value} comments of the file. */
  public static Map<String, String> read(Path file) {
    var out = new LinkedHashMap<String, String>();
    try {
      for (String line : Files.readAllLines(file)) {
        String l = line.strip();
        if (l.startsWith("#")) {
          l = l.substring(1).strip();
        }
        int eq = l.indexOf('=');
        if (eq > 0) {
          out.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** SDK credentials: long-term keys when {@code token} is null, else session credentials. */
  public static AwsCredentials credentials(String keyId, String secret, String token) {
    return token == null
        ? AwsBasicCredentials.create(keyId, secret)
        : AwsSessionCredentials.create(keyId, secret, token);
  }
}
