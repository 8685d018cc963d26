package dev.stint.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The one {@link CommandLine} factory, shared by {@link Main} and the tests: the root command
 * {@code stint}, its subcommands, the exit-status table in every help page, and the handler that
 * turns a failure into a one-line message and its status ({@link ExitCodes}).
 *
 * <p>Subcommands are registered by name, and {@link #commandLine(Context, String[])} registers only
 * the one the arguments name, so {@code stint credential-process} loads no other command's classes
 * (and none of the server's).
 */
@Command(
    name = "stint",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class,
    description = "Short-term credentials you run yourself.",
    synopsisSubcommandLabel = "COMMAND")
public final class Cli implements Callable<Integer> {

  /** Every subcommand, in the order {@code stint --help} lists them. */
  static final List<String> COMMANDS =
      List.of(
          "configure",
          "login",
          "logout",
          "export",
          "credential-process",
          "exec",
          "whoami",
          "assume-role",
          "profiles",
          "server");

  @Spec CommandSpec spec;

  /** Builds the full command line for the real world; each call returns a fresh instance. */
  public static CommandLine commandLine() {
    return commandLine(Context.system());
  }

  /** The full command line, every subcommand registered. */
  static CommandLine commandLine(Context context) {
    return build(context, COMMANDS, true);
  }

  /**
   * The command line for these arguments: only the subcommand they name when they start with one,
   * else every subcommand.
   */
  static CommandLine commandLine(Context context, String[] args) {
    if (args.length > 0 && COMMANDS.contains(args[0])) {
      return build(context, List.of(args[0]), false);
    }
    return commandLine(context);
  }

  private static CommandLine build(Context context, List<String> names, boolean help) {
    Factory factory = new Factory(context);
    CommandLine root = new CommandLine(new Cli(), factory);
    for (String name : names) {
      root.addSubcommand(name, create(name, context));
    }
    if (help) {
      root.addSubcommand("help", new CommandLine.HelpCommand());
    }
    CommandLine exec = root.getSubcommands().get("exec");
    if (exec != null) {
      // Everything from CMD on is the command's own: stint exec aws s3 ls --recursive.
      exec.setStopAtPositional(true);
    }
    exitCodeList(root);
    root.setExecutionExceptionHandler(Cli::failed);
    return root;
  }

  private static Object create(String name, Context context) {
    return switch (name) {
      case "configure" -> new ConfigureCommand(context);
      case "login" -> new LoginCommand(context);
      case "logout" -> new LogoutCommand(context);
      case "export" -> new ExportCommand(context);
      case "credential-process" -> new CredentialProcessCommand(context);
      case "exec" -> new ExecCommand(context);
      case "whoami" -> new WhoamiCommand(context);
      case "assume-role" -> new AssumeRoleCommand(context);
      case "profiles" -> new ProfilesCommand(context);
      case "server" -> new ServerCommand();
      default -> throw new IllegalArgumentException("no command " + name);
    };
  }

  private static void exitCodeList(CommandLine command) {
    command
        .getCommandSpec()
        .usageMessage()
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(ExitCodes.DESCRIPTIONS);
    command.getSubcommands().values().stream().distinct().forEach(Cli::exitCodeList);
  }

  private static int failed(
      Exception failure, CommandLine command, CommandLine.ParseResult parseResult) {
    return report(failure, command.getCommandSpec().qualifiedName(), command.getErr());
  }

  /**
   * Prints a failure of command {@code name} as one line (with the stack trace only for a bug) and
   * returns its exit status.
   */
  static int report(Exception failure, String name, PrintWriter err) {
    int status = ExitCodes.of(failure);
    if (status == ExitCodes.SOFTWARE) {
      err.println(name + ": internal error: " + failure);
      failure.printStackTrace(err);
    } else {
      err.println(name + ": " + failure.getMessage());
    }
    err.flush();
    return status;
  }

  /** {@code stint} alone: the usage, on standard error, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** Creates commands and mixins, handing the {@link Context} to those that take one. */
  private static final class Factory implements CommandLine.IFactory {
    private final Context context;

    Factory(Context context) {
      this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      Constructor<K> constructor;
      try {
        constructor = type.getDeclaredConstructor(Context.class);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
      return constructor.newInstance(context);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Cli.class.getPackage().getImplementationVersion();
      return new String[] {"stint " + (v == null ? "development build" : v)};
    }
  }
}
