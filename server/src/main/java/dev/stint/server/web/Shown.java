package dev.stint.server.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write times: UTC, to the second. Stateless. */
final class Shown {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Shown() {}

  /** {@code 2030-01-02 03:04:05}, or empty for {@code null}. */
  static String time(Instant t) {
    return t == null ? "" : TIME.format(t);
  }
}
