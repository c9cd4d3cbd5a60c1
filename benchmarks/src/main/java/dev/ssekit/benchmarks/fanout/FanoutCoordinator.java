package dev.ssekit.benchmarks.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the fan-out comparison: for each repetition, subscriber count and broadcaster, a fresh
 * {@link FanoutServer} JVM and a fresh {@link LoadClient} JVM ({@link FanoutRun}); measures the server idle and with N
 * idle connections, then publishes a paced phase and a flat-out phase, and writes every run and the
 * medians to a markdown file. Every child process is bounded in time and killed on exit.
 *
 * <p>Options ({@code --key=value}): see the defaults in {@link #main}. {@code --nodes=K} runs K server
 * JVMs and spreads the subscribers over them, {@code --redis=spawn|URI} puts every node's hub on a
 * shared Redis event log, {@code --clients=C} spreads the subscribers over C load-client JVMs,
 * {@code --publishers=P} publishes the flat-out phase from P threads and {@code --warmPublish=E}
 * publishes E unseen events first to warm up the publishing path (see
 * {@link FanoutRun}; {@link ClusterCoordinator} runs the multi-node suite).
 */
public final class FanoutCoordinator {
  private FanoutCoordinator() {}

  /** Runs the suite and writes the results file. */
  public static void main(String[] args) throws Exception {
    Options o =
        new Options(
            args,
            "impls", "ssekit,servlet,jersey",
            "n", "1000,5000",
            "reps", "3",
            "bigN", "19000",
            "bigReps", "1",
            "warm", "30",
            "paced", "150",
            "bigWarm", "10",
            "bigPaced", "40",
            "rate", "10",
            "flatDeliveries", "500000",
            "io", "1",
            "serverJvm", "-Xms1g -Xmx1g -XX:+UseG1GC",
            "clientJvm", "-Xms512m -Xmx512m -XX:+UseG1GC",
            "out", "benchmarks/results/fanout.md",
            "logs", "benchmarks/target/fanout-logs",
            "histo", "false",
            "nodes", "1",
            "redis", "",
            "clients", "1",
            "heartbeatMs", "",
            "sources", "",
            "publishers", "1",
            "warmPublish", "0");
    Path logs = Path.of(o.get("logs"));
    Files.createDirectories(logs);
    String startLoad = Machine.load();
    List<Map<String, String>> runs = new ArrayList<>();
    List<String> plan = new ArrayList<>();
    for (int rep = 1; rep <= o.integer("reps"); rep++) {
      for (String n : o.list("n")) {
        for (String impl : o.list("impls")) {
          plan.add(impl + " " + n + " " + rep + " " + o.get("warm") + " " + o.get("paced"));
        }
      }
    }
    for (int rep = 1; rep <= o.integer("bigReps"); rep++) {
      for (String n : o.list("bigN")) {
        for (String impl : o.list("impls")) {
          plan.add(impl + " " + n + " " + rep + " " + o.get("bigWarm") + " " + o.get("bigPaced"));
        }
      }
    }
    long t0 = System.nanoTime();
    for (String p : plan) {
      String[] parts = p.split(" ");
      Map<String, String> r;
      try {
        r = runOne(o, parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
            Integer.parseInt(parts[3]), Integer.parseInt(parts[4]), logs);
      } catch (RuntimeException | IOException e) {
        r = new LinkedHashMap<>();
        r.put("impl", parts[0]);
        r.put("n", parts[1]);
        r.put("rep", parts[2]);
        r.put("error", String.valueOf(e.getMessage()).replace('|', '/'));
        System.out.println("run " + p + " FAILED: " + e);
      }
      runs.add(r);
      System.out.println("run " + p + ": " + r);
      Files.writeString(Path.of(o.get("out")), FanoutReport.markdown(o, args, startLoad, runs,
          (System.nanoTime() - t0) / 1_000_000_000L));
    }
    System.out.println("wrote " + o.get("out"));
    System.exit(0);
  }

  private static Map<String, String> runOne(
      Options o, String impl, int n, int rep, int warm, int paced, Path logs)
      throws IOException, InterruptedException {
    int flat = Math.max(50, o.integer("flatDeliveries") / n);
    Map<String, String> r = new LinkedHashMap<>();
    r.put("impl", impl);
    r.put("n", String.valueOf(n));
    r.put("rep", String.valueOf(rep));
    r.putAll(FanoutRun.run(
        new FanoutRun.Spec(impl + "-" + n + "-" + rep, impl, o.integer("nodes"), o.get("redis"), n,
            o.integer("clients"), warm, paced, o.integer("rate"), flat, o.integer("publishers"),
            o.integer("warmPublish"), o.get("heartbeatMs"), -1,
            o.list("sources"), o.integer("io"), 120, o.jvmArgs("serverJvm"),
            o.jvmArgs("clientJvm"), Boolean.parseBoolean(o.get("histo"))),
        logs));
    double cpuMs = FanoutReport.parse(r.get("serverCpuMs"));
    double received = FanoutReport.parse(r.get("received"));
    if (cpuMs > 0 && received > 0) {
      r.put("cpuMicrosPerDelivery", String.format(java.util.Locale.ROOT, "%.2f",
          cpuMs * 1000 / received));
    }
    return r;
  }

  private static void put(Map<String, String> r, String key, String value) {
    r.put(key, value == null ? "" : value);
  }

  static String now() {
    return ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
