package dev.ssekit.core.json.internal;

import dev.ssekit.core.internal.Utf8Buffer;

/**
 * Number conversions for {@code JsonReader} and {@code JsonWriter} that work on bytes without
 * allocating. Bytes to parse are already validated against the JSON number grammar.
 */
public final class JsonNumbers {
  /** Powers of ten that a double represents exactly. */
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /** Signals that a fast path does not apply and the caller must take the exact slow path. */
  public static final long NOT_FAST = Long.MIN_VALUE;

  private JsonNumbers() {}

  /**
   * Parses a JSON integer (optional '-', digits, no fraction or exponent) in {@code b[from, to)}.
   * Returns {@link #NOT_FAST} when the value does not fit in a long, or is {@code Long.MIN_VALUE}
   * itself, which the caller then finds on the slow path.
   */
  public static long parseLong(byte[] b, int from, int to) {
    boolean negative = b[from] == '-';
    int i = negative ? from + 1 : from;
    if (to - i > 19) {
      return NOT_FAST;
    }
    // Accumulate negatively: the negative range is the larger one.
    long value = 0;
    for (; i < to; i++) {
      int digit = b[i] - '0';
      if (value < Long.MIN_VALUE / 10) {
        return NOT_FAST;
      }
      value = value * 10 - digit;
      if (value > 0) {
        return NOT_FAST;
      }
    }
    if (negative) {
      return value;
    }
    return value == Long.MIN_VALUE ? NOT_FAST : -value;
  }

  /**
   * The double nearest to the JSON number in {@code b[from, to)}, when it can be computed exactly
   * from at most 15 significant digits and a power of ten up to 10^22 (both exact doubles, so one
   * correctly rounded multiplication or division gives the correctly rounded result); otherwise
   * {@code NaN}, and the caller uses {@link Double#parseDouble(String)}.
   */
  public static double fastDouble(byte[] b, int from, int to) {
    int i = from;
    boolean negative = b[i] == '-';
    if (negative) {
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int scale = 0;
    for (; i < to && isDigit(b[i]); i++) {
      mantissa = mantissa * 10 + (b[i] - '0');
      if (mantissa != 0 && ++digits > 15) {
        return Double.NaN;
      }
    }
    if (i < to && b[i] == '.') {
      for (i++; i < to && isDigit(b[i]); i++) {
        mantissa = mantissa * 10 + (b[i] - '0');
        scale--;
        if (mantissa != 0 && ++digits > 15) {
          return Double.NaN;
        }
      }
    }
    if (i < to) { // exponent
      i++;
      boolean negativeExponent = b[i] == '-';
      if (b[i] == '-' || b[i] == '+') {
        i++;
      }
      if (to - i > 3) {
        return Double.NaN;
      }
      int exponent = 0;
      for (; i < to; i++) {
        exponent = exponent * 10 + (b[i] - '0');
      }
      scale += negativeExponent ? -exponent : exponent;
    }
    double value;
    if (mantissa == 0) {
      value = 0;
    } else if (scale >= 0 && scale < POW10.length) {
      value = mantissa * POW10[scale];
    } else if (scale < 0 && -scale < POW10.length) {
      value = mantissa / POW10[-scale];
    } else {
      return Double.NaN;
    }
    return negative ? -value : value;
  }

  /**
   * Writes {@code value} as plain decimal digits without allocating when it is zero, or at least
   * 0.001 and below 10^7 in magnitude with at most nine decimals that read back exactly: {@code
   * 3.0}, {@code 1234.5}, {@code 0.001}. Returns false, having written nothing, otherwise.
   *
   * <p>For {@code k} decimals, take the integer {@code m} nearest to {@code |value| * 10^k}; if
   * {@code m < 2^53} and {@code m / 10^k == |value|} in double arithmetic, the digits of {@code m}
   * with the point {@code k} places from the right read back exactly: both operands are exact
   * doubles, so that division is the correctly rounded value of the decimal {@code m / 10^k},
   * which is what any correct parser returns for those digits. The smallest such {@code k} gives
   * the shortest plain digits.
   */
  public static boolean writeShortDecimal(Utf8Buffer out, double value) {
    double magnitude = Math.abs(value);
    if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
      if (value != 0) {
        return false;
      }
      out.writeAscii(Double.doubleToRawLongBits(value) == 0 ? "0.0" : "-0.0");
      return true;
    }
    for (int k = 0; k <= 9; k++) {
      long m = Math.round(magnitude * POW10[k]);
      if (m < (1L << 53) && m / POW10[k] == magnitude) {
        long unit = (long) POW10[k];
        if (value < 0) {
          out.writeByte('-');
        }
        out.writeLong(m / unit);
        out.writeByte('.');
        if (k == 0) {
          out.writeByte('0');
          return true;
        }
        long fraction = m % unit;
        int at = out.reserve(k);
        byte[] b = out.array();
        for (int p = at + k - 1; p >= at; p--) {
          b[p] = (byte) ('0' + (int) (fraction % 10));
          fraction /= 10;
        }
        out.commit(k);
        return true;
      }
    }
    return false;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }
}
