package dev.stint.server.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the store lives: a data directory holding the embedded SQLite file (the default), or a JDBC
 * URL for SQLite or PostgreSQL. Read once at the edge, validated here, passed to {@link
 * Database#open}. Immutable and thread-safe; {@code toString} never prints a password.
 */
public sealed interface DatabaseConfig {

  /** The SQLite file's name inside a data directory. */
  String SQLITE_FILE_NAME = "stint.db";

  /** The connections a PostgreSQL pool keeps unless told otherwise. */
  int DEFAULT_POSTGRES_POOL_SIZE = 10;

  /** The database kinds stint can run on. */
  enum Backend {
    SQLITE,
    POSTGRESQL
  }

  /** The backend this configuration opens. */
  Backend backend();

  /** The JDBC URL to show in messages and logs: any password replaced by {@code ***}. */
  String displayUrl();

  /** The embedded default: {@code directory/stint.db}, the directory created 0700 if missing. */
  static DatabaseConfig dataDirectory(Path directory) {
    return new DataDirectory(directory);
  }

  /** A JDBC URL ({@code jdbc:postgresql://...} or {@code jdbc:sqlite:...}), credentials inside. */
  static DatabaseConfig jdbcUrl(String url) {
    return new JdbcUrl(url, null, null, DEFAULT_POSTGRES_POOL_SIZE);
  }

  /**
   * The embedded SQLite database in a data directory.
   *
   * @param directory the data directory; created (mode 0700) if missing
   */
  record DataDirectory(Path directory) implements DatabaseConfig {
    public DataDirectory {
      Objects.requireNonNull(directory, "directory");
    }

    /** The SQLite file inside the directory. */
    public Path file() {
      return directory.resolve(SQLITE_FILE_NAME);
    }

    @Override
    public Backend backend() {
      return Backend.SQLITE;
    }

    @Override
    public String displayUrl() {
      return "jdbc:sqlite:" + file().toAbsolutePath();
    }
  }

  /**
   * A database named by JDBC URL.
   *
   * @param url {@code jdbc:postgresql://...} or {@code jdbc:sqlite:...}
   * @param user the user, or {@code null} to take it from the URL
   * @param password the password, or {@code null} to take it from the URL (or none)
   * @param maxPoolSize the most PostgreSQL connections to hold (SQLite always uses one)
   */
  record JdbcUrl(String url, String user, String password, int maxPoolSize)
      implements DatabaseConfig {

    private static final int MAX_URL_LENGTH = 4096;

    public JdbcUrl {
      Objects.requireNonNull(url, "url");
      if (url.length() > MAX_URL_LENGTH) {
        throw new IllegalArgumentException(
            "Database URL is longer than " + MAX_URL_LENGTH + " characters");
      }
      if (backendOf(url) == null) {
        throw new IllegalArgumentException(
            "Unsupported database URL '"
                + redact(url)
                + "': expected jdbc:postgresql://HOST[:PORT]/DATABASE or jdbc:sqlite:FILE");
      }
      if (maxPoolSize < 1 || maxPoolSize > 1000) {
        throw new IllegalArgumentException(
            "Database pool size must be between 1 and 1000, got " + maxPoolSize);
      }
    }

    @Override
    public Backend backend() {
      return backendOf(url);
    }

    @Override
    public String displayUrl() {
      return redact(url);
    }

    @Override
    public String toString() {
      return "JdbcUrl[url="
          + displayUrl()
          + ", user="
          + user
          + ", password="
          + (password == null ? "null" : "<redacted>")
          + ", maxPoolSize="
          + maxPoolSize
          + "]";
    }

    private static Backend backendOf(String url) {
      String lower = url.toLowerCase(Locale.ROOT);
      if (lower.startsWith("jdbc:postgresql://")
          && lower.length() > "jdbc:postgresql://".length()) {
        return Backend.POSTGRESQL;
      }
      if (lower.startsWith("jdbc:sqlite:") && lower.length() > "jdbc:sqlite:".length()) {
        return Backend.SQLITE;
      }
      return null;
    }
  }

  /**
   * Removes passwords from a JDBC URL: {@code password=...} parameters (separated by {@code &} or
   * {@code ;}) and the password part of {@code //user:password@host}.
   */
  static String redact(String url) {
    // Compiled per call: redaction runs on configuration and failure paths only.
    String withoutParameter =
        Pattern.compile("(?i)((?:^|[?&;])password=)[^&;]*").matcher(url).replaceAll("$1***");
    return Pattern.compile("(//[^/@:?]*:)[^/@]*@").matcher(withoutParameter).replaceAll("$1***@");
  }
}
