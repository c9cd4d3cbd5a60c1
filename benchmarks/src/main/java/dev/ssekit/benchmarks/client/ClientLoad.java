package dev.ssekit.benchmarks.client;

import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.background.BackgroundEventHandler;
import com.launchdarkly.eventsource.background.BackgroundEventSource;
import dev.ssekit.benchmarks.fanout.FanoutPing;
import dev.ssekit.benchmarks.fanout.LatencyHistogram;
import dev.ssekit.benchmarks.fanout.Micros;
import dev.ssekit.benchmarks.fanout.ProcessStats;
import dev.ssekit.client.EventSource;
import dev.ssekit.client.ReconnectPolicy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * The client process of the client comparison: holds N concurrent event streams of one library
 * against one server, each configured as that library's documentation suggests for many streams,
 * and answers one-line commands on stdin:
 *
 * <ul>
 *   <li>{@code stats} → {@code STATS heap=… rss=… threads=…} (after full GCs)
 *   <li>{@code connect N SECONDS} → {@code OPEN ok=… failed=…} once every stream is open or failed
 *   <li>{@code collect E SECONDS} → {@code RESULT …} once every open stream received E events (or
 *       the time is up): counts, sequence gaps, latency percentiles in µs
 *   <li>{@code quit}, or end of stdin → exits
 * </ul>
 *
 * <p>Usage: {@code ClientLoad ssekit|okhttp|launchdarkly URL}. Prints {@code READY} once the
 * library's shared client exists, so the first {@code stats} is the baseline without streams.
 */
public final class ClientLoad {
  private final String lib;
  private final URI uri;
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong gaps = new AtomicLong();
  private final LatencyHistogram latency = new LatencyHistogram();
  private final List<AutoCloseable> streams = new ArrayList<>();

  private HttpClient jdkClient;
  private OkHttpClient okClient;
  private ExecutorService ldEvents;

  private ClientLoad(String lib, URI uri) {
    this.lib = lib;
    this.uri = uri;
    switch (lib) {
      case "ssekit" ->
          // As sse-client's notes advise for thousands of streams: one shared HttpClient with a
          // small fixed executor.
          jdkClient =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .executor(Executors.newFixedThreadPool(2, daemon("jdk-http")))
                  .build();
      case "okhttp" -> {
        // OkHttp's dispatcher allows 5 calls per host by default; each SSE call holds a
        // dispatcher thread (blocking reads), so both limits must be at least N.
        Dispatcher d = new Dispatcher();
        d.setMaxRequests(100_000);
        d.setMaxRequestsPerHost(100_000);
        okClient = new OkHttpClient.Builder().dispatcher(d).readTimeout(Duration.ZERO).build();
      }
      case "launchdarkly" -> {
        okClient = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
        // One shared handler thread (the default is one more thread per source; a single thread
        // keeps each stream's events in order); reading still takes one thread per stream.
        ldEvents = Executors.newSingleThreadExecutor(daemon("ld-events"));
      }
      default -> throw new IllegalArgumentException("lib must be ssekit, okhttp or launchdarkly");
    }
  }

