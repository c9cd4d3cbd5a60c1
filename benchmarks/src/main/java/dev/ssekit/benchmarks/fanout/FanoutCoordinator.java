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
 * {@link FanoutServer} JVM and a fresh {@link LoadClient} JVM; measures the server idle and with N
 * idle connections, then publishes a paced phase and a flat-out phase, and writes every run and the
 * medians to a markdown file. Every child process is bounded in time and killed on exit.
 *
 * <p>Options ({@code --key=value}): see the defaults in {@link #main}.
 */
public final class FanoutCoordinator {
  private FanoutCoordinator() {}

  /** Runs the suite and writes the results file. */
  public static void main(String[] args) throws Exception {
    Options o =
        new Options(
            args,
            "impls", "ssekit,jersey",
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
            "histo", "false");
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
    int rate = o.integer("rate");
    int flat = Math.max(50, o.integer("flatDeliveries") / n);
    int events = warm + paced + flat;
    String tag = impl + "-" + n + "-" + rep;
    Map<String, String> r = new LinkedHashMap<>();
    r.put("impl", impl);
    r.put("n", String.valueOf(n));
    r.put("rep", String.valueOf(rep));
    r.put("load1", String.valueOf(Machine.load1()));
    r.put("warmEvents", String.valueOf(warm));
    r.put("pacedEvents", String.valueOf(paced));
    r.put("flatEvents", String.valueOf(flat));
    System.out.println("== " + tag + " (load " + Machine.load() + ")");
    try (Child server =
        new Child(
            "server",
            o.jvmArgs("serverJvm"),
            FanoutServer.class.getName(),
            List.of(impl, String.valueOf(events + 64)),
            logs.resolve(tag + "-server.log"))) {
      String port = Child.fields(server.await("READY", 60)).get("port");
      server.send("stats");
      Map<String, String> base = Child.fields(server.await("STATS", 60));
      r.put("serverPid", String.valueOf(server.pid()));
      long timeout = (warm + paced) / Math.max(1, rate) + 240;
      try (Child client =
          new Child(
              "client",
              o.jvmArgs("clientJvm"),
              LoadClient.class.getName(),
              List.of("127.0.0.1", port, String.valueOf(n), String.valueOf(events),
                  String.valueOf(warm), String.valueOf(paced), String.valueOf(timeout),
                  o.get("io")),
              logs.resolve(tag + "-client.log"))) {
        Map<String, String> conn = Child.fields(client.await("CONNECTED", 180));
        r.put("connected", conn.get("ok"));
        r.put("connectFailed", conn.get("failed"));
        int ok = Integer.parseInt(conn.get("ok"));
        server.send("waitsubs " + ok + " 30");
        server.await("SUBS", 60);
        server.send("stats");
        Map<String, String> idle = Child.fields(server.await("STATS", 60));
        put(r, "heap0", base.get("heap"));
        put(r, "rss0", base.get("rss"));
        put(r, "threads0", base.get("threads"));
        put(r, "subsN", idle.get("subs"));
        put(r, "heapN", idle.get("heap"));
        put(r, "rssN", idle.get("rss"));
        put(r, "threadsN", idle.get("threads"));
        if (ok > 0) {
          long subs = Long.parseLong(idle.get("subs"));
          r.put("heapPerConn", String.valueOf(
              (Long.parseLong(idle.get("heap")) - Long.parseLong(base.get("heap"))) / Math.max(1, subs)));
          r.put("rssPerConn", String.valueOf(
              (Long.parseLong(idle.get("rss")) - Long.parseLong(base.get("rss"))) / Math.max(1, subs)));
        }
        if (Boolean.parseBoolean(o.get("histo"))) {
          server.histogram(logs.resolve(tag + "-histo.txt"));
        }
        r.put("loadAtPublish", Machine.load());
        server.send("run " + warm + " " + paced + " " + rate + " " + flat);
        Map<String, String> pub = Child.fields(server.await("PUBLISHED", timeout + 60));
        r.put("pacedRateAchieved", pub.get("pacedRate"));
        r.put("flatPublishMicros", pub.get("flatMicros"));
        Map<String, String> result = Child.fields(client.await("RESULT", timeout + 120));
        r.putAll(result);
        server.send("stats");
        Map<String, String> after = Child.fields(server.await("STATS", 60));
        put(r, "threadsAfter", after.get("threads"));
        server.send("quit");
      }
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
