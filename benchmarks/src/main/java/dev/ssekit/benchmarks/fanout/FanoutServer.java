package dev.ssekit.benchmarks.fanout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The server process of a fan-out run, serving {@code GET /events}: the ssekit hub through
 * sse-jaxrs on Jersey and Grizzly ({@code ssekit}), the hub through sse-servlet on Jetty 12
 * ({@code servlet}), or Jersey's {@code SseBroadcaster} on Jersey and Grizzly ({@code jersey}), each
 * server with default settings; {@code ssekit-metrics} and {@code servlet-metrics} are the first two
 * with sse-micrometer's {@code SseMetrics} observing the hub; {@code raw} is no library but the
 * floor, bare NIO writes ({@link RawFloorBroadcast}); driven by one-line commands on stdin and answering on stdout:
 *
 * <ul>
 *   <li>{@code stats} → {@code STATS subs=… heap=… rss=… threads=…} (after full GCs)
 *   <li>{@code waitsubs N SECONDS} → {@code SUBS n} once n ≥ N or the time is up
 *   <li>{@code run WARM PACED RATE FLAT [PUBLISHERS]} → publishes WARM + PACED events at RATE per
 *       second, then FLAT events flat out, from PUBLISHERS threads (default 1); {@code PUBLISHED
 *       pacedRate=… flatMicros=…}
 *   <li>{@code warmpublish COUNT THREADS} → publishes COUNT events that no subscriber sees from
 *       THREADS threads, to warm up the publishing path; {@code WARMED micros=…}
 *   <li>{@code quit}, or end of stdin → exits
 * </ul>
 *
 * <p>Usage: {@code FanoutServer ssekit|servlet|ssekit-metrics|servlet-metrics|jersey|raw [maxQueuedEvents] [--redis=URI] [--keyPrefix=P]
 * [--heartbeatMs=MS]}. With {@code --redis} the hub keeps its events in a {@code RedisEventLog} on
 * that Redis (one node of several that share it); {@code --heartbeatMs} sets the hub's heartbeat
 * interval (default the hub's, 15 s). Prints {@code READY port=…}.
 */
public final class FanoutServer {
  private FanoutServer() {}

  /** Runs the server until told to quit or its parent goes away. */
  public static void main(String[] args) throws Exception {
    String impl = args[0];
    int maxQueued =
        args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 100_000;
    Options o =
        new Options(
            java.util.Arrays.stream(args).filter(a -> a.startsWith("--")).toArray(String[]::new),
            "redis", "",
            "keyPrefix", "ssekit:",
            "heartbeatMs", "");
    Broadcast broadcast =
        switch (impl) {
          case "ssekit", "servlet", "ssekit-metrics", "servlet-metrics" -> new HubBroadcast(
              maxQueued,
              o.get("redis").isEmpty() ? null : SharedLogs.redis(o.get("redis"), o.get("keyPrefix")),
              o.get("heartbeatMs").isEmpty()
                  ? null
                  : java.time.Duration.ofMillis(Long.parseLong(o.get("heartbeatMs"))),
              impl.endsWith("-metrics"));
          case "jersey" -> new JerseyBroadcast();
          case "raw" -> new RawFloorBroadcast();
          default -> throw new IllegalArgumentException(
              "impl must be ssekit, servlet (either with -metrics), jersey or raw: " + impl);
        };
    AutoCloseable server;
    int port;
    if (broadcast instanceof RawFloorBroadcast raw) {
      server = raw;
      port = raw.port();
    } else if (impl.startsWith("servlet")) {
      JettyServletHost jetty = new JettyServletHost(((HubBroadcast) broadcast).hub());
      server = jetty;
      port = jetty.port();
    } else {
      ResourceConfig app =
          new ResourceConfig()
              .register(broadcast.resource())
              .property(ServerProperties.WADL_FEATURE_DISABLE, true);
      HttpServer grizzly =
          GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app);
      server = grizzly::shutdownNow;
      port = grizzly.getListeners().iterator().next().getPort();
    }
    System.out.println("READY port=" + port);
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try {
      String line;
      while ((line = in.readLine()) != null) {
        String[] cmd = line.trim().split("\\s+");
        String reply;
        try {
          reply =
              switch (cmd[0]) {
                case "stats" -> "STATS subs=" + broadcast.subscribers() + " " + ProcessStats.measure();
                case "waitsubs" -> "SUBS "
                    + waitForSubscribers(broadcast, Integer.parseInt(cmd[1]), Long.parseLong(cmd[2]));
                case "run" -> run(
                    broadcast,
                    Integer.parseInt(cmd[1]),
                    Integer.parseInt(cmd[2]),
                    Integer.parseInt(cmd[3]),
                    Integer.parseInt(cmd[4]),
                    cmd.length > 5 ? Integer.parseInt(cmd[5]) : 1);
                case "warmpublish" -> warmPublish(
                    broadcast, Integer.parseInt(cmd[1]), Integer.parseInt(cmd[2]));
                case "quit" -> null;
                default -> "ERROR unknown command " + line;
              };
        } catch (RuntimeException | Error e) {
          // Said on stdout, so that the coordinator fails the run at once; the trace goes to the log.
          e.printStackTrace();
          reply = "ERROR " + cmd[0] + ": " + e;
        }
        if (reply == null) {
          break;
        }
        System.out.println(reply);
        System.out.flush();
      }
    } finally {
      broadcast.close();
      server.close();
      System.exit(0);
    }
  }

  private static String warmPublish(Broadcast broadcast, int count, int threads)
      throws InterruptedException {
    long t0 = System.nanoTime();
    inParallel(threads, count, i -> broadcast.publishUnseen(new FanoutPing(i + 1, Micros.now())));
    return "WARMED micros=" + (System.nanoTime() - t0) / 1000;
  }

  /**
   * Runs {@code task} for 0 .. count - 1 on {@code threads} threads, thread p taking p, p +
   * threads, … in order; rethrows the first failure.
   */
  private static void inParallel(int threads, int count, java.util.function.IntConsumer task)
      throws InterruptedException {
    List<Thread> started = new ArrayList<>();
    java.util.concurrent.atomic.AtomicReference<RuntimeException> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    for (int p = 0; p < threads; p++) {
      int lane = p;
      started.add(new Thread(() -> {
        try {
          for (int i = lane; i < count && failure.get() == null; i += threads) {
            task.accept(i);
          }
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        }
      }, "publisher-" + p));
    }
    started.forEach(Thread::start);
    for (Thread t : started) {
      t.join();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private static int waitForSubscribers(Broadcast broadcast, int n, long seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (broadcast.subscribers() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return broadcast.subscribers();
  }

  /**
   * Publishes the run's events. Paced events carry the time they were due, not the time they went
   * out, so a publisher that falls behind shows as latency instead of hiding it.
   */
  private static String run(
      Broadcast broadcast, int warm, int paced, int rate, int flat, int publishers)
      throws InterruptedException {
    long seq = 0;
    long intervalNanos = 1_000_000_000L / rate;
    // The due times are nanoTime-based, their stamps wall-clock: read the two clocks as one pair
    // (a thread descheduled between the two reads would shift every stamp by the delay, and show
    // events as received before they were due).
    long startNanos;
    long startMicros;
    int tries = 0;
    long before;
    do {
      before = System.nanoTime();
      startMicros = Micros.now();
      startNanos = System.nanoTime();
    } while (startNanos - before > 20_000 && ++tries < 1000);
    startNanos = before + (startNanos - before) / 2;
    int pacedTotal = warm + paced;
    long pacedStart = 0;
    for (int i = 0; i < pacedTotal; i++) {
      long due = startNanos + i * intervalNanos;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (i == warm) {
        pacedStart = System.nanoTime();
      }
      broadcast.publish(new FanoutPing(++seq, startMicros + i * intervalNanos / 1000));
    }
    double pacedRate =
        paced == 0 ? 0 : paced * 1e9 / Math.max(1, System.nanoTime() - pacedStart);
    long flatStart = System.nanoTime();
    if (publishers <= 1) {
      for (int i = 0; i < flat; i++) {
        broadcast.publish(new FanoutPing(++seq, Micros.now()));
      }
    } else {
      // Flat-out events from several threads, so that a log with one round trip per append (Redis)
      // has several appends in flight. Thread p publishes the events i ≡ p (mod publishers), in
      // order: within each such lane the log's order is the publish order, across lanes it is
      // whatever the log made of them, and the load client checks each lane.
      long base = seq;
      inParallel(publishers, flat, i -> broadcast.publish(new FanoutPing(base + i + 1, Micros.now())));
    }
    long flatMicros = (System.nanoTime() - flatStart) / 1000;
    return String.format("PUBLISHED pacedRate=%.1f flatMicros=%d", pacedRate, flatMicros);
  }

}
