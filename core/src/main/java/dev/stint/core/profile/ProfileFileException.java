package dev.stint.core.profile;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Why a shared config or credentials file could not be read or written. Every message names the
 * file, and for a malformed file the line, so a person can go and fix it; no message repeats a
 * line's text, since that may hold a secret key.
 */
public abstract sealed class ProfileFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path path;

  private ProfileFileException(Path path, String message, Throwable cause) {
    super(message, cause);
    this.path = Objects.requireNonNull(path, "path");
  }

  /** The file, as it was given. */
  public Path path() {
    return path;
  }

  /** The file breaks the INI grammar the AWS CLI reads, or is not UTF-8 text. */
  public static final class Malformed extends ProfileFileException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final String reason;

    Malformed(Path path, int line, String reason) {
      super(path, path + " line " + line + ": " + reason, null);
      this.line = line;
      this.reason = reason;
    }

    /** One-based line number, counted as Python counts lines (LF, CRLF and CR all end one). */
    public int line() {
      return line;
    }

    /** What is wrong, without the file name or line. */
    public String reason() {
      return reason;
    }
  }

  /** The file is larger than this library will read. */
  public static final class TooLarge extends ProfileFileException {
    private static final long serialVersionUID = 1L;
    private final long size;
    private final long limit;

    TooLarge(Path path, long size, long limit) {
      super(
          path, path + ": " + size + " bytes is more than the limit of " + limit + " bytes", null);
      this.size = size;
      this.limit = limit;
    }

    public long size() {
      return size;
    }

    public long limit() {
      return limit;
    }
  }

  /** The file exists but could not be read, or could not be written or locked. */
  public static final class Inaccessible extends ProfileFileException {
    private static final long serialVersionUID = 1L;

    Inaccessible(Path path, String action, java.io.IOException cause) {
      super(path, path + ": cannot " + action + " (" + describe(cause) + ")", cause);
    }

    private static String describe(java.io.IOException cause) {
      String message = cause.getMessage();
      return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
  }

  static Malformed malformed(Path path, int line, String reason) {
    return new Malformed(path, line, reason);
  }
}
