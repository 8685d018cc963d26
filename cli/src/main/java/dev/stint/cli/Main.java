package dev.stint.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import picocli.CommandLine;

/**
 * Entry point of the {@code stint} command: the one place that reads the real environment, clock
 * and streams. Runs the arguments through {@link FastPath} when they are plain, else through the
 * picocli command line, and exits with the status.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Context context = Context.system();
    // UTF-8 whatever the locale: the AWS CLI and SDKs read credential_process output as UTF-8.
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
            true);
    OptionalInt fast = FastPath.run(context, args, out, err);
    int status;
    if (fast.isPresent()) {
      status = fast.getAsInt();
    } else {
      CommandLine commandLine = Cli.commandLine(context, args);
      commandLine.setOut(out);
      commandLine.setErr(err);
      status = commandLine.execute(args);
    }
    out.flush();
    err.flush();
    if (args.length > 0 && args[0].equals("server")) {
      System.exit(status);
    }
    // Not System.exit: since JDK 21 it asks for a System.Logger to log the exit, and the first
    // lookup searches every jar of the class path, a tenth of a second for a command that may run
    // on every AWS call. Output is flushed, and no client command leaves a shutdown hook behind
    // (exec removes its own).
    Runtime.getRuntime().halt(status);
  }
}
