package dev.ssekit.benchmarks.fanout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fan-out run, as both coordinators make it: K server JVMs ("nodes", {@link FanoutServer}), C
 * load-client JVMs ({@link LoadClient}) that spread the run's N subscribers evenly over the nodes,
 * and, for nodes that share a Redis event log, a {@code redis-server} child process when asked to
 * spawn one. It measures each node idle and with its share of idle connections, publishes warm-up,
 * paced and flat-out events, optionally kills one node during the run (failover), and returns one
 * row of {@code key=value} results. Every child process is bounded in time and killed at the end,
 * also when the run fails.
 *
 * <p>Who publishes: with a shared log (Redis), node 0 alone, so every other node receives the
 * events only through Redis (node 0 too: the hub delivers only what its log hands back). With
 * in-memory nodes each node is its own hub and each one publishes the same sequence to its own
 * subscribers.
 */
final class FanoutRun {
  private FanoutRun() {}

  /**
   * What to run.
   *
   * @param tag names the run's log files
   * @param impl {@code ssekit} or {@code jersey} (jersey: one in-memory node only)
   * @param nodes server JVMs
   * @param redis empty: in-memory hubs; {@code spawn}: a redis-server child for this run; else a
   *     Redis URI (keys under a prefix of their own)
   * @param n subscribers in total
   * @param clients load-client JVMs (each must stay under the open-files limit)
   * @param publishers threads publishing the flat-out phase (on one node)
   * @param warmPublish events published before the run on a topic nobody follows (from {@code
   *     publishers} threads), to warm up the publishing path; 0 for none
   * @param heartbeatMs the hub's heartbeat interval, or empty for its default
   * @param killAfterSeconds kill the last node this long after publishing started (failover; its
   *     subscribers move to the other nodes with {@code Last-Event-ID}), or -1
   * @param sources loopback addresses for the client sockets, or empty
   */
  record Spec(
      String tag,
      String impl,
      int nodes,
      String redis,
      int n,
      int clients,
      int warm,
      int paced,
      int rate,
      int flat,
      int publishers,
      int warmPublish,
      String heartbeatMs,
      int killAfterSeconds,
      List<String> sources,
      int io,
      int connectTimeout,
      List<String> serverJvm,
      List<String> clientJvm,
      boolean histo) {}

