package dev.ssekit.benchmarks.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The multi-node suite: several server JVMs ("nodes") sharing one Redis event log against one node,
 * each run a {@link FanoutRun}; writes every run, the medians and the goals to {@code
 * benchmarks/results/cluster.md} ({@link ClusterReport}).
 *
 * <ul>
 *   <li>{@code flat}: the same subscribers and publisher, flat out, on 1 node in memory, 1 node on
 *       Redis and K nodes on Redis; goal: K nodes deliver ≥ 0.8× of 1 node's deliveries/s.
 *   <li>{@code paced}: 10 events/s to 6,000 subscribers, the same three setups; goal: K-node p99 ≤
 *       1-node p99 + 20 ms.
 *   <li>{@code scale}: K nodes × 16,000 subscribers on Redis, several client JVMs, heartbeats on,
 *       one event per second for a minute; 0 lost.
 *   <li>{@code failover}: the paced load on K nodes on Redis; the last node is killed
 *       (SIGKILL) mid-run and its subscribers resume on the others with {@code Last-Event-ID}; the
 *       time until all are back, 0 lost, 0 duplicated.
 * </ul>
 *
 * <p>Options ({@code --key=value}): see the defaults in {@link #main}. {@code --redis=spawn} starts
 * a redis-server child process (no persistence) for each run and kills it afterwards; a URI uses
 * that Redis, each run under keys of its own.
 */
public final class ClusterCoordinator {
  private ClusterCoordinator() {}

  /** Runs the suite and writes the results file. */
  public static void main(String[] args) throws Exception {
    Options o =
        new Options(
            args,
            "parts", "flat,paced,scale,failover",
            "impl", "ssekit",
            "setups", "mem1,redis1,redisK",
            "nodes", "3",
            "redis", "spawn",
            "reps", "3",
            "flatN", "3000",
            "flatDeliveries", "3000000",
            "flatWarm", "200",
            "flatWarmRate", "100",
            "publishers", "16",
            "warmPublish", "5000",
            "pacedN", "6000",
            "warm", "30",
            "paced", "300",
            "rate", "10",
            "scalePerNode", "16000",
            "scaleClients", "3",
            "scaleWarm", "5",
            "scaleEvents", "65",
            "scaleHeartbeatMs", "700",
            "scaleConnectTimeout", "400",
            "sources", "",
            "failoverN", "6000",
            "failoverPaced", "300",
            "killAfter", "13",
            "io", "1",
            "serverJvm", "-Xms1g -Xmx1g -XX:+UseG1GC",
            "clientJvm", "-Xms512m -Xmx512m -XX:+UseG1GC",
            "out", "benchmarks/results/cluster.md",
            "logs", "benchmarks/target/cluster-logs");
    Path logs = Path.of(o.get("logs"));
    Files.createDirectories(logs);
    String startLoad = Machine.load();
    int k = o.integer("nodes");
    List<FanoutRun.Spec> plan = new ArrayList<>();
    List<String> parts = o.list("parts");
    for (int rep = 1; rep <= o.integer("reps"); rep++) {
      for (String part : List.of("flat", "paced")) {
        if (!parts.contains(part)) {
          continue;
        }
        for (String setup : o.list("setups")) {
          boolean redis = setup.startsWith("redis");
          int nodes = setup.endsWith("K") ? k : Integer.parseInt(setup.replaceAll("\\D", ""));
          String name = (redis ? "redis" : "mem") + nodes;
          boolean flat = part.equals("flat");
          int n = o.integer(flat ? "flatN" : "pacedN");
          plan.add(spec(o, part + "-" + name + "-" + rep, nodes, redis ? o.get("redis") : "", n, 1,
              o.integer(flat ? "flatWarm" : "warm"), flat ? 0 : o.integer("paced"),
              o.integer(flat ? "flatWarmRate" : "rate"),
              flat ? Math.max(50, o.integer("flatDeliveries") / n) : 0, "", -1, 120));
        }
      }
    }
    if (parts.contains("scale")) {
      int warm = o.integer("scaleWarm");
      plan.add(spec(o, "scale-" + logName(o, k) + "-1", k, o.get("redis"), k * o.integer("scalePerNode"),
          o.integer("scaleClients"), warm, o.integer("scaleEvents") - warm, 1, 0,
          o.get("scaleHeartbeatMs"), -1, o.integer("scaleConnectTimeout")));
    }
    if (parts.contains("failover")) {
      plan.add(spec(o, "failover-" + logName(o, k) + "-1", k, o.get("redis"), o.integer("failoverN"), 1,
          o.integer("warm"), o.integer("failoverPaced"), o.integer("rate"), 0, "",
          o.integer("killAfter"), 120));
    }

    List<Map<String, String>> runs = new ArrayList<>();
    long t0 = System.nanoTime();
    for (FanoutRun.Spec spec : plan) {
      String[] name = spec.tag().split("-");
      Map<String, String> r = new LinkedHashMap<>();
      r.put("part", name[0]);
      r.put("setup", name[1]);
      r.put("rep", name[2]);
      r.put("nodes", String.valueOf(spec.nodes()));
      r.put("n", String.valueOf(spec.n()));
      try {
        r.putAll(FanoutRun.run(spec, logs));
      } catch (RuntimeException | IOException e) {
        r.put("error", String.valueOf(e.getMessage()).replace('|', '/'));
        System.out.println("run " + spec.tag() + " FAILED: " + e);
      }
      runs.add(r);
      System.out.println("run " + spec.tag() + ": " + r);
      Files.writeString(Path.of(o.get("out")), ClusterReport.markdown(o, args, startLoad, runs,
          (System.nanoTime() - t0) / 1_000_000_000L));
    }
    System.out.println("wrote " + o.get("out"));
    System.exit(0);
  }

  /** {@code redisK}, or {@code memK} when the suite runs without Redis (a dry run). */
  private static String logName(Options o, int nodes) {
    return (o.get("redis").isEmpty() ? "mem" : "redis") + nodes;
  }

  private static FanoutRun.Spec spec(
      Options o, String tag, int nodes, String redis, int n, int clients, int warm, int paced,
      int rate, int flat, String heartbeatMs, int killAfter, int connectTimeout) {
    return new FanoutRun.Spec(tag, o.get("impl"), nodes, redis, n, clients, warm, paced, rate, flat,
        o.integer("publishers"), o.integer("warmPublish"), heartbeatMs, killAfter, o.list("sources"), o.integer("io"), connectTimeout,
        o.jvmArgs("serverJvm"), o.jvmArgs("clientJvm"), false);
  }
}
