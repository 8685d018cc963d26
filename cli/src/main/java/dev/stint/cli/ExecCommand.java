package dev.stint.cli;

import dev.stint.core.chain.CredentialChain;
import dev.stint.core.chain.ResolvedCredentials;
import dev.stint.core.credentials.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stint exec}: runs a command with the profile's credentials (and region) in its
 * environment, and exits with its status.
 *
 * <p>Signals: the JVM cannot pass a signal on to a child, so when stint receives SIGINT, SIGTERM or
 * SIGHUP its shutdown hook sends the child SIGTERM, waits for it (ten seconds, then SIGKILL) and
 * exits with the child's status. Ctrl-C at a terminal reaches the child directly anyway, as the
 * whole foreground process group gets it. A child killed by signal n gives 128+n, as in a shell.
 *
 * <p>Not thread-safe (one per invocation).
 */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    description = {
      "Run a command with the profile's credentials in its environment.",
      "Sets AWS_ACCESS_KEY_ID,"
          + " AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION when the"
          + " credentials have them, AWS_REGION and AWS_DEFAULT_REGION when a region is"
          + " configured, and STINT_EXEC_PROFILE. AWS_PROFILE and the other variables that"
          + " would pick other credentials are removed.",
      "Exits with CMD's status (128+n when a signal n killed it). Refuses to run inside"
          + " another stint exec unless --allow-nesting is given.",
      "Example: stint exec --profile dev -- aws s3 ls"
    })
final class ExecCommand implements Callable<Integer> {

  /** Set in the child's environment to the profile; its presence shows nesting. */
  static final String MARKER = "STINT_EXEC_PROFILE";

  /** Variables that could make the child pick credentials other than the ones given. */
  static final List<String> REMOVED =
      List.of(
          "AWS_PROFILE",
          "AWS_DEFAULT_PROFILE",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_SECURITY_TOKEN",
          "AWS_CREDENTIAL_EXPIRATION",
          "AWS_WEB_IDENTITY_TOKEN_FILE",
          "AWS_ROLE_ARN",
          "AWS_ROLE_SESSION_NAME",
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
          "AWS_CONTAINER_CREDENTIALS_FULL_URI",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");

  private static final long GRACE_SECONDS = 10;

  private final Context context;

  @Spec CommandSpec spec;
  @Mixin ProfileOption profile;
  @Mixin ServiceOptions service;

  @Option(
      names = "--allow-nesting",
      description = "Run even inside another stint exec (STINT_EXEC_PROFILE is set).")
  boolean allowNesting;

  @Parameters(
      arity = "1..*",
      paramLabel = "CMD",
      description = "The command and its arguments; put -- before it when it has options.")
  List<String> command;

  ExecCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    String outer = context.environment().get(MARKER);
    if (outer != null && !allowNesting) {
      throw new CommandException.Refused(
          MARKER,
          "already inside stint exec for profile "
              + outer
              + " (STINT_EXEC_PROFILE is set); nesting would hide which credentials CMD gets."
              + " Leave the outer one first, or pass --allow-nesting");
    }
    CredentialChain chain = Chains.build(context, profile.value(), service, Map.of());
    ResolvedCredentials resolved = chain.resolve();
    Map<String, String> environment =
        childEnvironment(
            context.environment(),
            resolved.credentials(),
            chain.region().orElse(null),
            chain.profileName());
    return run(environment);
  }