  /** Runs {@code s}; its child processes' stderr goes to files in {@code logs}. */
  static Map<String, String> run(Spec s, Path logs) throws IOException, InterruptedException {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("load1", String.valueOf(Machine.load1()));
    r.put("warmEvents", String.valueOf(s.warm()));
    r.put("pacedEvents", String.valueOf(s.paced()));
    r.put("flatEvents", String.valueOf(s.flat()));
    System.out.println("== " + s.tag() + " (load " + Machine.load() + ")");
    int events = s.warm() + s.paced() + s.flat();
    RedisProcess redis = null;
    List<Child> nodes = new ArrayList<>();
    List<Child> clients = new ArrayList<>();
    try {
      String redisUri = s.redis();
      String keyPrefix = "ssekit:";
      if ("spawn".equals(redisUri)) {
        redis = RedisProcess.start(logs.resolve(s.tag() + "-redis.log"));
        redisUri = redis.uri();
      } else if (!redisUri.isEmpty()) {
        keyPrefix = "ssekit-bench:" + s.tag() + "-" + System.currentTimeMillis() + ":";
      }
      for (int k = 0; k < s.nodes(); k++) {
        List<String> args = new ArrayList<>(List.of(s.impl(), String.valueOf(events + 64)));
        if (!redisUri.isEmpty()) {
          args.add("--redis=" + redisUri);
          args.add("--keyPrefix=" + keyPrefix);
        }
        if (!s.heartbeatMs().isEmpty()) {
          args.add("--heartbeatMs=" + s.heartbeatMs());
        }
        nodes.add(new Child("node" + k, s.serverJvm(), FanoutServer.class.getName(), args,
            logs.resolve(s.tag() + "-node" + k + ".log")));
      }
      List<String> targets = new ArrayList<>();
      List<Map<String, String>> base = new ArrayList<>();
      for (Child node : nodes) {
        targets.add("127.0.0.1:" + Child.fields(node.await("READY", 60)).get("port"));
      }
      for (Child node : nodes) {
        node.send("stats");
        base.add(Child.fields(node.await("STATS", 60)));
      }
      r.put("serverPid", String.valueOf(nodes.get(0).pid()));

      long timeout = (s.warm() + s.paced()) / Math.max(1, s.rate()) + 240;
      List<Path> histFiles = new ArrayList<>();
      for (int c = 0, offset = 0; c < s.clients(); c++) {
        int share = s.n() / s.clients() + (c < s.n() % s.clients() ? 1 : 0);
        Path hist = logs.resolve(s.tag() + "-client" + c + ".hist");
        histFiles.add(hist);
        clients.add(new Child("client" + c, s.clientJvm(), LoadClient.class.getName(),
            List.of("--targets=" + String.join(",", targets), "--n=" + share, "--offset=" + offset,
                "--events=" + events, "--warm=" + s.warm(), "--paced=" + s.paced(),
                "--timeout=" + timeout, "--io=" + s.io(), "--sources=" + String.join(",", s.sources()),
                "--connectTimeout=" + s.connectTimeout(),
                "--reconnect=" + (s.killAfterSeconds() >= 0), "--publishers=" + s.publishers(),
                "--hist=" + hist),
            logs.resolve(s.tag() + "-client" + c + ".log")));
        offset += share;
      }
      int ok = 0;
      int failed = 0;
      long[] perNode = new long[s.nodes()];
      List<String> clientFds = new ArrayList<>();
      for (Child client : clients) {
        Map<String, String> conn =
            Child.fields(client.await("CONNECTED", s.connectTimeout() + 60));
        ok += Integer.parseInt(conn.get("ok"));
        failed += Integer.parseInt(conn.get("failed"));
        String[] pt = conn.get("perTarget").split("/");
        for (int k = 0; k < s.nodes(); k++) {
          perNode[k] += Long.parseLong(pt[k]);
        }
        clientFds.add(conn.get("fds"));
      }
      r.put("connected", String.valueOf(ok));
      r.put("connectFailed", String.valueOf(failed));
      r.put("clientFds", String.join("/", clientFds));

      List<Map<String, String>> idle = new ArrayList<>();
      for (int k = 0; k < s.nodes(); k++) {
        nodes.get(k).send("waitsubs " + perNode[k] + " 30");
      }
      for (Child node : nodes) {
        node.await("SUBS", 60);
      }
      for (Child node : nodes) {
        node.send("stats");
        idle.add(Child.fields(node.await("STATS", 60)));
      }
      memory(r, base, idle);
      if (s.histo()) {
        nodes.get(0).histogram(logs.resolve(s.tag() + "-histo.txt"));
      }

      List<Child> publishers = redisUri.isEmpty() ? nodes : nodes.subList(0, 1);
      if (s.warmPublish() > 0) {
        for (Child p : publishers) {
          p.send("warmpublish " + s.warmPublish() + " " + s.publishers());
        }
        for (Child p : publishers) {
          r.put("warmPublishMicros", Child.fields(p.await("WARMED", 300)).get("micros"));
        }
      }
      long[] cpu0 = cpu(nodes, redis);
      long wall0 = System.nanoTime();
      r.put("loadAtPublish", Machine.load());
      for (Child p : publishers) {
        p.send("run " + s.warm() + " " + s.paced() + " " + s.rate() + " " + s.flat() + " "
            + s.publishers());
      }
      long[] cpuKilled = null;
      if (s.killAfterSeconds() >= 0) {
        Thread.sleep(s.killAfterSeconds() * 1000L);
        Child victim = nodes.get(s.nodes() - 1);
        long victimCpu = ProcessStats.cpuMillisOf(victim.pid());
        long killMicros = Micros.now();
        victim.kill();
        r.put("killedNode", String.valueOf(s.nodes() - 1));
        r.put("killedSubs", String.valueOf(perNode[s.nodes() - 1]));
        r.put("killMicros", String.valueOf(killMicros));
        cpuKilled = new long[] {s.nodes() - 1, victimCpu};
      }
      Map<String, String> pub = null;
      for (Child p : publishers) {
        if (cpuKilled == null || p != nodes.get(s.nodes() - 1)) {
          pub = Child.fields(p.await("PUBLISHED", timeout + 60));
        }
      }
      r.put("pacedRateAchieved", pub.get("pacedRate"));
      r.put("flatPublishMicros", pub.get("flatMicros"));
      if (s.flat() > 0) {
        r.put("flatPublishRate", String.format("%.0f",
            s.flat() * 1e6 / Math.max(1, Long.parseLong(pub.get("flatMicros")))));
      }
      List<Map<String, String>> results = new ArrayList<>();
      for (Child client : clients) {
        results.add(Child.fields(client.await("RESULT", timeout + 120)));
      }
      long[] cpu1 = cpu(nodes.subList(0, cpuKilled == null ? nodes.size() : nodes.size() - 1), redis);
      long wallMs = (System.nanoTime() - wall0) / 1_000_000;
      r.putAll(ClientResults.merge(results, histFiles));
      if (r.containsKey("killMicros") && r.containsKey("lastBack")) {
        r.put("allBackMs", String.valueOf(
            (Long.parseLong(r.get("lastBack")) - Long.parseLong(r.get("killMicros"))) / 1000));
      }
      cpuReport(r, cpu0, cpu1, cpuKilled, s.nodes(), redis != null, wallMs);

      List<Map<String, String>> after = new ArrayList<>();
      for (int k = 0; k < nodes.size() - (cpuKilled == null ? 0 : 1); k++) {
        nodes.get(k).send("stats");
        after.add(Child.fields(nodes.get(k).await("STATS", 60)));
      }
      r.put("threadsAfter", join(after, "threads"));
      for (Child node : nodes) {
        node.send("quit");
      }
    } finally {
      for (Child c : clients) {
        c.close();
      }
      for (Child node : nodes) {
        node.close();
      }
      if (redis != null) {
        redis.close();
      }
    }
    return r;
  }

