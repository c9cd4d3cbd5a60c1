package dev.ssekit.benchmarks.client;

import dev.ssekit.benchmarks.fanout.Child;
import dev.ssekit.benchmarks.fanout.FanoutServer;
import dev.ssekit.benchmarks.fanout.Machine;
import dev.ssekit.benchmarks.fanout.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the client comparison: for each repetition and each {@code library:N} of the plan, a fresh
 * server JVM ({@link FanoutServer} with the ssekit hub on Jersey + Grizzly) and a fresh {@link
 * ClientLoad} JVM; measures the client without streams and with N idle open streams, then has the
 * server publish a few paced events to check every stream receives them, and writes
 * benchmarks/results/client.md.
 */
public final class ClientCoordinator {
  private ClientCoordinator() {}

  /** Runs the suite and writes the results file. */
  public static void main(String[] args) throws Exception {
    Options o =
        new Options(
            args,
            "plan",
            "ssekit:1000,okhttp:1000,launchdarkly:1000,ssekit:5000,okhttp:5000,launchdarkly:5000",
            "reps", "3",
            "events", "20",
            "rate", "10",
            "serverJvm", "-Xms1g -Xmx1g -XX:+UseG1GC",
            "clientJvm", "-Xms1g -Xmx1g -XX:+UseG1GC",
            "out", "benchmarks/results/client.md",
            "logs", "benchmarks/target/client-logs",
            "histo", "false");
    Path logs = Path.of(o.get("logs"));
    Files.createDirectories(logs);
    String startLoad = Machine.load();
    List<Map<String, String>> runs = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int rep = 1; rep <= o.integer("reps"); rep++) {
      for (String item : o.list("plan")) {
        String lib = item.split(":")[0];
        int n = Integer.parseInt(item.split(":")[1]);
        Map<String, String> r;
        try {
          r = runOne(o, lib, n, rep, logs);
        } catch (RuntimeException | IOException e) {
          r = new LinkedHashMap<>();
          r.put("lib", lib);
          r.put("n", String.valueOf(n));
          r.put("rep", String.valueOf(rep));
          r.put("error", String.valueOf(e.getMessage()).replace('|', '/'));
        }
        runs.add(r);
        System.out.println("run " + item + " #" + rep + ": " + r);
        Files.writeString(
            Path.of(o.get("out")),
            ClientReport.markdown(o, args, startLoad, runs, (System.nanoTime() - t0) / 1_000_000_000L));
      }
    }
    System.out.println("wrote " + o.get("out"));
    System.exit(0);
  }

  private static Map<String, String> runOne(Options o, String lib, int n, int rep, Path logs)
      throws IOException, InterruptedException {
    String tag = lib + "-" + n + "-" + rep;
    int events = o.integer("events");
    int rate = o.integer("rate");
    Map<String, String> r = new LinkedHashMap<>();
    r.put("lib", lib);
    r.put("n", String.valueOf(n));
    r.put("rep", String.valueOf(rep));
    r.put("load1", String.valueOf(Machine.load1()));
    System.out.println("== " + tag + " (load " + Machine.load() + ")");
    try (Child server =
        new Child("server", o.jvmArgs("serverJvm"), FanoutServer.class.getName(),
            List.of("ssekit", "10000"), logs.resolve(tag + "-server.log"))) {
      String port = Child.fields(server.await("READY", 60)).get("port");
      try (Child client =
          new Child("client", o.jvmArgs("clientJvm"), ClientLoad.class.getName(),
              List.of(lib, "http://127.0.0.1:" + port + "/events"),
              logs.resolve(tag + "-client.log"))) {
        client.await("READY", 60);
        client.send("stats");
        Map<String, String> base = Child.fields(client.await("STATS", 60));
        client.send("connect " + n + " 120");
        Map<String, String> open = Child.fields(client.await("OPEN", 400));
        r.put("open", open.get("ok"));
        r.put("failed", open.get("failed"));
        r.put("connectErrors", open.get("errors"));
        int ok = Integer.parseInt(open.get("ok"));
        server.send("waitsubs " + ok + " 30");
        server.await("SUBS", 60);
        client.send("stats");
        Map<String, String> idle = Child.fields(client.await("STATS", 60));
        r.put("heap0", base.get("heap"));
        r.put("heapN", idle.get("heap"));
        r.put("rss0", base.get("rss"));
        r.put("rssN", idle.get("rss"));
        r.put("threads0", base.get("threads"));
        r.put("threadsN", idle.get("threads"));
        if (ok > 0) {
          r.put("heapPerStream", String.valueOf(
              (Long.parseLong(idle.get("heap")) - Long.parseLong(base.get("heap"))) / ok));
          r.put("rssPerStream", String.valueOf(
              (Long.parseLong(idle.get("rss")) - Long.parseLong(base.get("rss"))) / ok));
        }
        if (Boolean.parseBoolean(o.get("histo"))) {
          client.histogram(logs.resolve(tag + "-histo.txt"));
        }
        r.put("loadAtPublish", Machine.load());
        server.send("run 0 " + events + " " + rate + " 0");
        client.send("collect " + events + " " + (events / rate + 60));
        Map<String, String> result = Child.fields(client.await("RESULT", events / rate + 120));
        server.await("PUBLISHED", 60);
        r.putAll(result);
        client.send("quit");
        server.send("quit");
      }
    }
    return r;
  }
}