  /** The child's environment: ours without {@link #REMOVED}, plus the credentials. */
  static Map<String, String> childEnvironment(
      Map<String, String> parent, Credentials credentials, String region, String profileName) {
    Map<String, String> environment = new TreeMap<>(parent);
    REMOVED.forEach(environment::remove);
    environment.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
    environment.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
    credentials.token().ifPresent(token -> environment.put("AWS_SESSION_TOKEN", token));
    credentials
        .expiry()
        .ifPresent(
            at -> {
              LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
              environment.put(
                  "AWS_CREDENTIAL_EXPIRATION",
                  String.format(
                      Locale.ROOT,
                      "%04d-%02d-%02dT%02d:%02d:%02dZ",
                      t.getYear(),
                      t.getMonthValue(),
                      t.getDayOfMonth(),
                      t.getHour(),
                      t.getMinute(),
                      t.getSecond()));
            });
    if (region != null) {
      environment.put("AWS_REGION", region);
      environment.put("AWS_DEFAULT_REGION", region);
    }
    environment.put(MARKER, profileName);
    return environment;
  }

  private int run(Map<String, String> environment) throws InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    boolean inherit = context.childIo() == Context.ChildIo.INHERIT;
    if (inherit) {
      builder.inheritIO();
    }
    // The hook goes in first: a signal that comes as soon as the child has started (and perhaps
    // said it is ready) must already find it.
    java.util.concurrent.atomic.AtomicReference<Process> started =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread forward =
        new Thread(
            () -> {
              synchronized (started) {
                stop(started.get());
              }
            },
            "stint-exec-signal");
    Runtime.getRuntime().addShutdownHook(forward);
    Process child;
    try {
      synchronized (started) {
        child = builder.start();
        started.set(child);
      }
    } catch (IOException e) {
      try {
        Runtime.getRuntime().removeShutdownHook(forward);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running and finds no child.
      }
      return cannotRun(e);
    }
    try {
      if (inherit) {
        return child.waitFor();
      }
      Thread out = pump(child.getInputStream(), spec.commandLine().getOut());
      Thread err = pump(child.getErrorStream(), spec.commandLine().getErr());
      Thread in = Thread.ofVirtual().start(() -> feed(context.stdin(), child.getOutputStream()));
      int status = child.waitFor();
      out.join();
      err.join();
      in.interrupt();
      return status;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(forward);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it ends the JVM with the child's status.
      }
    }
  }

  /** The shutdown hook: pass the signal on as SIGTERM, then leave with the child's status. */
  private static void stop(Process child) {
    if (child == null) {
      return; // the signal came before the child started: the JVM ends as it would anyway
    }
    child.destroy();
    try {
      if (!child.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        child.waitFor();
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(child.isAlive() ? 128 + 9 : child.exitValue());
  }

  /** JDK 21 says {@code error=2, No such file...}; JDK 25 {@code error: 2 (No such file...)}. */
  private static final java.util.regex.Pattern ERRNO =
      java.util.regex.Pattern.compile("error(?:=(\\d+), (.*)|: (\\d+) \\((.*)\\))");

  private int cannotRun(IOException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    java.util.regex.Matcher m = ERRNO.matcher(message);
    String errno = "";
    String reason = message;
    if (m.find()) {
      errno = m.group(1) != null ? m.group(1) : m.group(3);
      reason = (m.group(2) != null ? m.group(2) : m.group(4)).strip();
    }
    boolean missing = errno.equals("2");
    spec.commandLine()
        .getErr()
        .println(
            spec.qualifiedName()
                + ": cannot run "
                + command.get(0)
                + ": "
                + (missing ? "command not found" : reason));
    spec.commandLine().getErr().flush();
    return missing ? ExitCodes.NOT_FOUND : ExitCodes.CANNOT_EXECUTE;
  }

  private static Thread pump(InputStream from, PrintWriter to) {
    return Thread.ofVirtual()
        .start(
            () -> {
              try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                char[] buffer = new char[8192];
                for (int n; (n = reader.read(buffer)) != -1; ) {
                  to.write(buffer, 0, n);
                  to.flush();
                }
              } catch (IOException e) {
                // The child closed its end.
              }
            });
  }

  private static void feed(InputStream from, OutputStream to) {
    try (to) {
      from.transferTo(to);
    } catch (IOException e) {
      // The child stopped reading.
    }
  }
}
