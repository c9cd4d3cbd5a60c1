package dev.ssekit.benchmarks.fanout;

import static dev.ssekit.benchmarks.fanout.FanoutReport.max;
import static dev.ssekit.benchmarks.fanout.FanoutReport.med;
import static dev.ssekit.benchmarks.fanout.FanoutReport.parse;

import dev.ssekit.benchmarks.ResultsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes cluster.md: machine, setup, one table per part with its goal, every run. */
final class ClusterReport {
  private ClusterReport() {}

  static String markdown(
      Options o, String[] args, String startLoad, List<Map<String, String>> runs, long seconds) {
    StringBuilder b = new StringBuilder();
    b.append("# Several nodes on Redis: fan-out across server JVMs\n\n");
    b.append("Generated ").append(FanoutCoordinator.now()).append(" in ").append(seconds)
        .append(" s by\n\n```\nbenchmarks/scripts/cluster.sh ").append(String.join(" ", args))
        .append("\n```\n\nEffective options: `").append(o).append("`\n\n");
    b.append("## Machine\n\n").append(Machine.describe());
    b.append("- open files limit (per process): ")
        .append(System.getenv().getOrDefault("SSEKIT_NOFILE", "?"))
        .append("\n- load average when the suite started: ").append(startLoad).append("\n\n");
    String k = o.get("nodes");
    b.append("## Setup\n\n");
    b.append(
        """
        - Nodes: server JVMs (`FanoutServer`, flags `%s`), each serving `GET /events` from an \
        ssekit `EventHub`, %s, as in [fanout.md](fanout.md). **memK**: K nodes, each hub in its own memory. **redisK**: K \
        nodes whose hubs share one `RedisEventLog` (sse-redis, Redis Streams) on one \
        `redis-server` (%s; started by the driver with `--save "" --appendonly no` on a free \
        loopback port when `spawn`, and killed after the run), a fresh one per run.
        - Publisher: node 0's hub (`hub.publish`): warm-up and paced events from one thread, \
        flat-out events from %s threads (each its own lane of sequence numbers, in order within \
        the lane), so that appends with one Redis round trip each overlap. On Redis it is the only publisher: \
        every node, node 0 included, gets the events only from Redis (the hub delivers what its \
        log hands back), so K − 1 nodes' subscribers are reached only through Redis. In memory \
        with K > 1, every node publishes the same sequence to its own subscribers.
        - Event: `@SseEvent(name = "tick") record FanoutPing(long seq, long sentMicros)`: its \
        publish time in epoch µs (paced events: the time they were *due*, so a publisher that \
        falls behind shows as latency). Latency = receive time in the client JVM − `sentMicros`, \
        across JVMs on one machine clock.
        - Load clients (`LoadClient`, flags `%s`): raw NIO HTTP/1.1 connections, %s selector \
        thread(s) per JVM; subscriber g of a run connects to node g mod K, so every node serves \
        the same share. Every client checks every subscriber saw ids 1..E in order: **lost** = \
        events never received, **gaps** = sequence jumps, **dups** = events seen twice \
        (out-of-order or repeated). Several client JVMs merge their latency histograms.
        - Server CPU = CPU time of each node JVM (`OperatingSystemMXBean`) from just before \
        publishing until every client has all events (for a killed node: until just before the \
        kill); Redis CPU from `/proc/PID/stat`. Heap per connection = (heap after 3× \
        `System.gc()` with the node's idle connections − the same with none) ÷ its connections, \
        per node.
        - Before each run node 0 publishes %s events from the same threads to a topic nobody \
        follows, so that the publishing path (the Redis client) is compiled before it is measured.
        - Parts: **flat**: %s subscribers, %s warm-up events at %s/s, then `%s / N` events flat \
        out; deliveries/s = flat deliveries ÷ (last flat receive − first flat publish). \
        **paced**: %s subscribers, %s warm-up and %s paced events at %s/s. **scale**: K × %s \
        subscribers over %s client JVMs, heartbeats every %s ms, %s events at 1/s. **failover**: \
        %s subscribers, the paced load; %s s after publishing starts the last node is killed \
        (`destroyForcibly`, SIGKILL); its subscribers' clients reconnect at once, spread over the \
        other nodes, with their `Last-Event-ID`; "all back" = kill → the last of them has its new stream's \
        200 response. Here K = %s. Repetitions: %s of flat and paced, setups interleaved in each.

        """.formatted(
            o.get("serverJvm"),
            o.get("impl").equals("servlet")
                ? "through sse-servlet on embedded Jetty 12 (`ServletStreams.open(hub, request,"
                    + " response)`, `--impl=servlet`)"
                : "through sse-jaxrs on Jersey and Grizzly (`HubStreams.open(hub, lastEventId)`,"
                    + " `--impl=ssekit`)",
            o.get("redis"),
            o.get("publishers"),
            o.get("clientJvm"), o.get("io"),
            o.get("warmPublish"),
            o.get("flatN"), o.get("flatWarm"), o.get("flatWarmRate"), o.get("flatDeliveries"),
            o.get("pacedN"), o.get("warm"), o.get("paced"), o.get("rate"),
            o.get("scalePerNode"), o.get("scaleClients"), o.get("scaleHeartbeatMs"),
            o.get("scaleEvents"),
            o.get("failoverN"), o.get("killAfter"),
            k, o.get("reps")));

    Set<String> setups = new LinkedHashSet<>();
    for (Map<String, String> r : runs) {
      setups.add(r.get("setup"));
    }
    String multi = "redis" + k;

    // a. flat out
    if (has(runs, "flat")) {
      b.append("## a. Flat out (medians)\n\n");
      b.append("| setup | runs | deliveries/s | range | events published /s | flat p50 ms "
          + "| flat p99 ms | flat max ms | lost | gaps | dups | server CPU ms (per node) | server µs CPU / delivery "
          + "| Redis CPU ms | heap/conn KiB (per node) | load (1 min) |\n");
      b.append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---|\n");
      for (String setup : setups) {
        List<Map<String, String>> rs = select(runs, "flat", setup);
        if (rs.isEmpty()) {
          continue;
        }
        double cpuPerDelivery = med(rs, "serverCpuMs") * 1000 / med(rs, "flatCount");
        b.append("| ").append(setup).append(" | ").append(rs.size())
            .append(" | ").append(Stats.num(med(rs, "flatRate")))
            .append(" | ").append(range(rs, "flatRate"))
            .append(" | ").append(Stats.num(med(rs, "flatPublishRate")))
            .append(" | ").append(Stats.ms(med(rs, "flatP50")))
            .append(" | ").append(Stats.ms(med(rs, "flatP99")))
            .append(" | ").append(Stats.ms(med(rs, "flatMax")))
            .append(" | ").append(Stats.num(max(rs, "missing")))
            .append(" | ").append(Stats.num(max(rs, "gaps")))
            .append(" | ").append(Stats.num(max(rs, "dups")))
            .append(" | ").append(Stats.num(med(rs, "serverCpuMs")))
            .append(" (").append(medianOfLists(rs, "nodeCpuMs")).append(")")
            .append(" | ").append(String.format("%.2f", cpuPerDelivery))
            .append(" | ").append(Stats.num(med(rs, "redisCpuMs")))
            .append(" | ").append(Stats.kib(med(rs, "heapPerConn")))
            .append(" (").append(kibList(medianOfLists(rs, "nodeHeapPerConn"))).append(")")
            .append(" | ").append(loads(rs))
            .append(" |\n");
      }
      b.append("\nlost, gaps and dups: the maximum over the runs.\n\n");
      List<Map<String, String>> m = select(runs, "flat", multi);
      List<Map<String, String>> one = select(runs, "flat", "mem1");
      List<Map<String, String>> oneRedis = select(runs, "flat", "redis1");
      if (!m.isEmpty() && (!one.isEmpty() || !oneRedis.isEmpty())) {
        b.append("**Goal: ").append(k).append(" nodes ≥ 0.8× the deliveries/s of 1 node.** ");
        List<String> parts = new ArrayList<>();
        if (!one.isEmpty()) {
          double ratio = med(m, "flatRate") / med(one, "flatRate");
          parts.add(String.format("%s ÷ mem1 = %.2f× (%s)", multi, ratio, ratio >= 0.8 ? "met" : "**not met**"));
        }
        if (!oneRedis.isEmpty()) {
          double ratio = med(m, "flatRate") / med(oneRedis, "flatRate");
          parts.add(String.format("%s ÷ redis1 = %.2f× (%s)", multi, ratio, ratio >= 0.8 ? "met" : "**not met**"));
        }
        b.append(String.join("; ", parts)).append(".\n\n");
      }
      List<Map<String, String>> memK = select(runs, "flat", "mem" + k);
      if (!m.isEmpty() && !memK.isEmpty() && multi.startsWith("redis")) {
        // The same number of JVMs on the same cores: what is left is Redis's share.
        b.append(String.format("With as many nodes in memory (each publishing to its own"
                + " subscribers): %s ÷ mem%s = %.2f×.%n%n",
            multi, k, med(m, "flatRate") / med(memK, "flatRate")));
      }
    }

    // b. paced
    if (has(runs, "paced")) {
      b.append("## b. Paced (medians)\n\n");
      b.append("| setup | runs | rate achieved /s | paced p50 ms | paced p99 ms | range p99 "
          + "| paced max ms | lost | gaps | dups | server CPU % of a core (per node, ms) "
          + "| Redis CPU ms | heap/conn KiB (per node) | load (1 min) |\n");
      b.append("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---|---|\n");
      for (String setup : setups) {
        List<Map<String, String>> rs = select(runs, "paced", setup);
        if (rs.isEmpty()) {
          continue;
        }
        b.append("| ").append(setup).append(" | ").append(rs.size())
            .append(" | ").append(String.format("%.1f", med(rs, "pacedRateAchieved")))
            .append(" | ").append(Stats.ms(med(rs, "pacedP50")))
            .append(" | ").append(Stats.ms(med(rs, "pacedP99")))
            .append(" | ").append(rangeMs(rs, "pacedP99"))
            .append(" | ").append(Stats.ms(med(rs, "pacedMax")))
            .append(" | ").append(Stats.num(max(rs, "missing")))
            .append(" | ").append(Stats.num(max(rs, "gaps")))
            .append(" | ").append(Stats.num(max(rs, "dups")))
            .append(" | ").append(Stats.num(med(rs, "serverCpuPct")))
            .append(" (").append(medianOfLists(rs, "nodeCpuMs")).append(")")
            .append(" | ").append(Stats.num(med(rs, "redisCpuMs")))
            .append(" | ").append(Stats.kib(med(rs, "heapPerConn")))
            .append(" (").append(kibList(medianOfLists(rs, "nodeHeapPerConn"))).append(")")
            .append(" | ").append(loads(rs))
            .append(" |\n");
      }
      b.append('\n');
      List<Map<String, String>> m = select(runs, "paced", multi);
      List<String> parts = new ArrayList<>();
      for (String base : List.of("mem1", "redis1")) {
        List<Map<String, String>> one = select(runs, "paced", base);
        if (!m.isEmpty() && !one.isEmpty()) {
          double diff = (med(m, "pacedP99") - med(one, "pacedP99")) / 1000;
          parts.add(String.format("%s p99 − %s p99 = %+.1f ms (%s)", multi, base, diff,
              diff <= 20 ? "met" : "**not met**"));
        }
      }
      if (!parts.isEmpty()) {
        b.append("**Goal: ").append(k).append("-node p99 ≤ 1-node p99 + 20 ms.** ")
            .append(String.join("; ", parts)).append(".\n\n");
      }
      List<Map<String, String>> memK = select(runs, "paced", "mem" + k);
      if (!m.isEmpty() && !memK.isEmpty() && multi.startsWith("redis")) {
        b.append(String.format("With as many nodes in memory: %s p99 − mem%s p99 = %+.1f ms.%n%n",
            multi, k, (med(m, "pacedP99") - med(memK, "pacedP99")) / 1000));
      }
    }

    // c. scale
    for (Map<String, String> r : select(runs, "scale", null)) {
      double subs = parse(r.get("connected"));
      double events = parse(r.get("warmEvents")) + parse(r.get("pacedEvents"));
      b.append("## c. Scale: ").append(Stats.num(parse(r.get("n")))).append(" subscribers on ")
          .append(r.get("nodes")).append(" nodes\n\n");
      b.append("| measure | value |\n|---|---|\n");
      row(b, "subscribers connected / asked", Stats.num(subs) + " / " + Stats.num(parse(r.get("n")))
          + " (failed " + r.getOrDefault("connectFailed", "?") + ")");
      row(b, "subscribers per node", r.get("nodeSubs"));
      row(b, "open files per node / per client JVM", r.get("nodeFds") + " / " + r.get("clientFds"));
      row(b, "events (at 1/s)", Stats.num(events));
      row(b, "deliveries received / expected", Stats.num(parse(r.get("received"))) + " / "
          + Stats.num(parse(r.get("expected"))));
      row(b, "lost / gaps / dups / connections closed", r.get("missing") + " / " + r.get("gaps")
          + " / " + r.get("dups") + " / " + r.get("closed"));
      row(b, "heartbeats received in all (per subscriber), idle time before publishing included",
          Stats.num(parse(r.get("comments")))
              + String.format(" (%.1f)", parse(r.get("comments")) / Math.max(1, subs)));
      row(b, "latency p50 / p99 / max ms (after warm-up)", Stats.ms(parse(r.get("pacedP50")))
          + " / " + Stats.ms(parse(r.get("pacedP99"))) + " / " + Stats.ms(parse(r.get("pacedMax"))));
      row(b, "heap/conn KiB per node", kibList(r.get("nodeHeapPerConn")));
      row(b, "server CPU ms per node (% of a core in total)", r.get("nodeCpuMs") + " ("
          + r.get("serverCpuPct") + " %, over " + Stats.num(parse(r.get("cpuWallMs"))) + " ms)");
      row(b, "Redis CPU ms", r.getOrDefault("redisCpuMs", "–"));
      row(b, "threads per node (idle N → after)", r.get("threadsN") + " → " + r.get("threadsAfter"));
      row(b, "load average (before / at publish)", r.get("load1") + " / " + r.get("loadAtPublish"));
      if (r.containsKey("error")) {
        row(b, "error", r.get("error"));
      }
      b.append('\n');
    }

    // d. failover
    for (Map<String, String> r : select(runs, "failover", null)) {
      b.append("## d. Failover: node ").append(r.getOrDefault("killedNode", "?"))
          .append(" of ").append(r.get("nodes")).append(" killed under the paced load\n\n");
      b.append("| measure | value |\n|---|---|\n");
      row(b, "subscribers (on the killed node)", Stats.num(parse(r.get("connected"))) + " ("
          + r.getOrDefault("killedSubs", "?") + ")");
      row(b, "streams ended by the kill / resumed elsewhere / gave up",
          r.get("closed") + " / " + r.get("reconnected") + " / " + r.get("gaveUp"));
      row(b, "subscribers per node at the start → streams open per node at the end",
          r.get("nodeSubs") + " → " + r.get("openPerTarget"));
      row(b, "kill → all of them back (ms)", r.getOrDefault("allBackMs", "–"));
      row(b, "per subscriber, stream lost → back: p50 / p99 / max ms",
          Stats.ms(parse(r.get("moveP50"))) + " / " + Stats.ms(parse(r.get("moveP99"))) + " / "
              + Stats.ms(parse(r.get("moveMax"))));
      row(b, "lost / gaps / dups / reset events", r.get("missing") + " / " + r.get("gaps") + " / "
          + r.get("dups") + " / " + r.get("otherEvents"));
      row(b, "paced p50 / p99 / max ms (all subscribers, whole run)",
          Stats.ms(parse(r.get("pacedP50"))) + " / " + Stats.ms(parse(r.get("pacedP99"))) + " / "
              + Stats.ms(parse(r.get("pacedMax"))));
      row(b, "server CPU ms per node", r.get("nodeCpuMs"));
      row(b, "load average (before / at publish)", r.get("load1") + " / " + r.get("loadAtPublish"));
      if (r.containsKey("error")) {
        row(b, "error", r.get("error"));
      }
      b.append('\n');
    }

    b.append("## All runs\n\nLatencies in µs, memory in bytes, CPU in ms; `a/b/c` = per node.\n\n");
    String[] cols = {"part", "setup", "rep", "nodes", "n", "connected", "warmEvents", "pacedEvents",
        "flatEvents", "flatRate", "flatPublishRate", "flatCount", "flatP50", "flatP99", "flatMax", "pacedRateAchieved",
        "pacedP50", "pacedP99", "pacedMax", "missing", "gaps", "dups", "closed", "otherEvents",
        "comments", "reconnected", "gaveUp", "allBackMs", "moveP50", "moveP99", "moveMax",
        "nodeSubs", "openPerTarget", "heapPerConn", "nodeHeapPerConn", "rssPerConn", "nodeCpuMs", "serverCpuMs",
        "cpuWallMs", "serverCpuPct", "redisCpuMs", "clientCpuMs", "nodeFds", "clientFds",
        "threadsN", "threadsAfter", "load1", "loadAtPublish", "error"};
    ResultsFile.appendRunsTable(b, cols, runs);
    ResultsFile.appendKeptAnalysis(b, Path.of(o.get("out")));
    return b.toString();
  }

