package dev.ssekit.benchmarks.fanout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and formatting for the results tables. */
public final class Stats {
  private Stats() {}

  /** The median of {@code values} (mean of the middle two for an even count); NaN when empty. */
  public static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    v.removeIf(d -> d == null || d.isNaN());
    if (v.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  /** A number with thousands separators and no decimals, or "–". */
  public static String num(double d) {
    return Double.isNaN(d) ? "–" : String.format("%,.0f", d);
  }

  /** Microseconds as milliseconds with two decimals, or "–". */
  public static String ms(double micros) {
    return Double.isNaN(micros) || micros < 0 ? "–" : String.format("%.2f", micros / 1000);
  }

  /** Bytes as KiB with one decimal, or "–". */
  public static String kib(double bytes) {
    return Double.isNaN(bytes) ? "–" : String.format("%.1f", bytes / 1024);
  }

  /** A ratio with two decimals and an "x", or "–". */
  public static String ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "–" : String.format("%.2fx", a / b);
  }
}
