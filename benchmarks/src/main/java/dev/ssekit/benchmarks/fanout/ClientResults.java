package dev.ssekit.benchmarks.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the {@code RESULT} lines of one run's {@link LoadClient} JVMs into one, with the same keys
 * as a single client's: counts add up, phase spans run from the earliest publish to the latest
 * receive, and the latency quantiles come from the merged histograms (each client writes its own
 * to a file).
 */
final class ClientResults {
  private static final String[] SUMS = {
    "conns", "failed", "received", "expected", "missing", "gaps", "dups", "otherEvents", "closed",
    "comments", "reconnected", "gaveUp", "clientCpuMs"
  };
  private static final String[] PHASES = {"warm", "paced", "flat"};

  private ClientResults() {}

  /**
   * One result for all clients.
   *
   * @param results each client's {@code RESULT} fields
   * @param histograms each client's histogram file (same order)
   */
  static Map<String, String> merge(List<Map<String, String>> results, List<Path> histograms)
      throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map<String, String> r : results) {
      if (r.containsKey("error")) {
        m.put("error", r.get("error"));
      }
    }
    for (String k : SUMS) {
      long sum = 0;
      boolean any = false;
      for (Map<String, String> r : results) {
        String v = r.get(k);
        if (v != null && !v.isEmpty()) {
          sum += Long.parseLong(v);
          any = true;
        }
      }
      if (any) {
        m.put(k, String.valueOf(sum));
      }
    }
    m.put("timedOut", String.valueOf(results.stream().anyMatch(r -> "true".equals(r.get("timedOut")))));
    m.put("openPerTarget", sumLists(results, "openPerTarget"));
    putExtreme(m, results, "firstLost", true);
    putExtreme(m, results, "lastBack", false);

    Map<String, LatencyHistogram> merged = new HashMap<>();
    for (Path p : histograms) {
      if (!Files.exists(p)) {
        continue;
      }
      for (String line : Files.readAllLines(p)) {
        int sp = line.indexOf(' ');
        if (sp > 0) {
          merged.computeIfAbsent(line.substring(0, sp), k -> new LatencyHistogram())
              .add(LatencyHistogram.decode(line.substring(sp + 1)));
        }
      }
    }
    for (String phase : PHASES) {
      LatencyHistogram h = merged.getOrDefault(phase, new LatencyHistogram());
      putExtreme(m, results, phase + "First", true);
      putExtreme(m, results, phase + "Last", false);
      long span = m.containsKey(phase + "First") && m.containsKey(phase + "Last")
          ? Long.parseLong(m.get(phase + "Last")) - Long.parseLong(m.get(phase + "First"))
          : 0;
      m.put(phase + "Count", String.valueOf(h.count()));
      m.put(phase + "Rate",
          String.format("%.0f", h.count() == 0 || span <= 0 ? 0 : h.count() * 1e6 / span));
      m.put(phase + "P50", String.valueOf(h.quantile(0.50)));
      m.put(phase + "P99", String.valueOf(h.quantile(0.99)));
      m.put(phase + "Max", String.valueOf(h.max()));
      m.put(phase + "Negative", String.valueOf(h.negative()));
    }
    LatencyHistogram moves = merged.get("move");
    if (moves != null && moves.count() > 0) {
      m.put("moveP50", String.valueOf(moves.quantile(0.50)));
      m.put("moveP99", String.valueOf(moves.quantile(0.99)));
      m.put("moveMax", String.valueOf(moves.max()));
    }
    return m;
  }

  /** The element-wise sum of the clients' {@code a/b/c} lists. */
  private static String sumLists(List<Map<String, String>> results, String key) {
    long[] sum = null;
    for (Map<String, String> r : results) {
      String v = r.get(key);
      if (v == null || v.isEmpty()) {
        continue;
      }
      String[] p = v.split("/");
      if (sum == null) {
        sum = new long[p.length];
      }
      for (int i = 0; i < p.length && i < sum.length; i++) {
        sum[i] += Long.parseLong(p[i]);
      }
    }
    if (sum == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < sum.length; i++) {
      b.append(i == 0 ? "" : "/").append(sum[i]);
    }
    return b.toString();
  }

  private static void putExtreme(
      Map<String, String> m, List<Map<String, String>> results, String key, boolean min) {
    Long best = null;
    for (Map<String, String> r : results) {
      String v = r.get(key);
      if (v != null && !v.isEmpty()) {
        long l = Long.parseLong(v);
        best = best == null ? l : min ? Math.min(best, l) : Math.max(best, l);
      }
    }
    if (best != null) {
      m.put(key, String.valueOf(best));
    }
  }
}
