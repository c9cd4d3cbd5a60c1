package dev.ssekit.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.CloseReason;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventIdGenerator;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of clients connect to a hub on Jersey and Grizzly, read a little, vanish and come back
 * with {@code Last-Event-ID}, while events are published all the time. Afterwards nothing is left
 * behind (threads, heap, file descriptors, subscribers) and no client lost or repeated an event.
 *
 * <p>The default run lasts about {@value #DEFAULT_SECONDS} s and at least {@value #MIN_CLIENTS}
 * clients; {@code -Dssekit.soak.seconds=600} makes it a soak of that many seconds.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // a soak may run 10 min; CI takes well under one
class ServerChurnTest {
  static final int DEFAULT_SECONDS = 10;
  static final int MIN_CLIENTS = 2000;
  /** Clients connected at once. */
  private static final int CONCURRENCY = 150;
  /** Connections per client: the first without an id, the others resuming with Last-Event-ID. */
  private static final int CONNECTIONS_PER_CLIENT = 3;

  private static final Duration WAIT = Duration.ofSeconds(60);

  @BeforeAll
  static void pollPromptly() {
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
  }

  private EventHub hub;
  private TestServer server;
  private ExecutorService httpExecutor;
  private ScheduledExecutorService publisher;

  @AfterEach
  void stop() {
    if (publisher != null) {
      publisher.shutdownNow();
    }
    if (hub != null) {
      hub.close();
    }
    if (server != null) {
      server.close();
    }
    if (httpExecutor != null) {
      httpExecutor.shutdownNow();
    }
  }

  /** What one client saw across all its connections. */
  private static final class ClientLog {
    final List<Long> seqs = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    /** Whether a connection that sent Last-Event-ID received events. */
    boolean resumedWithEvents;
  }

  @Test
  void clientsComeAndGoAndNothingLeaksOrIsLostOrRepeated() throws Exception {
    long seconds = Long.getLong("ssekit.soak.seconds", DEFAULT_SECONDS);
    long seed = Long.getLong("ssekit.churn.seed", System.nanoTime());
    hub =
        EventHub.builder()
            .ids(EventIdGenerator.sequence())
            .replayWindow(20_000, Duration.ofMinutes(5))
            .heartbeatInterval(Duration.ofMillis(250))
            // This test is about churn, leaks and exact resumption, not about the slow-subscriber
            // policy (StalledReadersTest covers that). On a CPU-starved machine the in-process
            // clients become slow readers, and the default bounds would then rightly end their
            // streams; these bounds are out of the way of anything this test does.
            .maxQueued(20_000, 64L << 20)
            .writeTimeout(Duration.ofSeconds(60))
            .build();
    Queue<Subscription> closed = new ConcurrentLinkedQueue<>();
    HubResource resource = new HubResource(hub, closed::add);
    server = TestServer.start(new ResourceConfig().register(resource));
    URI uri = server.uri("hub/events");
    // A fixed executor: the JDK's default is a cached pool, whose idle threads linger for a
    // minute and would hide or fake a thread leak.
    httpExecutor = Executors.newFixedThreadPool(2);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(httpExecutor)
            .build();
    AtomicLong published = new AtomicLong();
    publisher = Executors.newSingleThreadScheduledExecutor();
    publisher.scheduleAtFixedRate(
        () -> {
          long n = published.incrementAndGet();
          hub.publish(ServerSentEvent.of("seq", Long.toString(n)));
        },
        0,
        2,
        TimeUnit.MILLISECONDS);

    // Warm up: load the classes and fill the pools that are meant to stay, then take the baseline.
    runClients(http, uri, 100, Duration.ZERO, new Random(seed), new AtomicInteger());
    awaitNoSubscribers();
    closed.clear();
    Baseline before = Baseline.take();

    AtomicInteger connections = new AtomicInteger();
    long start = System.nanoTime();
    Tally tally =
        Tally.of(
            runClients(
                http, uri, MIN_CLIENTS, Duration.ofSeconds(seconds), new Random(seed), connections));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(tally.problems).as("seed %d", seed).isEmpty();

    awaitNoSubscribers();
    publisher.shutdown();
    assertThat(publisher.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    Map<CloseReason, Long> released =
        closed.stream()
            .collect(Collectors.groupingBy(Subscription::closeReason, TreeMap::new, Collectors.counting()));
    // The test resource keeps every released subscription (and so its Jersey request) for
    // inspection; forget them before looking at the heap.
    closed.clear();
    Baseline after = before.awaitReturn();
    System.out.printf(
        "server churn: %d clients, %d connections (%d concurrent), %d events published,"
            + " %d delivered, %d clients resumed with Last-Event-ID, 0 lost, 0 duplicated, in %d ms;"
            + " released %s; threads %d -> %d, heap %d -> %d MiB, fds %d -> %d (seed %d)%n",
        tally.clients,
        connections.get(),
        CONCURRENCY,
        published.get(),
        tally.delivered,
        tally.resumed,
        tookMillis,
        released,
        before.threads,
        after.threads,
        before.heap >> 20,
        after.heap >> 20,
        before.fds,
        after.fds,
        seed);
    assertThat(tally.clients).isGreaterThanOrEqualTo(MIN_CLIENTS);
    assertThat(tally.resumed).as("clients that resumed").isGreaterThan(tally.clients / 2);
    assertThat(released.keySet()).containsOnly(CloseReason.CLIENT_GONE);
  }

  /** What all clients saw, summed up; problems are gaps, duplicates and unexpected events. */
  private static final class Tally {
    int clients;
    long delivered;
    int resumed;
    final List<String> problems = new ArrayList<>();

    static Tally of(List<ClientLog> logs) {
      Tally t = new Tally();
      t.clients = logs.size();
      for (int i = 0; i < logs.size(); i++) {
        ClientLog log = logs.get(i);
        t.delivered += log.seqs.size();
        for (String p : log.problems) {
          t.problems.add("client " + i + ": " + p);
        }
        for (int j = 1; j < log.seqs.size(); j++) {
          long prev = log.seqs.get(j - 1);
          long next = log.seqs.get(j);
          if (next != prev + 1) {
            t.problems.add(
                "client "
                    + i
                    + ": event "
                    + next
                    + " after "
                    + prev
                    + (next <= prev ? " (duplicate)" : " (gap)"));
            break;
          }
        }
        if (log.resumedWithEvents) {
          t.resumed++;
        }
      }
      return t;
    }
  }

  private void awaitNoSubscribers() {
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 0);
  }

  /**
   * Runs clients {@link #CONCURRENCY} at a time, on threads of the test's own that are gone when
   * this returns, until at least {@code minClients} have run and {@code duration} has passed.
   */
  private List<ClientLog> runClients(
      HttpClient http, URI uri, int minClients, Duration duration, Random seeds, AtomicInteger connections)
      throws Exception {
    long deadline = System.nanoTime() + duration.toNanos();
    AtomicInteger started = new AtomicInteger();
    List<Future<List<ClientLog>>> workers = new ArrayList<>();
    ExecutorService drivers = Executors.newFixedThreadPool(CONCURRENCY);
    for (int w = 0; w < CONCURRENCY; w++) {
      long workerSeed = seeds.nextLong();
      workers.add(
          drivers.submit(
              () -> {
                Random random = new Random(workerSeed);
                List<ClientLog> mine = new ArrayList<>();
                while (started.get() < minClients || System.nanoTime() < deadline) {
                  started.incrementAndGet();
                  mine.add(runClient(http, uri, random, connections));
                }
                return mine;
              }));
    }
    List<ClientLog> all = new ArrayList<>();
    try {
      for (Future<List<ClientLog>> w : workers) {
        all.addAll(w.get(15, TimeUnit.MINUTES));
      }
    } finally {
      drivers.shutdownNow();
      assertThat(drivers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }
    return all;
  }

  /** One client: connects, reads a few events, goes; comes back with its Last-Event-ID. */
  private static ClientLog runClient(HttpClient http, URI uri, Random random, AtomicInteger connections)
      throws Exception {
    ClientLog log = new ClientLog();
    String lastId = null;
    for (int c = 0; c < CONNECTIONS_PER_CLIENT; c++) {
      connections.incrementAndGet();
      StreamClient stream = StreamClient.open(http, uri, lastId);
      int mode = random.nextInt(10);
      if (mode == 0) {
        // Gone before the response: the request is cancelled while in flight.
        stream.close();
      } else if (mode <= 2) {
        // Gone as soon as the headers arrive: the body is cancelled wherever its bytes are, in
        // the middle of a replay or of an event.
        stream.response();
        stream.close();
      } else {
        // Gone after reading a few events.
        int wanted = 1 + random.nextInt(5);
        stream.awaitEvents(wanted).get(60, TimeUnit.SECONDS);
        stream.close();
        if (stream.ended() && stream.eventCount() < wanted) {
          log.problems.add("stream ended after " + stream.eventCount() + " of " + wanted + " events");
        }
      }
      List<ServerSentEvent> events = stream.events();
      if (lastId != null && !events.isEmpty()) {
        log.resumedWithEvents = true;
      }
      for (ServerSentEvent e : events) {
        if (!"seq".equals(e.type()) || !e.data().equals(e.id())) {
          log.problems.add("unexpected event " + e);
          return log;
        }
        log.seqs.add(Long.parseLong(e.data()));
      }
      if (!log.seqs.isEmpty()) {
        lastId = Long.toString(log.seqs.get(log.seqs.size() - 1));
      }
    }
    return log;
  }

  /** Threads, heap after GC and open file descriptors of this JVM. */
  private record Baseline(int threads, long heap, long fds) {
    private static final int THREAD_SLACK = 4;
    // Grizzly pools buffers and Jersey caches per resource, so the heap settles a little higher;
    // the slack is still below what 6,000 connections leaking 8 KiB each would leave.
    private static final long HEAP_SLACK = 48L << 20;
    private static final long FD_SLACK = 16;

    static Baseline take() throws IOException {
      System.gc();
      return new Baseline(
          ManagementFactory.getThreadMXBean().getThreadCount(), heapAfterGc(), openFds());
    }

    /** Waits until threads, heap and descriptors are back within a tolerance of this baseline. */
    Baseline awaitReturn() {
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                Baseline now = take();
                assertThat(now.threads).as("threads").isLessThanOrEqualTo(threads + THREAD_SLACK);
                assertThat(now.heap).as("heap after GC").isLessThanOrEqualTo(heap + HEAP_SLACK);
                assertThat(now.fds).as("open file descriptors").isLessThanOrEqualTo(fds + FD_SLACK);
              });
      try {
        return take();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    private static long heapAfterGc() {
      System.gc();
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long openFds() throws IOException {
      Path fds = Path.of("/proc/self/fd");
      if (!Files.isDirectory(fds)) {
        return 0; // not Linux: only threads and heap are compared
      }
      try (Stream<Path> list = Files.list(fds)) {
        return list.count();
      }
    }
  }
}
