package dev.stint.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed, validated settings of one server, read once at the edge (the {@code stint server} command)
 * and passed down immutable.
 *
 * @param bind the address to listen on
 * @param port the TCP port; 0 picks a free one (tests)
 * @param dataDir the data directory: SQLite file, key file, first-start admin credentials
 * @param jdbcUrl a JDBC URL of the database, or empty for the embedded SQLite file
 * @param clockSkew how far a signed request's time may be from the server's clock (5 min to 15)
 */
public record ServerConfig(
    String bind, int port, Path dataDir, Optional<String> jdbcUrl, Duration clockSkew) {

  public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);
  public static final Duration MAX_SKEW = Duration.ofMinutes(15);

  public ServerConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(clockSkew, "clockSkew");
    if (bind.isBlank()) {
      throw new IllegalArgumentException("--bind: empty address");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port: " + port + " is not between 0 and 65535");
    }
    if (clockSkew.isNegative() || clockSkew.isZero() || clockSkew.compareTo(MAX_SKEW) > 0) {
      throw new IllegalArgumentException(
          "--clock-skew: " + clockSkew.toMinutes() + " min is not between 1 and 15 minutes");
    }
    jdbcUrl = jdbcUrl.filter(u -> !u.isBlank());
  }

  /** The defaults of {@code stint server}: 127.0.0.1:8080, {@code ./stint-data}, SQLite. */
  public static ServerConfig defaults() {
    return new ServerConfig(
        "127.0.0.1", 8080, Path.of("stint-data"), Optional.empty(), DEFAULT_SKEW);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(bind, newPort, dataDir, jdbcUrl, clockSkew);
  }

  public ServerConfig withDataDir(Path newDataDir) {
    return new ServerConfig(bind, port, newDataDir, jdbcUrl, clockSkew);
  }
}
