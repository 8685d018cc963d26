package dev.stint.cli;

import dev.stint.core.export.CredentialFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * FastPathTest} holds the two paths to the same output.
 *
 * <p>{@code stint server} takes the same road for the start-up it saves (half a second of a
 * server's time to ready): plain means {@code --port}, {@code --bind}, {@code --data-dir}, {@code
 * --db} and {@code --clock-skew-minutes}, each at most once, the numbers in decimal. Stateless.
 */
final class FastPath {

  private static final List<String> PROCESS_OPTIONS =
      List.of("--profile", "--region", "--endpoint-url");
  private static final List<String> EXPORT_OPTIONS =
      List.of("--profile", "--region", "--endpoint-url", "--format");
  private static final List<String> SERVER_OPTIONS =
      List.of("--port", "--bind", "--data-dir", "--db", "--clock-skew-minutes");

  private FastPath() {}

  /** The exit status when the arguments were plain and the command ran; empty otherwise. */
  static OptionalInt run(Context context, String[] args, PrintWriter out, PrintWriter err) {
    if (args.length == 0) {
      return OptionalInt.empty();
    }
    if (args[0].equals("server")) {
      return server(args).map(command -> runServer(command, err)).orElse(OptionalInt.empty());
    }
    boolean export = args[0].equals("export");
    if (!export && !args[0].equals("credential-process")) {
      return OptionalInt.empty();
    }
    boolean withRegion = export && List.of(args).contains("--with-region");
    Map<String, String> values =
        options(args, export ? EXPORT_OPTIONS : PROCESS_OPTIONS, withRegion ? "--with-region" : "");
    if (values == null) {
      return OptionalInt.empty();
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

  /** {@code stint server} configured from plain arguments; empty when they are not plain. */
  static Optional<ServerCommand> server(String[] args) {
    Map<String, String> values = options(args, SERVER_OPTIONS, "");
    if (values == null) {
      return Optional.empty();
    }
    var command = new ServerCommand();
    command.port = number(values.getOrDefault("--port", ServerCommand.DEFAULT_PORT));
    command.bind = values.getOrDefault("--bind", ServerCommand.DEFAULT_BIND);
    command.dataDir = Path.of(values.getOrDefault("--data-dir", ServerCommand.DEFAULT_DATA_DIR));
    command.db = values.get("--db");
    command.skewMinutes =
        number(values.getOrDefault("--clock-skew-minutes", ServerCommand.DEFAULT_SKEW_MINUTES));
    if (command.port < 0 || command.skewMinutes < 0) {
      return Optional.empty();
    }
    return Optional.of(command);
  }

  private static OptionalInt runServer(ServerCommand command, PrintWriter err) {
    try {
      return OptionalInt.of(command.call());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.of(ExitCodes.SOFTWARE);
    } catch (RuntimeException failure) {
      return OptionalInt.of(Cli.report(failure, "stint server", err));
    }
  }

  /**
   * The values of {@code --opt value} and {@code --opt=value} arguments after the command name, or
   * null unless every argument is one of {@code allowed} at most once with a non-empty value not
   * starting with {@code -}, or is {@code flag} (once).
   */
  private static Map<String, String> options(String[] args, List<String> allowed, String flag) {
    Map<String, String> values = new HashMap<>();
    boolean flagSeen = false;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (!flag.isEmpty() && arg.equals(flag) && !flagSeen) {
        flagSeen = true;
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
        return null;
      }
      if (!allowed.contains(option)
          || value.isEmpty()
          || value.startsWith("-")
          || values.putIfAbsent(option, value) != null) {
        return null;
      }
    }
    return values;
  }

  /** A plain decimal int, or -1 (not plain: picocli decides what is wrong with it). */
  private static int number(String text) {
    if (text.isEmpty() || text.length() > 9) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(text);
  }
}
