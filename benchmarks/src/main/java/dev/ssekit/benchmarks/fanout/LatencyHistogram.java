package dev.ssekit.benchmarks.fanout;

/**
 * Latencies in microseconds: exact below 2048 µs, then 1024 buckets per power of two (under 0.1%
 * error), so recording is an array increment and the percentiles of millions of deliveries cost a
 * few hundred kilobytes. Not thread-safe: one per IO thread, merged at the end.
 */
public final class LatencyHistogram {
  private static final int LINEAR = 2048;
  private static final int SUB = 1024;
  private final long[] counts = new long[LINEAR + 53 * SUB];
  private long total;
  private long max;
  private long negative;

  /** Records one latency; a negative one (clock step) counts as 0 and is tallied apart. */
  public void record(long micros) {
    if (micros < 0) {
      negative++;
      micros = 0;
    }
    counts[index(micros)]++;
    total++;
    if (micros > max) {
      max = micros;
    }
  }

  private static int index(long v) {
    if (v < LINEAR) {
      return (int) v;
    }
    int exp = 63 - Long.numberOfLeadingZeros(v);
    int sub = (int) (v >>> (exp - 10)) & (SUB - 1);
    return LINEAR + (exp - 11) * SUB + sub;
  }

  private static long value(int index) {
    if (index < LINEAR) {
      return index;
    }
    int exp = 11 + (index - LINEAR) / SUB;
    int sub = (index - LINEAR) % SUB;
    long low = (1L << exp) + ((long) sub << (exp - 10));
    return low + (1L << (exp - 10)) / 2;
  }

  /** Adds {@code other}'s counts to this one. */
  public void add(LatencyHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    max = Math.max(max, other.max);
    negative += other.negative;
  }

  /**
   * This histogram as one line of text ({@code max negative index:count …}, non-empty buckets
   * only), so that histograms from several client JVMs can be merged with {@link #decode} and
   * {@link #add}.
   */
  public String encode() {
    StringBuilder b = new StringBuilder().append(max).append(' ').append(negative);
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        b.append(' ').append(i).append(':').append(counts[i]);
      }
    }
    return b.toString();
  }

  /** The histogram that {@link #encode} wrote. */
  public static LatencyHistogram decode(String line) {
    LatencyHistogram h = new LatencyHistogram();
    String[] parts = line.trim().split(" ");
    h.max = Long.parseLong(parts[0]);
    h.negative = Long.parseLong(parts[1]);
    for (int i = 2; i < parts.length; i++) {
      int colon = parts[i].indexOf(':');
      long c = Long.parseLong(parts[i].substring(colon + 1));
      h.counts[Integer.parseInt(parts[i].substring(0, colon))] += c;
      h.total += c;
    }
    return h;
  }

  /** The latency at quantile {@code q} (0..1), in microseconds; -1 when empty. */
  public long quantile(double q) {
    if (total == 0) {
      return -1;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(value(i), max);
      }
    }
    return max;
  }

  /** The largest latency recorded; -1 when empty. */
  public long max() {
    return total == 0 ? -1 : max;
  }

  /** How many latencies were recorded. */
  public long count() {
    return total;
  }

  /** How many were negative (receive before send: a clock problem, reported, counted as 0). */
  public long negative() {
    return negative;
  }
}
