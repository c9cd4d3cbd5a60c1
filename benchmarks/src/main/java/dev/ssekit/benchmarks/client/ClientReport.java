package dev.ssekit.benchmarks.client;

import dev.ssekit.benchmarks.ResultsFile;
import dev.ssekit.benchmarks.fanout.Machine;
import dev.ssekit.benchmarks.fanout.Options;
import dev.ssekit.benchmarks.fanout.Stats;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes client.md: machine, setup, medians, every run. */
final class ClientReport {

  private ClientReport() {}

  static String markdown(
      Options o, String[] args, String startLoad, List<Map<String, String>> runs, long seconds) {
    StringBuilder b = new StringBuilder();
    b.append("# Client: concurrent streams per JVM — ssekit vs OkHttp SSE vs LaunchDarkly\n\n");
    b.append("Generated ")
        .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(" in ").append(seconds).append(" s by\n\n```\nbenchmarks/scripts/client.sh ")
        .append(String.join(" ", args)).append("\n```\n\nEffective options: `").append(o)
        .append("`\n\n## Machine\n\n").append(Machine.describe())
        .append("- open files limit (per process): ")
        .append(System.getenv().getOrDefault("SSEKIT_NOFILE", "?"))
        .append("\n- load average when the suite started: ").append(startLoad).append("\n\n");
    b.append(
        """
        ## Setup

        - Server JVM: `FanoutServer ssekit` (the ssekit `EventHub` on Jersey + Grizzly), a fresh \
        one per run.
        - Client JVM (`ClientLoad`), a fresh one per run, N streams of one library to \
        `http://127.0.0.1:<port>/events`:
          - **ssekit**: `sse-client` `EventSource`, one shared `HttpClient` (HTTP/1.1, fixed \
        executor of 2 threads, as its notes advise), typed listener `on(FanoutPing.class, …)` \
        (processor-generated codec), reconnect disabled.
          - **okhttp**: OkHttp %s `EventSources.createFactory(client)`, one shared `OkHttpClient` \
        whose `Dispatcher` allows N calls (the default is 5 per host), read timeout off. \
        Each stream is an async call that holds a dispatcher thread while it reads.
          - **launchdarkly**: okhttp-eventsource %s `BackgroundEventSource`, one shared \
        `OkHttpClient` (read timeout off) and one shared single-thread `eventsExecutor`; the stream \
        executor is the library's default (a thread per source, since its reads block).
        - Heap per stream = (client heap used after 3× `System.gc()` with N idle open streams − \
        the same before opening any, after the library's shared client exists) ÷ N; RSS from \
        VmRSS likewise; threads from `ThreadMXBean`.
        - Then the server publishes %s events at %s/s and every stream must receive all of them \
        (latency = receive − publish, epoch µs; the listener runs per event).
        - Client JVM flags `%s`.

        """.formatted(
            okhttpVersion(), "4.3.0", o.get("events"), o.get("rate"), o.get("clientJvm")));
    Set<String> keys = new LinkedHashSet<>();
    for (Map<String, String> r : runs) {
      keys.add(r.get("lib") + ":" + r.get("n"));
    }
    b.append("## Medians\n\n| library | N | runs | streams open | heap/stream KiB | RSS/stream KiB "
        + "| threads 0 → N | received / expected | p50 ms | p99 ms | load (1 min) |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (String k : keys) {
      String lib = k.split(":")[0];
      String n = k.split(":")[1];
      List<Map<String, String>> rs = new ArrayList<>();
      for (Map<String, String> r : runs) {
        if (lib.equals(r.get("lib")) && n.equals(r.get("n")) && !r.containsKey("error")) {
          rs.add(r);
        }
      }
      if (rs.isEmpty()) {
        b.append("| ").append(lib).append(" | ").append(n).append(" | 0 (failed) | | | | | | | | |\n");
        continue;
      }
      b.append("| ").append(lib).append(" | ").append(n).append(" | ").append(rs.size())
          .append(" | ").append(Stats.num(med(rs, "open")))
          .append(" | ").append(Stats.kib(med(rs, "heapPerStream")))
          .append(" | ").append(Stats.kib(med(rs, "rssPerStream")))
          .append(" | ").append(Stats.num(med(rs, "threads0"))).append(" → ")
          .append(Stats.num(med(rs, "threadsN")))
          .append(" | ").append(Stats.num(med(rs, "received"))).append(" / ")
          .append(Stats.num(med(rs, "expected")))
          .append(" | ").append(Stats.ms(med(rs, "p50")))
          .append(" | ").append(Stats.ms(med(rs, "p99")))
          .append(" | ").append(String.format("%.2f", med(rs, "load1")))
          .append(" |\n");
    }
    b.append("\n## All runs\n\nLatencies in µs, memory in bytes.\n\n");
    String[] cols = {"lib", "n", "rep", "open", "failed", "connectErrors", "heapPerStream",
        "rssPerStream", "heap0", "heapN", "rss0", "rssN", "threads0", "threadsN", "received",
        "expected", "missing", "gaps", "errors", "p50", "p99", "max", "loadAtPublish", "error"};
    ResultsFile.appendRunsTable(b, cols, runs);
    ResultsFile.appendKeptAnalysis(b, Path.of(o.get("out")));
    return b.toString();
  }


  private static double med(List<Map<String, String>> rs, String key) {
    List<Double> v = new ArrayList<>();
    for (Map<String, String> r : rs) {
      try {
        String s = r.get(key);
        v.add(s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s));
      } catch (NumberFormatException e) {
        v.add(Double.NaN);
      }
    }
    return Stats.median(v);
  }

  private static String okhttpVersion() {
    try {
      return okhttp3.OkHttp.VERSION;
    } catch (LinkageError e) {
      return "5.x";
    }
  }
}
