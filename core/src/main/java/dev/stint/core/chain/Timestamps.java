package dev.stint.core.chain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the timestamps of the files and answers the chain shares with the AWS CLI.
 * botocore reads them with {@code dateutil.parser.parse}, which takes far more than this does; this
 * takes every form AWS and botocore write. Stateless and thread-safe.
 */
final class Timestamps {

  // date [T or space] time [fraction] [zone]; zone = Z | UTC | GMT | +HH:MM | +HHMM | +HH
  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?"
              + "\\s*(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?",
          Pattern.CASE_INSENSITIVE);

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /**
   * Parses an ISO 8601 date-time as AWS and botocore write them.
   *
   * <pre>
   * timestamp = date ("T" | " ") hh ":" mm ":" ss [ ("." | ",") 1*9digit ] [ zone ]
   * zone      = "Z" | "UTC" | "GMT" | ("+" | "-") hh [ [":"] mm ]
   * </pre>
   *
   * A timestamp without a zone is taken as UTC.
   */
  static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = ISO.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate date =
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      String fraction = m.group(7) == null ? "0" : (m.group(7) + "000000000").substring(0, 9);
      LocalTime time =
          LocalTime.of(
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              Integer.parseInt(m.group(6)),
              Integer.parseInt(fraction));
      return Optional.of(date.atTime(time).toInstant(offset(m.group(8))));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  private static ZoneOffset offset(String zone) {
    if (zone == null) {
      return ZoneOffset.UTC;
    }
    String upper = zone.toUpperCase(Locale.ROOT);
    if (upper.equals("Z") || upper.equals("UTC") || upper.equals("GMT")) {
      return ZoneOffset.UTC;
    }
    String digits = zone.substring(1).replace(":", "");
    int hours = Integer.parseInt(digits.substring(0, 2));
    int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
    int sign = zone.charAt(0) == '-' ? -1 : 1;
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }

  /**
   * What botocore's {@code JSONFileCache} writes for a UTC {@code datetime}: {@code
   * strftime('%Y-%m-%dT%H:%M:%S%Z')}, so {@code 2030-01-02T03:04:05UTC}.
   */
  static String cacheFormat(Instant instant) {
    return SECONDS.format(instant) + "UTC";
  }

  /** {@code %Y-%m-%dT%H:%M:%SZ}, the form of the SSO caches and of AWS's own answers. */
  static String zulu(Instant instant) {
    return SECONDS.format(instant) + "Z";
  }
}
