package dev.stint.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one {@link CommandLine} factory, shared by {@link Main} and the tests. */
@Command(
    name = "stint",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class,
    description = "Short-term credentials you run yourself.",
    subcommands = {ServerCommand.class, CommandLine.HelpCommand.class})
public final class Cli {

  /** Builds the command line; each call returns a fresh, independent instance. */
  public static CommandLine commandLine() {
    return new CommandLine(new Cli());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Cli.class.getPackage().getImplementationVersion();
      return new String[] {"stint " + (v == null ? "development build" : v)};
    }
  }
}
