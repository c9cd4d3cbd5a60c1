package dev.ssekit.benchmarks.fanout;

import dev.ssekit.benchmarks.ResultsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes fanout.md: machine, setup, medians, ratios, goals, every run. */
final class FanoutReport {
  /** Text after this line in an existing results file is kept (hand-written analysis). */

  private FanoutReport() {}

  static String markdown(
      Options o, String[] args, String startLoad, List<Map<String, String>> runs, long seconds) {
    StringBuilder b = new StringBuilder();
    b.append("# Fan-out: ssekit EventHub vs Jersey SseBroadcaster\n\n");
    b.append("Generated ").append(FanoutCoordinator.now()).append(" in ").append(seconds)
        .append(" s by\n\n```\nbenchmarks/scripts/fanout.sh ").append(String.join(" ", args))
        .append("\n```\n\nEffective options: `").append(o).append("`\n\n");
    b.append("## Machine\n\n").append(Machine.describe());
    b.append("- open files limit (per process): ").append(System.getenv().getOrDefault("SSEKIT_NOFILE", "?"))
        .append("\n- load average when the suite started: ").append(startLoad).append("\n\n");
    b.append("## Setup\n\n");
    b.append(
        """
        - Server JVM (`FanoutServer`): Jersey %s on Grizzly (`GrizzlyHttpServerFactory`, default \
        settings), one resource `GET /events`. **ssekit**: `EventHub` served with \
        `HubStreams.open(hub, lastEventId)`, queues sized to hold the whole run \
        (`maxQueued(events + 64, 256 MiB)`), write timeout 60 s, other settings default. \
        **servlet**: the same hub served by sse-servlet on embedded Jetty 12 (ee10, default \
        settings), one servlet `GET /events` calling `ServletStreams.open(hub, request, response)`. \
        **jersey**: the standard `SseBroadcaster`; each event built with `sse.newEventBuilder()` \
        (name, id, `text/plain` data = the same JSON string, made once per event) and \
        `broadcaster.broadcast(event)`. **raw** (when run): no library, the floor; a bare NIO         server that writes each event, framed once as a chunk, to every connection with one         non-blocking write from the publishing thread (`RawFloorBroadcast`).
        - Event: `@SseEvent(name = "tick") record FanoutPing(long seq, long sentMicros)`, \
        data `{"seq":N,"sentMicros":M}` (about 45 bytes of JSON, ~90 bytes per frame).
        - Load-client JVM (`LoadClient`): N plain HTTP/1.1 connections on raw non-blocking NIO \
        sockets, %s selector thread(s), chunked decoding and a byte scanner that dispatches on the \
        blank line and allocates nothing per event; latency = receive time (epoch µs, \
        `Instant.now()`, taken once per socket read) − `sentMicros`. Both JVMs read the same \
        machine clock.
        - Phases, published by one server thread: %s warm-up events and %s paced events at %s/s \
        (%s and %s for the large N) \
        (each stamped with the time it was *due*, so a publisher that falls behind shows as \
        latency), then `flatDeliveries / N` events flat out (stamped when published). \
        Deliveries/s (flat) = flat deliveries ÷ (last flat receive − first flat publish).
        - Lost = events missing at the end (every connection must see every sequence number) + \
        sequence gaps; "closed" = connections the server ended (slow-subscriber policy, errors).
        - Heap per connection = (heap used after 3× `System.gc()` with N idle connections − \
        the same with none) ÷ N, reported by the server's own `MemoryMXBean`; RSS from \
        `/proc/self/status` VmRSS likewise; threads = `ThreadMXBean.getThreadCount()` with 0 and \
        N idle connections and after the run.
        - Server JVM flags `%s`; client JVM flags `%s`. Each run is a fresh pair of JVMs. Order: \
        repetitions outermost, then N, then broadcaster, so drift in machine load hits both sides.

        """.formatted(
            jerseyVersion(), o.get("io"), o.get("warm"), o.get("paced"), o.get("rate"),
            o.get("bigWarm"), o.get("bigPaced"),
            o.get("serverJvm"), o.get("clientJvm")));

    Set<String> ns = new LinkedHashSet<>();
    Set<String> impls = new LinkedHashSet<>();
    for (Map<String, String> r : runs) {
      ns.add(r.get("n"));
      impls.add(r.get("impl"));
    }
    b.append("## Medians\n\n");
    b.append("| N | broadcaster | runs | flat deliveries/s | flat p50 ms | flat p99 ms | flat max ms "
        + "| paced rate achieved /s | paced p50 ms | paced p99 ms | paced max ms | lost | closed "
        + "| heap/conn KiB | RSS/conn KiB | server CPU µs/delivery | threads 0 → N → after "
        + "| load (1 min) |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (String n : ns) {
      for (String impl : impls) {
        List<Map<String, String>> rs = select(runs, impl, n);
        if (rs.isEmpty()) {
          continue;
        }
        b.append("| ").append(n).append(" | ").append(impl).append(" | ").append(rs.size())
            .append(" | ").append(Stats.num(med(rs, "flatRate")))
            .append(" | ").append(Stats.ms(med(rs, "flatP50")))
            .append(" | ").append(Stats.ms(med(rs, "flatP99")))
            .append(" | ").append(Stats.ms(med(rs, "flatMax")))
            .append(" | ").append(String.format("%.1f", med(rs, "pacedRateAchieved")))
            .append(" | ").append(Stats.ms(med(rs, "pacedP50")))
            .append(" | ").append(Stats.ms(med(rs, "pacedP99")))
            .append(" | ").append(Stats.ms(med(rs, "pacedMax")))
            .append(" | ").append(Stats.num(max(rs, "missing") + max(rs, "gaps")))
            .append(" | ").append(Stats.num(max(rs, "closed")))
            .append(" | ").append(Stats.kib(med(rs, "heapPerConn")))
            .append(" | ").append(Stats.kib(med(rs, "rssPerConn")))
            .append(" | ").append(String.format("%.1f", med(rs, "cpuMicrosPerDelivery")))
            .append(" | ").append(Stats.num(med(rs, "threads0"))).append(" → ")
            .append(Stats.num(med(rs, "threadsN"))).append(" → ")
            .append(Stats.num(med(rs, "threadsAfter")))
            .append(" | ").append(String.format("%.2f", med(rs, "load1")))
            .append(" |\n");
      }
    }
    b.append("\n\"lost\" and \"closed\" are the maximum over the runs, not the median.\n\n");

    if (impls.contains("jersey")) {
      for (String impl : impls) {
        if (!impl.equals("jersey") && !impl.equals("raw")) {
          ratiosAndGoals(b, runs, ns, impl);
        }
      }
    }
    if (impls.contains("raw")) {
      floor(b, runs, ns, impls);
    }

    b.append("## All runs\n\n");
    String[] cols = {"impl", "n", "rep", "connected", "warmEvents", "pacedEvents", "flatEvents", "flatRate", "flatP50", "flatP99",
        "flatMax", "pacedRateAchieved", "pacedP50", "pacedP99", "pacedMax", "missing", "gaps", "dups",
        "closed", "otherEvents", "heapPerConn", "rssPerConn", "heap0", "heapN", "rss0", "rssN",
        "threads0", "threadsN", "threadsAfter", "serverCpuMs", "cpuMicrosPerDelivery", "clientCpuMs", "flatPublishMicros", "loadAtPublish",
        "error"};
    b.append("Latencies in µs, memory in bytes.\n\n");
    ResultsFile.appendRunsTable(b, cols, runs);
    ResultsFile.appendKeptAnalysis(b, Path.of(o.get("out")));
    return b.toString();
  }


