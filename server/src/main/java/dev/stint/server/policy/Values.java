package dev.stint.server.policy;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;

/**
 * Parsers for typed condition values: dates (ISO 8601 or epoch seconds), numbers and IP addresses
 * or CIDR blocks. Each returns null for text it does not accept, so callers decide whether that
 * rejects a policy or fails a match. Stateless and thread-safe.
 */
final class Values {
  private static final int MAX_TEXT = 64;

  private Values() {}

  // grammar: date := digits (epoch seconds) | yyyy-MM-dd | yyyy-MM-ddTHH:mm[:ss[.f+]][Z|+hh:mm]
  static Instant date(String text) {
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      return null;
    }
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(text));
      } catch (NumberFormatException | java.time.DateTimeException e) {
        return null;
      }
    }
    try {
      if (text.indexOf('T') < 0 && text.indexOf('t') < 0) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      TemporalAccessor parsed =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(
              text.toUpperCase(java.util.Locale.ROOT), OffsetDateTime::from, LocalDateTime::from);
      return parsed instanceof OffsetDateTime odt
          ? odt.toInstant()
          : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static BigDecimal number(String text) {
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The address bytes of an IPv4 or IPv6 literal, never resolving a host name. */
  static byte[] address(String text) {
    if (text.isEmpty() || text.length() > 45) {
      return null;
    }
    if (text.indexOf(':') < 0) {
      return ipv4(text);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = c == ':' || c == '.' || Character.digit(c, 16) >= 0;
      if (!ok) {
        return null;
      }
    }
    try {
      // Safe: with a colon and only hex digits, dots and colons this is a literal, never a lookup.
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  /** An IP block from a policy: {@code 203.0.113.0/24}, {@code 2001:db8::/32} or one address. */
  record Cidr(byte[] network, int prefix) {
    Cidr {
      network = network.clone();
    }

    @Override
    public byte[] network() {
      return network.clone();
    }

    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      byte[] addr = address(slash < 0 ? text : text.substring(0, slash));
      if (addr == null) {
        return null;
      }
      int bits = addr.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        String p = text.substring(slash + 1);
        if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
          return null;
        }
        prefix = Integer.parseInt(p);
        if (prefix > bits) {
          return null;
        }
      }
      return new Cidr(addr, prefix);
    }

    boolean contains(byte[] addr) {
      if (addr.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (addr[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (addr[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
      return Arrays.toString(network) + "/" + prefix;
    }
  }
}
