package dev.ssekit.benchmarks.client;

import dev.ssekit.benchmarks.fanout.ProcessStats;
import dev.ssekit.client.EventSource;
import dev.ssekit.client.ReconnectPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many ssekit streams to one HTTPS origin that speaks HTTP/2, in one JVM: how many TCP connections
 * they use, how many threads and how much heap per stream. Prints one line per phase.
 *
 * <p>Usage: {@code Http2Streams URL N [SECONDS [CLIENTS]]} with the JVM trusting the server's
 * certificate ({@code -Djavax.net.ssl.trustStore=…}). The HttpClient is the one docs/client.md
 * ("Many streams") advises for many streams (shared, a small fixed executor) and asks for HTTP/2.
 * Stops by itself after {@code SECONDS} (default 120) of waiting for the streams to open; the
 * streams are spread over {@code CLIENTS} HttpClients (default 1).
 */
public final class Http2Streams {
  private Http2Streams() {}

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    int n = Integer.parseInt(args[1]);
    long seconds = args.length > 2 ? Long.parseLong(args[2]) : 120;
    int clientCount = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    var executor = Executors.newFixedThreadPool(2, r -> daemon(r, "jdk-http"));
    List<HttpClient> clients = new ArrayList<>();
    for (int i = 0; i < clientCount; i++) {
      clients.add(
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).executor(executor).build());
    }
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Set<String> versions = ConcurrentHashMap.newKeySet();
    Set<String> failures = ConcurrentHashMap.newKeySet();
    AtomicInteger events = new AtomicInteger();
    // One stream per client first, so that the baseline holds each client's connection and TLS
    // session: requests sent to a client before its first connection is up open one each.
    List<EventSource> sources = new ArrayList<>();
    for (HttpClient c : clients) {
      sources.add(open(uri, c, opened, failed, versions, failures, events));
    }
    await(() -> opened.get() + failed.get() >= clientCount, seconds);
    String base = ProcessStats.measure();
    System.out.println(
        "BASE streams=" + clientCount + " connections=" + connections(uri.getPort()) + " " + base);
    long start = System.nanoTime();
    for (int i = clientCount; i < n; i++) {
      HttpClient client = clients.get(i % clientCount);
      sources.add(open(uri, client, opened, failed, versions, failures, events));
    }
    await(() -> opened.get() + failed.get() >= n, seconds);
    long openMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.println(
        "OPEN ok="
            + opened.get()
            + " failed="
            + failed.get()
            + " in "
            + openMillis
            + " ms versions="
            + versions
            + " failures="
            + failures);
    String all = ProcessStats.measure();
    System.out.println(
        "ALL streams="
            + n
            + " connections="
            + connections(uri.getPort())
            + " "
            + all
            + " events="
            + events.get());
    // Per stream opened after the baseline's one; failed streams leave nothing behind.
    long heapPerStream = (field(all, "heap") - field(base, "heap")) / Math.max(1, opened.get() - 1);
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT streams=%d clients=%d open=%d connections=%d threads=%d->%d"
                + " heapPerOpenStream=%.1fKiB",
            n,
            clientCount,
            opened.get(),
            connections(uri.getPort()),
            field(base, "threads"),
            field(all, "threads"),
            heapPerStream / 1024.0));
    for (EventSource s : sources) {
      s.close();
    }
    Runtime.getRuntime().halt(0);
  }

  private static EventSource open(
      URI uri,
      HttpClient client,
      AtomicInteger opened,
      AtomicInteger failed,
      Set<String> versions,
      Set<String> failures,
      AtomicInteger events) {
    EventSource source =
        EventSource.builder(uri)
            .httpClient(client)
            .reconnectPolicy(ReconnectPolicy.never())
            .build()
            .onOpen(
                r -> {
                  versions.add(r.version().toString());
                  opened.incrementAndGet();
                })
            .onMessage(e -> events.incrementAndGet())
            .on("ping", e -> events.incrementAndGet())
            .onError(
                e -> {
                  if (!e.willReconnect()) {
                    failures.add(e.reason() + ": " + e.getMessage());
                    failed.incrementAndGet();
                  }
                });
    source.connect();
    return source;
  }

  /**
   * Established TCP connections from this machine to {@code port} on loopback, from {@code
   * /proc/net/tcp} and {@code tcp6} (the JDK's sockets are dual-stack): only this process connects
   * to the server under test.
   */
  private static long connections(int port) throws IOException {
    String v4 = String.format(Locale.ROOT, "0100007F:%04X", port);
    String v6 = String.format(Locale.ROOT, "0000000000000000FFFF00000100007F:%04X", port);
    long n = 0;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try (var lines = Files.lines(Path.of(table))) {
        n +=
            lines
                .skip(1)
                .map(String::trim)
                .map(l -> l.split("\\s+"))
                .filter(f -> (f[2].equals(v4) || f[2].equals(v6)) && f[3].equals("01"))
                .count();
      }
    }
    return n;
  }

  private static long field(String stats, String name) {
    for (String kv : stats.split(" ")) {
      if (kv.startsWith(name + "=")) {
        return Long.parseLong(kv.substring(name.length() + 1));
      }
    }
    throw new IllegalArgumentException(name + " not in " + stats);
  }

  private static void await(java.util.function.BooleanSupplier done, long seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
