package dev.ssekit.benchmarks;

import dev.ssekit.benchmarks.JmhResults.Result;
import dev.ssekit.benchmarks.parse.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Turns JMH JSON results into the Markdown tables of BENCHMARKS.md: medians of the measured
 * iterations, the range they spanned, and ssekit's ratio to each contender. A ratio whose ranges
 * overlap is marked as within the noise.
 *
 * <pre>java -cp benchmarks.jar dev.ssekit.benchmarks.Report parser.json codec.json</pre>
 */
public final class Report {
  private Report() {}

  public static void main(String[] args) throws Exception {
    List<Result> results = new ArrayList<>();
    for (String file : args) {
      results.addAll(JmhResults.read(Path.of(file)));
    }
    StringBuilder out = new StringBuilder();
    parser(results, out);
    codec(results, out);
    observerCost(results, out);
    System.out.print(out);
  }

  private static void parser(List<Result> all, StringBuilder out) {
    List<Result> results = select(all, r -> r.method().startsWith("ParserThroughputBenchmark."));
    if (results.isEmpty()) {
      return;
    }
    double mb = Corpus.standard().bytes.length / 1e6;
    out.append("| contender | chunking | MB/s (median) | range | ssekit ÷ contender |\n");
    out.append("| --- | --- | ---: | ---: | ---: |\n");
    Map<String, Result> ssekit = new TreeMap<>();
    for (Result r : results) {
      if (r.method().endsWith(".ssekit")) {
        ssekit.put(r.params().get("chunking"), r);
      }
    }
    for (String chunking : List.of("whole", "4096", "64")) {
      Result ours = ssekit.get(chunking);
      for (Result r : results) {
        if (!chunking.equals(r.params().get("chunking"))) {
          continue;
        }
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.0f | %.0f–%.0f | %s |\n",
                r.method().substring(r.method().indexOf('.') + 1),
                chunking,
                r.median() * mb,
                r.min() * mb,
                r.max() * mb,
                ours == null || r == ours ? "" : ratio(ours, r, true)));
      }
    }
    out.append('\n');
  }

  private static void codec(List<Result> all, StringBuilder out) {
    List<Result> results = select(all, r -> r.method().startsWith("CodecBenchmark."));
    if (results.isEmpty()) {
      return;
    }
    out.append("| benchmark | ops/µs (median) | range | B allocated/op | ssekit ÷ this |\n");
    out.append("| --- | ---: | ---: | ---: | ---: |\n");
    for (Result r : results) {
      String name = r.method().substring(r.method().indexOf('.') + 1);
      String group = name.replaceAll("(Ssekit|Jackson.*|Jersey.*)$", "");
      Result ours = null;
      for (Result o : results) {
        if (o.method().endsWith("." + group + "Ssekit")) {
          ours = o;
        }
      }
      Double alloc = r.secondary().get("·gc.alloc.rate.norm");
      if (alloc == null) {
        alloc = r.secondary().get("gc.alloc.rate.norm");
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f | %.3f–%.3f | %s | %s |\n",
              name,
              r.median(),
              r.min(),
              r.max(),
              alloc == null ? "n/a" : String.format(Locale.ROOT, "%.0f", alloc),
              ours == null || ours == r ? "" : ratio(ours, r, true)));
    }
    out.append('\n');
  }

  /**
   * ObserverCostBenchmark: deliveries per second and nanoseconds per delivery with no observer and
   * with SseMetrics, and what metrics add to each delivery.
   */
  private static void observerCost(List<Result> all, StringBuilder out) {
    List<Result> results = select(all, r -> r.method().startsWith("ObserverCostBenchmark."));
    Result none = null;
    Result metrics = null;
    for (Result r : results) {
      if ("none".equals(r.params().get("observer"))) {
        none = r;
      } else if ("metrics".equals(r.params().get("observer"))) {
        metrics = r;
      }
    }
    if (none == null || metrics == null) {
      return;
    }
    out.append("| observer | deliveries/s (median) | range | ns per delivery |\n");
    out.append("| --- | ---: | ---: | ---: |\n");
    for (Result r : List.of(none, metrics)) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %,.0f–%,.0f | %.0f |\n",
              r.params().get("observer"),
              r.median(),
              r.min(),
              r.max(),
              1e9 / r.median()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "\nMetrics add %.0f ns per delivery (medians).\n\n",
            1e9 / metrics.median() - 1e9 / none.median()));
  }

  /** ssekit's median over the other's, for throughput scores (higher is better). */
  private static String ratio(Result ours, Result other, boolean higherIsBetter) {
    double ratio =
        higherIsBetter ? ours.median() / other.median() : other.median() / ours.median();
    boolean overlap = ours.min() <= other.max() && other.min() <= ours.max();
    return String.format(Locale.ROOT, "%.2f×%s", ratio, overlap ? " (within noise)" : "");
  }

  private static List<Result> select(List<Result> all, Predicate<Result> filter) {
    List<Result> selected = new ArrayList<>();
    for (Result r : all) {
      if (filter.test(r)) {
        selected.add(r);
      }
    }
    return selected;
  }
}