  /** Runs until told to quit; exits by itself after an hour at the latest. */
  public static void main(String[] args) throws Exception {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(20));
              } catch (InterruptedException e) {
                return;
              }
              Runtime.getRuntime().halt(3);
            });
    watchdog.setDaemon(true);
    watchdog.start();
    ClientLoad load = new ClientLoad(args[0], URI.create(args[1]));
    System.out.println("READY lib=" + args[0]);
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] cmd = line.trim().split("\\s+");
      String reply =
          switch (cmd[0]) {
            case "stats" -> "STATS open=" + load.opened.get() + " " + ProcessStats.measure();
            case "connect" -> load.connect(Integer.parseInt(cmd[1]), Long.parseLong(cmd[2]));
            case "collect" -> load.collect(Long.parseLong(cmd[1]), Long.parseLong(cmd[2]));
            case "quit" -> null;
            default -> "ERROR unknown command " + line;
          };
      if (reply == null) {
        break;
      }
      System.out.println(reply);
      System.out.flush();
    }
    Runtime.getRuntime().halt(0); // do not wait for thousands of streams to close politely
  }

  private String connect(int n, long seconds) throws InterruptedException {
    for (int i = 0; i < n; i++) {
      streams.add(open());
      // Pace the handshakes a little, as a real fleet would; the backlog is finite.
      while (i - opened.get() - failed.get() > 200) {
        Thread.sleep(1);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (opened.get() + failed.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return "OPEN ok=" + opened.get() + " failed=" + failed.get() + " errors=" + errors.get();
  }

  private String collect(long events, long seconds) throws InterruptedException {
    long expected = opened.get() * events;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (received.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    synchronized (latency) {
      return "RESULT received=" + received.get() + " expected=" + expected + " missing="
          + (expected - received.get()) + " gaps=" + gaps.get() + " errors=" + errors.get()
          + " p50=" + latency.quantile(0.5) + " p99=" + latency.quantile(0.99) + " max="
          + latency.max();
    }
  }

  /** Called by every library's listener with the event's data. */
  private void tick(long[] last, long seq, long sentMicros) {
    long now = Micros.now();
    synchronized (last) {
      if (last[0] != 0 && seq != last[0] + 1) {
        gaps.incrementAndGet();
      }
      last[0] = seq;
    }
    synchronized (latency) {
      latency.record(now - sentMicros);
    }
    received.incrementAndGet();
  }

  private AutoCloseable open() {
    long[] last = new long[1];
    switch (lib) {
      case "ssekit" -> {
        EventSource source =
            EventSource.builder(uri)
                .httpClient(jdkClient)
                .reconnectPolicy(ReconnectPolicy.never())
                .build()
                .on(FanoutPing.class, p -> tick(last, p.seq(), p.sentMicros()))
                .onOpen(r -> opened.incrementAndGet())
                .onError(
                    e -> {
                      errors.incrementAndGet();
                      if (!e.willReconnect()) {
                        failed.incrementAndGet();
                      }
                    });
        source.connect();
        return source;
      }
      case "okhttp" -> {
        okhttp3.sse.EventSource source =
            EventSources.createFactory(okClient)
                .newEventSource(
                    new Request.Builder().url(uri.toString()).build(),
                    new EventSourceListener() {
                      @Override
                      public void onOpen(okhttp3.sse.EventSource s, Response response) {
                        opened.incrementAndGet();
                      }

                      @Override
                      public void onEvent(
                          okhttp3.sse.EventSource s, String id, String type, String data) {
                        if ("tick".equals(type)) {
                          long[] v = numbers(data);
                          tick(last, v[0], v[1]);
                        }
                      }

                      @Override
                      public void onFailure(
                          okhttp3.sse.EventSource s, Throwable t, Response response) {
                        errors.incrementAndGet();
                        failed.incrementAndGet();
                      }
                    });
        return source::cancel;
      }
      default -> {
        BackgroundEventSource source =
            new BackgroundEventSource.Builder(
                    new BackgroundEventHandler() {
                      @Override
                      public void onOpen() {
                        opened.incrementAndGet();
                      }

                      @Override
                      public void onClosed() {}

                      @Override
                      public void onMessage(String event, MessageEvent message) {
                        if ("tick".equals(event)) {
                          long[] v = numbers(message.getData());
                          tick(last, v[0], v[1]);
                        }
                      }

                      @Override
                      public void onComment(String comment) {}

                      @Override
                      public void onError(Throwable t) {
                        errors.incrementAndGet();
                      }
                    },
                    new com.launchdarkly.eventsource.EventSource.Builder(
                        ConnectStrategy.http(uri).httpClient(okClient)))
                .eventsExecutor(ldEvents)
                .build();
        source.start();
        return source;
      }
    }
  }

  /** The first two runs of digits in {@code {"seq":N,"sentMicros":M}}. */
  static long[] numbers(String json) {
    long[] v = new long[2];
    int k = 0;
    int i = 0;
    int n = json.length();
    while (i < n && k < 2) {
      char c = json.charAt(i);
      if (c >= '0' && c <= '9') {
        long x = 0;
        while (i < n && json.charAt(i) >= '0' && json.charAt(i) <= '9') {
          x = x * 10 + (json.charAt(i++) - '0');
        }
        v[k++] = x;
      } else {
        i++;
      }
    }
    return v;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
