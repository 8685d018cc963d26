package dev.stint.cli;

import dev.stint.core.export.CredentialFormat;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Runs {@code stint credential-process} and {@code stint export} without picocli when their
 * arguments are plain, because every AWS CLI or SDK call may start {@code credential-process} and
 * picocli's start-up is most of the time such a run takes: its classes are Java 5 bytecode, which
 * the JVM checks with its slow verifier and which neither AppCDS nor the AOT cache can hold.
 *
 * <p>Plain arguments are only these, each at most once, with a non-empty value that does not start
 * with {@code -}: {@code --profile}, {@code --region}, {@code --endpoint-url}, and for {@code
 * export} {@code --format} (a known name) and {@code --with-region}; {@code --opt value} or {@code
 * --opt=value}. Anything else, help and every mistake included, goes to picocli, so the fast path
 * never decides an error itself. The same command classes do the work either way; {@code
 * FastPathTest} holds the two paths to the same output. Stateless.
 */
final class FastPath {

  private static final List<String> PROCESS_OPTIONS =
      List.of("--profile", "--region", "--endpoint-url");
  private static final List<String> EXPORT_OPTIONS =
      List.of("--profile", "--region", "--endpoint-url", "--format");

  private FastPath() {}

  /** The exit status when the arguments were plain and the command ran; empty otherwise. */
  static OptionalInt run(Context context, String[] args, PrintWriter out, PrintWriter err) {
    if (args.length == 0) {
      return OptionalInt.empty();
    }
    boolean export = args[0].equals("export");
    if (!export && !args[0].equals("credential-process")) {
      return OptionalInt.empty();
    }
    List<String> allowed = export ? EXPORT_OPTIONS : PROCESS_OPTIONS;
    Map<String, String> values = new HashMap<>();
    boolean withRegion = false;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (export && arg.equals("--with-region") && !withRegion) {
        withRegion = true;
        continue;
      }
      int eq = arg.indexOf('=');
      String option = eq > 0 ? arg.substring(0, eq) : arg;
      String value;
      if (eq > 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return OptionalInt.empty();
      }
      if (!allowed.contains(option)
          || value.isEmpty()
          || value.startsWith("-")
          || values.putIfAbsent(option, value) != null) {
        return OptionalInt.empty();
      }
    }
    ProfileOption profile = new ProfileOption();
    profile.profile = values.get("--profile");
    ServiceOptions service = new ServiceOptions();
    service.region = values.get("--region");
    service.endpointUrl = values.get("--endpoint-url");
    String name = "stint " + args[0];
    try {
      if (export) {
        ExportCommand command = new ExportCommand(context);
        command.profile = profile;
        command.service = service;
        command.withRegion = withRegion;
        String format = values.getOrDefault("--format", "process");
        try {
          command.format = CredentialFormat.parse(format);
        } catch (IllegalArgumentException unknown) {
          return OptionalInt.empty();
        }
        return OptionalInt.of(command.run(out));
      }
      CredentialProcessCommand command = new CredentialProcessCommand(context);
      command.profile = profile;
      command.service = service;
      return OptionalInt.of(command.run(out));
    } catch (RuntimeException failure) {
      return OptionalInt.of(Cli.report(failure, name, err));
    }
  }
}