  /**
   * Heap and RSS per connection, per node ({@code nodeHeapPerConn} = {@code a/b/c}) and over all
   * nodes ({@code heapPerConn}); with one node the keys fanout.md always had.
   */
  private static void memory(
      Map<String, String> r, List<Map<String, String>> base, List<Map<String, String>> idle) {
    long heap0 = 0;
    long heapN = 0;
    long rss0 = 0;
    long rssN = 0;
    long subs = 0;
    List<String> perNode = new ArrayList<>();
    List<String> subsPerNode = new ArrayList<>();
    for (int k = 0; k < base.size(); k++) {
      long h0 = Long.parseLong(base.get(k).get("heap"));
      long hN = Long.parseLong(idle.get(k).get("heap"));
      long sN = Long.parseLong(idle.get(k).get("subs"));
      heap0 += h0;
      heapN += hN;
      rss0 += Long.parseLong(base.get(k).get("rss"));
      rssN += Long.parseLong(idle.get(k).get("rss"));
      subs += sN;
      perNode.add(String.valueOf((hN - h0) / Math.max(1, sN)));
      subsPerNode.add(String.valueOf(sN));
    }
    r.put("heap0", String.valueOf(heap0));
    r.put("rss0", String.valueOf(rss0));
    r.put("threads0", join(base, "threads"));
    r.put("subsN", String.valueOf(subs));
    r.put("nodeSubs", String.join("/", subsPerNode));
    r.put("heapN", String.valueOf(heapN));
    r.put("rssN", String.valueOf(rssN));
    r.put("threadsN", join(idle, "threads"));
    r.put("nodeFds", join(idle, "fds"));
    if (subs > 0) {
      r.put("heapPerConn", String.valueOf((heapN - heap0) / subs));
      r.put("rssPerConn", String.valueOf((rssN - rss0) / subs));
      r.put("nodeHeapPerConn", String.join("/", perNode));
    }
  }

  private static String join(List<Map<String, String>> stats, String key) {
    List<String> v = new ArrayList<>();
    for (Map<String, String> m : stats) {
      v.add(m.getOrDefault(key, ""));
    }
    return String.join("/", v);
  }

  /**
   * Each node's CPU time so far (ms, from {@code /proc}, so a node busy publishing need not answer),
   * then redis-server's (or -1).
   */
  private static long[] cpu(List<Child> nodes, RedisProcess redis) {
    long[] ms = new long[nodes.size() + 1];
    for (int k = 0; k < nodes.size(); k++) {
      ms[k] = ProcessStats.cpuMillisOf(nodes.get(k).pid());
    }
    ms[nodes.size()] = redis == null ? -1 : ProcessStats.cpuMillisOf(redis.pid());
    return ms;
  }

  /**
   * Server CPU during publishing and delivery: per node ({@code nodeCpuMs} = {@code a/b/c}), in
   * total ({@code serverCpuMs}, and as a share of one core, {@code serverCpuPct}), and Redis's.
   */
  private static void cpuReport(
      Map<String, String> r, long[] cpu0, long[] cpu1, long[] killed, int nodes, boolean redis,
      long wallMs) {
    List<String> perNode = new ArrayList<>();
    long total = 0;
    for (int k = 0; k < nodes; k++) {
      long used;
      if (killed != null && k == killed[0]) {
        used = killed[1] - cpu0[k];
      } else {
        used = cpu1[k] - cpu0[k];
      }
      total += used;
      perNode.add(String.valueOf(used));
    }
    r.put("nodeCpuMs", String.join("/", perNode));
    r.put("serverCpuMs", String.valueOf(total));
    r.put("cpuWallMs", String.valueOf(wallMs));
    r.put("serverCpuPct", String.format("%.0f", total * 100.0 / Math.max(1, wallMs)));
    if (redis) {
      r.put("redisCpuMs", String.valueOf(cpu1[cpu1.length - 1] - cpu0[cpu0.length - 1]));
    }
  }
}
