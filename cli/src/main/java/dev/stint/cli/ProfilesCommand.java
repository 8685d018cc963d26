package dev.stint.cli;

import dev.stint.core.chain.CredentialChain;
import dev.stint.core.profile.Profile;
import dev.stint.core.profile.ProfileFiles;
import dev.stint.core.profile.Profiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code stint profiles}: every profile of the two shared files, the file or files it is in, the
 * kind of credentials the chain would get for it, and for profiles whose credentials the AWS CLI
 * cache holds, when they expire. Reads files only: calls nothing, runs nothing. Not thread-safe
 * (one per invocation).
 */
@Command(
    name = "profiles",
    mixinStandardHelpOptions = true,
    description = {
      "List the profiles, their kind and when their cached credentials expire.",
      "For each profile of the config and credentials files: where it is defined, its kind"
          + " (static, assume-role, web-identity, sso, process, or none), and when the cached"
          + " credentials of assume-role, web-identity and sso profiles expire.",
      "Calls nothing and runs no credential_process."
    })
final class ProfilesCommand implements Callable<Integer> {

  private final Context context;

  @Spec CommandSpec spec;

  ProfilesCommand(Context context) {
    this.context = context;
  }

  /** One line of the table. */
  record Row(String profile, String file, String kind, String expires) {}

  @Override
  public Integer call() {
    List<Row> rows = rows();
    PrintWriter out = spec.commandLine().getOut();
    List<Row> table = new ArrayList<>();
    table.add(new Row("PROFILE", "FILE", "KIND", "EXPIRES"));
    table.addAll(rows);
    int[] widths = new int[3];
    for (Row row : table) {
      widths[0] = Math.max(widths[0], row.profile().length());
      widths[1] = Math.max(widths[1], row.file().length());
      widths[2] = Math.max(widths[2], row.kind().length());
    }
    for (Row row : table) {
      out.print(
          pad(row.profile(), widths[0])
              + "  "
              + pad(row.file(), widths[1])
              + "  "
              + pad(row.kind(), widths[2])
              + "  "
              + row.expires()
              + "\n");
    }
    out.flush();
    return ExitCodes.OK;
  }

  List<Row> rows() {
    Map<String, String> environment = context.environment();
    Path config = ProfileFiles.configFile(environment, context.home());
    Path credentials = ProfileFiles.credentialsFile(environment, context.home());
    // A directory stands in for "no such file": the loader reads it as empty.
    Path none = config.toAbsolutePath().getRoot();
    Profiles merged = ProfileFiles.load(config, credentials);
    Profiles configOnly = ProfileFiles.load(config, none);
    Profiles credentialsOnly = ProfileFiles.load(none, credentials);
    List<Row> rows = new ArrayList<>();
    for (String name : merged.profileNames()) {
      Profile profile = merged.profile(name).orElseThrow();
      boolean inConfig = configOnly.profile(name).isPresent();
      boolean inCredentials = credentialsOnly.profile(name).isPresent();
      String file =
          inConfig && inCredentials ? "config+credentials" : inConfig ? "config" : "credentials";
      String kind = kind(profile);
      String expires = "-";
      if (kind.equals("assume-role") || kind.equals("web-identity") || kind.equals("sso")) {
        Optional<Instant> expiry =
            CredentialChain.builder()
                .environment(environment)
                .home(context.home())
                .clock(context.clock())
                .profile(name)
                .build()
                .cachedExpiry();
        expires = expiry.map(this::describe).orElse("-");
      }
      rows.add(new Row(name, file, kind, expires));
    }
    return rows;
  }

  /**
   * The provider the chain would use for the profile, in the chain's order: keys in the credentials
   * file come before {@code credential_process}, keys in the config file after it.
   */
  static String kind(Profile profile) {
    Map<String, String> p = profile.properties();
    if (p.containsKey("role_arn") && !p.containsKey("web_identity_token_file")) {
      return "assume-role";
    }
    if (p.containsKey("web_identity_token_file")) {
      return "web-identity";
    }
    if (p.containsKey("sso_account_id") || p.containsKey("sso_role_name")) {
      return "sso";
    }
    boolean keys = p.containsKey("aws_access_key_id");
    if (keys && profile.sources().get("aws_access_key_id") == Profile.Source.CREDENTIALS) {
      return "static";
    }
    if (p.containsKey("credential_process")) {
      return "process";
    }
    return keys ? "static" : "none";
  }

  private String describe(Instant expiry) {
    Instant now = context.clock().instant();
    String at = expiry.truncatedTo(ChronoUnit.SECONDS).toString();
    if (!expiry.isAfter(now)) {
      return at + " (expired)";
    }
    Duration left = Duration.between(now, expiry);
    return at + " (in " + left.toHours() + "h" + String.format("%02d", left.toMinutesPart()) + "m)";
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
