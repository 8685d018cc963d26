package dev.stint.cli;

import ch.qos.logback.classic.LoggerContext;
import dev.stint.server.ServerConfig;
import dev.stint.server.StintServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stint server}: runs the token service, IAM subset and portal until SIGTERM. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Run the stint server (STS, IAM, portal) on one HTTP origin.")
final class ServerCommand implements Callable<Integer> {
  static final String DEFAULT_PORT = "8080";
  static final String DEFAULT_BIND = "127.0.0.1";
  static final String DEFAULT_DATA_DIR = "stint-data";
  static final String DEFAULT_SKEW_MINUTES = "5";

  @Option(
      names = "--port",
      defaultValue = DEFAULT_PORT,
      description = "TCP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = DEFAULT_BIND,
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--data-dir",
      defaultValue = DEFAULT_DATA_DIR,
      description =
          "Data directory: database, keys, admin credentials (default: ./${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--db",
      description =
          "JDBC URL of the database (default: the embedded SQLite file in the data directory).")
  String db;

  @Option(
      names = "--clock-skew-minutes",
      defaultValue = DEFAULT_SKEW_MINUTES,
      description =
          "Accepted clock skew of signed requests, 1 to 15 minutes (default: ${DEFAULT-VALUE}).")
  int skewMinutes;

  @Override
  public Integer call() throws InterruptedException {
    var config =
        new ServerConfig(
            bind, port, dataDir, Optional.ofNullable(db), Duration.ofMinutes(skewMinutes));
    var server = StintServer.start(config, Clock.systemUTC());
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  // The access log is asynchronous: flush what it holds before the JVM exits.
                  if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logs) {
                    logs.stop();
                  }
                  stopped.countDown();
                },
                "stint-shutdown"));
    stopped.await();
    return 0;
  }
}