  /**
   * The ratios of {@code impl} to Jersey's {@code SseBroadcaster} at each N, and the goals at
   * N = 5000: those of the fan-out issue for both, and issue 14's CPU and p99 goals for the servlet
   * adapter.
   */
  private static void ratiosAndGoals(
      StringBuilder b, List<Map<String, String>> runs, Set<String> ns, String impl) {
    b.append("## Ratios, ").append(impl).append(" to jersey (medians)\n\n");
    b.append("| N | deliveries/s ").append(impl).append(" ÷ jersey | flat p99 jersey ÷ ")
        .append(impl).append(" | paced p99 jersey ÷ ").append(impl).append(" | heap/conn ")
        .append(impl).append(" ÷ jersey | CPU/delivery jersey ÷ ").append(impl)
        .append(" |\n|---|---|---|---|---|---|\n");
    for (String n : ns) {
      List<Map<String, String>> s = select(runs, impl, n);
      List<Map<String, String>> j = select(runs, "jersey", n);
      if (s.isEmpty() || j.isEmpty()) {
        continue;
      }
      b.append("| ").append(n)
          .append(" | ").append(Stats.ratio(med(s, "flatRate"), med(j, "flatRate")))
          .append(" | ").append(Stats.ratio(med(j, "flatP99"), med(s, "flatP99")))
          .append(" | ").append(Stats.ratio(med(j, "pacedP99"), med(s, "pacedP99")))
          .append(" | ").append(Stats.ratio(med(s, "heapPerConn"), med(j, "heapPerConn")))
          .append(" | ").append(Stats.ratio(
              med(j, "cpuMicrosPerDelivery"), med(s, "cpuMicrosPerDelivery")))
          .append(" |\n");
    }
    b.append('\n');
    List<Map<String, String>> s = select(runs, impl, "5000");
    List<Map<String, String>> j = select(runs, "jersey", "5000");
    if (s.isEmpty() || j.isEmpty()) {
      return;
    }
    double rate = med(s, "flatRate") / med(j, "flatRate");
    double p99 = med(j, "pacedP99") / med(s, "pacedP99");
    double heap = med(s, "heapPerConn");
    double cpu = med(s, "cpuMicrosPerDelivery");
    List<Map<String, String>> all = new ArrayList<>();
    for (Map<String, String> r : runs) {
      if (impl.equals(r.get("impl"))) {
        all.add(r);
      }
    }
    b.append("## Goals of ").append(impl).append(" at N = 5000 (from the medians above)\n\n");
    b.append("| goal | measured | met |\n|---|---|---|\n");
    b.append("| ≥ 5x Jersey's deliveries/s | ").append(String.format("%.2fx", rate))
        .append(" | ").append(rate >= 5 ? "yes" : "**no**").append(" |\n");
    b.append("| p99 ≤ 1/5 of Jersey's (paced) | Jersey's p99 is ").append(String.format("%.2fx", p99))
        .append(" ").append(impl).append("'s | ").append(p99 >= 5 ? "yes" : "**no**").append(" |\n");
    b.append("| ≤ 12 KiB heap per connection | ").append(Stats.kib(heap)).append(" KiB | ")
        .append(heap <= 12 * 1024 ? "yes" : "**no**").append(" |\n");
    if (impl.equals("servlet")) {
      b.append("| ≤ 5 µs server CPU per delivery (paced) | ").append(String.format("%.1f µs", cpu))
          .append(" | ").append(cpu <= 5 ? "yes" : "**no**").append(" |\n");
    }
    b.append("| threads not growing with N | threads with N idle: ");
    List<String> t = new ArrayList<>();
    for (String n : ns) {
      List<Map<String, String>> sn = select(runs, impl, n);
      if (!sn.isEmpty()) {
        t.add("N=" + n + ": " + Stats.num(med(sn, "threads0")) + " → "
            + Stats.num(med(sn, "threadsN")) + " (after run " + Stats.num(med(sn, "threadsAfter")) + ")");
      }
    }
    b.append(String.join("; ", t)).append(" | see numbers |\n");
    b.append("| no lost events, policy never triggers | lost ")
        .append(Stats.num(max(all, "missing") + max(all, "gaps"))).append(", closed ")
        .append(Stats.num(max(all, "closed"))).append(" (all ").append(impl).append(" runs) | ")
        .append(max(all, "missing") + max(all, "gaps") + max(all, "closed") == 0 ? "yes" : "**no**")
        .append(" |\n\n");
  }

