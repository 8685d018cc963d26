package dev.stint.core.chain;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A separate JVM for {@link SingleRefresherTest}: tells the fake it is ready, resolves the {@code
 * mfa} profile of the given home against the fake STS, and prints the access key id. MFA prompts
 * are recorded as lines in a file.
 */
public final class ResolveMain {

  private ResolveMain() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    URI fake = URI.create(args[1]);
    Path prompts = Path.of(args[2]);
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(fake.resolve("/ready")).GET().build(),
            HttpResponse.BodyHandlers.discarding());
    System.out.println(resolve(home, fake, prompts));
  }

  static String resolve(Path home, URI fake, Path prompts) {
    CredentialChain chain =
        CredentialChain.builder()
            .home(home)
            .environment(
                Map.of(
                    "AWS_ENDPOINT_URL_STS", fake.toString(), "AWS_EC2_METADATA_DISABLED", "true"))
            .profile("mfa")
            .mfaPrompt(
                (serial, prompt) -> {
                  try {
                    Files.writeString(
                        prompts,
                        prompt + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                  return "123456";
                })
            .build();
    return chain.resolve().credentials().accessKeyId();
  }
}
