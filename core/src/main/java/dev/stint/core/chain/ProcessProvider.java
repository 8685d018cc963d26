package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.internal.json.Json;
import dev.stint.core.internal.json.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Credentials printed by the profile's {@code credential_process}, run as botocore runs it on
 * POSIX: the line split with {@code shlex.split} and executed directly (no shell), with the chain's
 * environment, standard input inherited (so the program may prompt), standard output read as the
 * {@code Version: 1} JSON, and a non-zero exit reported with the program's standard error. With an
 * {@code Expiration} the program runs again when the credentials near expiry. Immutable and
 * thread-safe.
 */
final class ProcessProvider implements Provider {

  private final ChainContext context;
  private final String profileName;

  ProcessProvider(ChainContext context, String profileName) {
    this.context = context;
    this.profileName = profileName;
  }

  @Override
  public CredentialSource source() {
    return CredentialSource.PROCESS;
  }

  @Override
  public Outcome load() {
    Optional<String> command =
        context.profile(profileName).flatMap(p -> p.property("credential_process"));
    if (command.isEmpty()) {
      return new Skipped("profile " + profileName + " has no credential_process");
    }
    List<String> arguments = split(command.get());
    Credentials initial = run(arguments);
    if (initial.expiration() == null) {
      return new Found(CredentialSupplier.fixed(initial), Optional.of(profileName));
    }
    return new Found(
        RefreshingCredentials.of(initial, () -> run(arguments), context.clock(), source()),
        Optional.of(profileName));
  }

  private List<String> split(String command) {
    List<String> arguments;
    try {
      arguments = Python.shlexSplit(command);
    } catch (Python.ShlexException e) {
      throw new CredentialException.InvalidConfig(
          "The credential_process of profile "
              + profileName
              + " cannot be split: "
              + e.getMessage());
    }
    if (arguments.isEmpty()) {
      throw new CredentialException.InvalidConfig(
          "The credential_process of profile " + profileName + " is empty.");
    }
    return arguments;
  }

  private Credentials run(List<String> arguments) {
    ProcessBuilder builder = new ProcessBuilder(arguments);
    builder.environment().clear();
    builder.environment().putAll(context.environment());
    builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw failed("cannot run " + arguments.get(0) + ": " + e.getMessage());
    }
    CompletableFuture<byte[]> stderr =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    byte[] stdout = readAll(process.getInputStream());
    int exit;
    byte[] errors;
    try {
      exit = process.waitFor();
      errors = stderr.get();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw failed("interrupted while waiting for " + arguments.get(0));
    } catch (ExecutionException e) {
      throw failed("cannot read the standard error of " + arguments.get(0));
    }
    if (exit != 0) {
      throw failed(new String(errors, StandardCharsets.UTF_8));
    }
    return parse(new String(stdout, StandardCharsets.UTF_8));
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code credential_process} output.
   *
   * <pre>
   * { "Version": 1, "AccessKeyId": str, "SecretAccessKey": str,
   *   ["SessionToken": str,] ["Expiration": ISO 8601 str] }
   * </pre>
   */
  private Credentials parse(String output) {
    Map<String, Object> parsed;
    try {
      parsed = Json.readObject(output);
    } catch (JsonParseException e) {
      throw failed("the output is not a JSON object: " + e.getMessage());
    }
    Object version =
        parsed.containsKey("Version") ? parsed.get("Version") : "<Version key not provided>";
    if (!isOne(version)) {
      throw failed(
          "Unsupported version '"
              + Python.str(version)
              + "' for credential process provider, supported versions: 1");
    }
    String accessKeyId = required(parsed, "AccessKeyId");
    String secret = required(parsed, "SecretAccessKey");
    String token = parsed.get("SessionToken") instanceof String s ? s : null;
    Instant expiry = null;
    if (parsed.get("Expiration") instanceof String text) {
      expiry =
          Timestamps.parse(text)
              .orElseThrow(() -> failed("Expiration is not an ISO 8601 timestamp: " + text));
    }
    if (accessKeyId.isBlank() || secret.isEmpty()) {
      throw failed("AccessKeyId and SecretAccessKey must not be empty");
    }
    return new Credentials(accessKeyId, secret, token, expiry);
  }

  /** Python's {@code version != 1} is false for 1, 1.0 and True. */
  private static boolean isOne(Object version) {
    return switch (version) {
      case Long l -> l == 1L;
      case BigDecimal d -> d.compareTo(BigDecimal.ONE) == 0;
      case Boolean b -> b;
      default -> false;
    };
  }

  private String required(Map<String, Object> parsed, String key) {
    if (!parsed.containsKey(key)) {
      throw failed("Missing required key in response: '" + key + "'");
    }
    if (!(parsed.get(key) instanceof String value)) {
      throw failed(key + " is not a string");
    }
    return value;
  }

  private CredentialException failed(String detail) {
    return new CredentialException.RetrievalFailed(source(), detail);
  }
}