  private static boolean has(List<Map<String, String>> runs, String part) {
    return runs.stream().anyMatch(r -> part.equals(r.get("part")));
  }

  /** The runs of {@code part} (and {@code setup}, unless null) that did not fail. */
  private static List<Map<String, String>> select(
      List<Map<String, String>> runs, String part, String setup) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, String> r : runs) {
      if (part.equals(r.get("part")) && (setup == null || setup.equals(r.get("setup")))
          && (setup == null || !r.containsKey("error"))) {
        out.add(r);
      }
    }
    return out;
  }

  private static void row(StringBuilder b, String what, String value) {
    b.append("| ").append(what).append(" | ").append(value == null ? "–" : value).append(" |\n");
  }

  private static String range(List<Map<String, String>> rs, String key) {
    return range(rs, key, Stats::num);
  }

  private static String rangeMs(List<Map<String, String>> rs, String key) {
    return range(rs, key, Stats::ms);
  }

  /** "lo–hi" of {@code key} over the runs, each end formatted by {@code format}. */
  private static String range(
      List<Map<String, String>> rs, String key, java.util.function.DoubleFunction<String> format) {
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (Map<String, String> r : rs) {
      double d = parse(r.get(key));
      if (!Double.isNaN(d)) {
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
      }
    }
    return lo > hi ? "–" : format.apply(lo) + "–" + format.apply(hi);
  }

  /** The element-wise median of {@code a/b/c} lists. */
  private static String medianOfLists(List<Map<String, String>> rs, String key) {
    List<List<Double>> columns = new ArrayList<>();
    for (Map<String, String> r : rs) {
      String v = r.get(key);
      if (v == null || v.isEmpty()) {
        continue;
      }
      String[] p = v.split("/");
      for (int i = 0; i < p.length; i++) {
        if (columns.size() <= i) {
          columns.add(new ArrayList<>());
        }
        columns.get(i).add(parse(p[i]));
      }
    }
    List<String> out = new ArrayList<>();
    for (List<Double> c : columns) {
      out.add(Stats.num(Stats.median(c)).replace(",", ""));
    }
    return String.join("/", out);
  }

  private static String kibList(String bytes) {
    if (bytes == null || bytes.isEmpty()) {
      return "–";
    }
    List<String> out = new ArrayList<>();
    for (String p : bytes.split("/")) {
      out.add(Stats.kib(parse(p)));
    }
    return String.join(" / ", out);
  }

  private static String loads(List<Map<String, String>> rs) {
    List<String> l = new ArrayList<>();
    for (Map<String, String> r : rs) {
      l.add(r.get("load1"));
    }
    return String.join(", ", l);
  }
}