  /**
   * Each server's CPU per delivery over the floor's (bare NIO writes, {@link RawFloorBroadcast}):
   * how much of it is the kernel's, which no server avoids, and how much the server's own.
   */
  private static void floor(
      StringBuilder b, List<Map<String, String>> runs, Set<String> ns, Set<String> impls) {
    b.append("## Against the floor (medians)\n\n");
    b.append("`raw` is no library: one non-blocking write per delivery from the publishing thread,")
        .append(" nothing else. Its CPU per delivery is what any server here spends at least.\n\n");
    b.append("| N | impl | CPU µs / delivery | the floor's | ÷ the floor | above the floor µs |\n")
        .append("|---|---|---:|---:|---:|---:|\n");
    for (String n : ns) {
      List<Map<String, String>> raw = select(runs, "raw", n);
      if (raw.isEmpty()) {
        continue;
      }
      double floor = med(raw, "cpuMicrosPerDelivery");
      for (String impl : impls) {
        List<Map<String, String>> s = select(runs, impl, n);
        if (impl.equals("raw") || s.isEmpty()) {
          continue;
        }
        double cpu = med(s, "cpuMicrosPerDelivery");
        b.append("| ").append(n).append(" | ").append(impl)
            .append(" | ").append(String.format("%.1f", cpu))
            .append(" | ").append(String.format("%.1f", floor))
            .append(" | ").append(Stats.ratio(cpu, floor))
            .append(" | ").append(String.format("%.1f", cpu - floor))
            .append(" |\n");
      }
    }
    b.append('\n');
  }

  static List<Map<String, String>> select(List<Map<String, String>> runs, String impl, String n) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, String> r : runs) {
      if (impl.equals(r.get("impl")) && n.equals(r.get("n")) && !r.containsKey("error")) {
        out.add(r);
      }
    }
    return out;
  }

  static double med(List<Map<String, String>> rs, String key) {
    List<Double> v = new ArrayList<>();
    for (Map<String, String> r : rs) {
      v.add(parse(r.get(key)));
    }
    return Stats.median(v);
  }

  static double max(List<Map<String, String>> rs, String key) {
    double m = 0;
    for (Map<String, String> r : rs) {
      double d = parse(r.get(key));
      if (!Double.isNaN(d)) {
        m = Math.max(m, d);
      }
    }
    return m;
  }

  static double parse(String s) {
    try {
      return s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String jerseyVersion() {
    Package p = org.glassfish.jersey.server.ResourceConfig.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "4.0.x" : v;
  }
}
