package dev.stint.core.internal.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}, which is what {@code json.dumps} prints for a float: the shortest
 * digits that read back to the same double, positional when the decimal exponent is in [-4, 16),
 * otherwise {@code d.ddde+XX} with at least two exponent digits. Stateless and thread-safe.
 */
final class PythonFloat {

  private PythonFloat() {}

  static String repr(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("JSON cannot hold " + d);
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    String sign = d < 0 ? "-" : "";
    BigDecimal shortest = shortest(Math.abs(d));
    String digits = shortest.unscaledValue().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    return sign + layout(digits, exponent);
  }

  /**
   * The shortest decimal that reads back as {@code d}, closest to it among the shortest. Java's
   * {@link Double#toString} (JDK 19 and later) gives that, except that it never gives fewer than
   * two digits ({@code 4.9E-324} where Python says {@code 5e-324}), so a two-digit answer is
   * checked for a one-digit one.
   */
  private static BigDecimal shortest(double d) {
    BigDecimal java = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (java.precision() != 2) {
      return java;
    }
    BigDecimal down = java.round(new MathContext(1, RoundingMode.FLOOR)).stripTrailingZeros();
    BigDecimal up = java.round(new MathContext(1, RoundingMode.CEILING)).stripTrailingZeros();
    boolean downWorks = down.doubleValue() == d;
    boolean upWorks = up.doubleValue() == d;
    if (downWorks && upWorks) {
      BigDecimal exact = new BigDecimal(d);
      int cmp = exact.subtract(down).abs().compareTo(up.subtract(exact).abs());
      if (cmp != 0) {
        return cmp < 0 ? down : up;
      }
      return down.unscaledValue().testBit(0) ? up : down;
    }
    if (downWorks) {
      return down;
    }
    if (upWorks) {
      return up;
    }
    return java;
  }

  private static String layout(String digits, int exponent) {
    if (exponent >= -4 && exponent < 16) {
      if (exponent < 0) {
        return "0." + "0".repeat(-exponent - 1) + digits;
      }
      if (digits.length() <= exponent + 1) {
        return digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
      }
      return digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String exp = Integer.toString(Math.abs(exponent));
    return mantissa + (exponent < 0 ? "e-" : "e+") + (exp.length() < 2 ? "0" + exp : exp);
  }
}
