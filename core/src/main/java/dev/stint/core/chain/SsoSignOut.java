package dev.stint.core.chain;

import dev.stint.core.internal.json.Json;
import dev.stint.core.internal.json.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code aws sso logout}'s two sweeps: every file of {@code ~/.aws/sso/cache} that holds an {@code
 * accessToken} is ended at the portal (when it names its region) and removed, whatever the portal
 * answered; every file of {@code ~/.aws/cli/cache} with {@code "ProviderType": "sso"} is removed.
 * Files that are not JSON objects (lock files, registrations, role credentials) stay. Not
 * thread-safe; one per sign-out.
 */
final class SsoSignOut {

  /** Files larger than this are no cache entry of ours or the AWS CLI's. */
  private static final long MAX_ENTRY_BYTES = 1024 * 1024;

  private final ChainContext context;

  SsoSignOut(ChainContext context) {
    this.context = context;
  }

  /**
   * Runs both sweeps.
   *
   * @throws CredentialException.InvalidConfig before anything is removed, when a configured portal
   *     endpoint is not a URL
   */
  SsoLogin.LoggedOut run() {
    context.endpoints().resolve(Endpoints.Service.SSO, Optional.of("us-east-1"));
    List<AwsCallException> failures = new ArrayList<>();
    int tokens =
        sweep(
            context.ssoTokenCache().directory(),
            entry -> entry.get("accessToken") instanceof String,
            entry -> end(entry).ifPresent(failures::add));
    int credentials =
        sweep(
            context.roleCache().directory(),
            entry -> "sso".equals(entry.get("ProviderType")),
            entry -> {});
    return new SsoLogin.LoggedOut(tokens, credentials, failures);
  }

  /** Logout for the token; the failure, unless the portal no longer knows the token. */
  private Optional<AwsCallException> end(Map<String, Object> entry) {
    if (!(entry.get("region") instanceof String region) || region.isEmpty()) {
      return Optional.empty();
    }
    try {
      new SsoPortal(context, region).logout((String) entry.get("accessToken"));
      return Optional.empty();
    } catch (AwsCallException.ServiceError e) {
      return e.code().equals("UnauthorizedException") ? Optional.empty() : Optional.of(e);
    } catch (AwsCallException e) {
      return Optional.of(e);
    }
  }

  private interface EntryAction {
    void before(Map<String, Object> entry);
  }

  private static int sweep(
      Path directory, Predicate<Map<String, Object>> doomed, EntryAction beforeRemoval) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory)) {
      listing.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e, e);
    }
    files.sort(null);
    int removed = 0;
    for (Path file : files) {
      Optional<Map<String, Object>> entry = read(file);
      if (entry.isEmpty() || !doomed.test(entry.get())) {
        continue;
      }
      beforeRemoval.before(entry.get());
      try {
        Files.delete(file);
        removed++;
      } catch (NoSuchFileException e) {
        // another sign-out got there first
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + file + ": " + e, e);
      }
    }
    return removed;
  }

  private static Optional<Map<String, Object>> read(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_ENTRY_BYTES) {
        return Optional.empty();
      }
      return Optional.of(Json.readObject(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException | JsonParseException e) {
      return Optional.empty();
    }
  }
}
