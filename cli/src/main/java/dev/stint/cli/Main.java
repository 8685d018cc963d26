package dev.stint.cli;

/** Entry point of the {@code stint} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.commandLine().execute(args));
  }
}
