package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSourceException.Reason;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseLimits;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An EventSource against servers that misbehave at the byte and socket level. */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // 10,000 reconnects take ~30 s; more under the soak
class ClientFaultsTest {
  @AutoClose private RawServer server;
  @AutoClose private EventSource source;
  @AutoClose("shutdownNow") private ExecutorService pool;

  @Test
  void anEventDripFedOneBytePerSecondArrivesIntactWithoutAnIdleReconnect() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("data: ");
              // One byte a second, each within the 2.5 s idle timeout: the drip is what is tested.
              for (char c : "hey\n\n".toCharArray()) {
                Thread.sleep(1000);
                x.write(String.valueOf(c));
              }
              x.awaitClientClose(Duration.ofSeconds(20));
            });
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/")).idleTimeout(Duration.ofMillis(2500)).build())
            .connect();

    assertThat(r.nextEvent()).isEqualTo(ServerSentEvent.of("hey"));
    assertThat(r.errors).isEmpty();
    assertThat(server.exchanges()).hasSize(1);
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
  }

  /** Streams {@code prefix} and then {@code repeated} forever, until the client hangs up. */
  private static RawServer.Script endless(String prefix, String repeated) {
    byte[] chunk = repeated.repeat(Math.max(1, (16 << 10) / repeated.length())).getBytes(StandardCharsets.US_ASCII);
    return x -> {
      x.sseHead().write("data: before\n\n" + prefix);
      while (true) {
        x.out.write(chunk); // an IOException once the client has gone ends the script
      }
    };
  }

  /** An endless line, and an endless event of short lines: each must hit its own limit. */
  static Stream<Arguments> endlessStreams() {
    return Stream.of(
        Arguments.of("data: ", "x", "line longer"),
        Arguments.of("", "data: xxxxxxxxxxxxxxxxxxxxxxxx\n", "event larger"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("endlessStreams")
  void aStreamThatNeverEndsFailsWithTheLimitNotOutOfMemory(
      String prefix, String repeated, String limitMessage) throws Exception {
    server = new RawServer(endless(prefix, repeated));
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/"))
                    .limits(new SseLimits(256 << 10, 1 << 20))
                    .build())
            .connect();

    assertThat(r.nextEvent().data()).isEqualTo("before");
    EventSourceException e = r.nextError();
    assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED);
    assertThat(e.willReconnect()).isFalse();
    assertThat(e.getMessage()).contains(limitMessage);
    r.awaitClosed();
    assertThat(server.exchanges().get(0).awaitClientClose(Duration.ofSeconds(10))).isTrue();
    assertThat(server.exchanges()).hasSize(1);
    assertThat(r.events).isEmpty();
  }

  @Test
  void aResetMidEventDiscardsThePartAndResumesWithLastEventId() throws Exception {
    CountDownLatch firstSeen = new CountDownLatch(1);
    server =
        new RawServer(
            x -> {
              if (x.index == 0) {
                // The partial event comes in the same write as the complete one, so it has been
                // read once "one" is seen; then the connection is reset (RST, not FIN).
                x.sseHead().write("retry: 10\nid: 1\ndata: one\n\nid: 2\ndata: tw");
                firstSeen.await(10, TimeUnit.SECONDS);
                x.socket.setSoLinger(true, 0);
                x.close();
              } else {
                x.sseHead().write("id: 2\ndata: two\n\nid: 3\ndata: three\n\n");
                x.awaitClientClose(Duration.ofSeconds(20));
              }
            });
    Recorder r = new Recorder();
    source = EventSource.builder(server.uri("/")).build();
    source.onMessage(
        e -> {
          if (e.data().equals("one")) {
            firstSeen.countDown();
          }
        });
    r.attach(source).connect();

    assertThat(r.nextEvent().data()).isEqualTo("one");
    assertThat(r.nextEvent().data()).isEqualTo("two");
    assertThat(r.nextEvent().data()).isEqualTo("three");
    assertThat(server.exchanges().get(1).header("Last-Event-ID")).isEqualTo("1");
    assertThat(r.events).isEmpty();
    // The reset is a network error (or, depending on timing, an ordinary end): never fatal.
    assertThat(r.errors).allSatisfy(e -> {
      assertThat(e.reason()).isEqualTo(Reason.NETWORK);
      assertThat(e.willReconnect()).isTrue();
    });
    assertThat(source.lastEventId()).isEqualTo("3");
  }

  @Test
  void thousandsOfReconnectsInARowLeakNoThreadsOrSockets() throws Exception {
    int reconnects = Integer.getInteger("ssekit.client.reconnects", 10_000);
    server =
        new RawServer(
            x -> {
              String last = x.header("Last-Event-ID");
              int n = last == null ? 0 : Integer.parseInt(last) + 1;
              // retry: 0 and a clean end: the client reconnects at once, as often as it can.
              x.sseHead().write("retry: 0\nid: " + n + "\ndata: " + n + "\n\n");
              x.close();
            });
    // A fixed executor: the JDK's default cached pool keeps idle threads for a minute.
    pool = Executors.newFixedThreadPool(2);
    HttpClient http = HttpClient.newBuilder().executor(pool).build();
    AtomicInteger received = new AtomicInteger();
    AtomicInteger outOfOrder = new AtomicInteger();
    CountDownLatch warm = new CountDownLatch(20);
    CountDownLatch done = new CountDownLatch(1);
    int[] stopAt = {Integer.MAX_VALUE};

    // Warm up the client, the server and the shared timer, then take the baseline.
    EventSource warmup = EventSource.builder(server.uri("/")).httpClient(http).build();
    warmup.onMessage(e -> warm.countDown()).connect();
    assertThat(warm.await(60, TimeUnit.SECONDS)).isTrue();
    warmup.close();
    awaitServerIdle();
    Resources before = Resources.now();
    int firstExchange = server.exchanges().size();

    long start = System.nanoTime();
    source =
        EventSource.builder(server.uri("/"))
            .httpClient(http)
            .lastEventId("999")
            .build();
    int firstN = 1000;
    source.onMessage(
        e -> {
          int i = received.getAndIncrement();
          if (!e.data().equals(Integer.toString(firstN + i))) {
            outOfOrder.incrementAndGet();
          }
          if (i + 1 >= reconnects) {
            source.close();
            done.countDown();
          }
        });
    source.onError(e -> outOfOrder.incrementAndGet());
    source.connect();
    assertThat(done.await(10, TimeUnit.MINUTES)).as("%d reconnects", reconnects).isTrue();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    awaitServerIdle();
    List<RawServer.Exchange> xs = server.exchanges();
    Resources after = before.awaitReturn();

    System.out.printf(
        "client reconnects: %d connections in a row in %d ms (%.1f per second), each event once,"
            + " %d errors or gaps; threads %d -> %d, fds %d -> %d%n",
        received.get(),
        tookMillis,
        received.get() * 1000.0 / Math.max(1, tookMillis),
        outOfOrder.get(),
        before.threads,
        after.threads,
        before.fds,
        after.fds);
    assertThat(outOfOrder.get()).isZero();
    assertThat(received.get()).isEqualTo(reconnects);
    assertThat(xs.size() - firstExchange).isBetween(reconnects, reconnects + 1);
    for (int k = 0; k < reconnects; k++) {
      assertThat(xs.get(firstExchange + k).header("Last-Event-ID"))
          .as("connection %d", k)
          .isEqualTo(Integer.toString(firstN - 1 + k));
    }
  }

  /** Waits until every server connection's script has finished. */
  private void awaitServerIdle() {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> server.exchanges().stream().allMatch(x -> x.socket.isClosed()));
  }

  /**
   * Live threads and open file descriptors of this JVM (threads without java.management, which
   * this module does not read).
   */
  private record Resources(int threads, long fds) {
    private static final int THREAD_SLACK = 3;
    private static final long FD_SLACK = 10;

    static Resources now() throws IOException {
      return new Resources(Thread.getAllStackTraces().size(), openFds());
    }

    Resources awaitReturn() throws IOException {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () -> {
                Resources now = now();
                assertThat(now.threads).as("threads").isLessThanOrEqualTo(threads + THREAD_SLACK);
                assertThat(now.fds).as("open file descriptors").isLessThanOrEqualTo(fds + FD_SLACK);
              });
      return now();
    }

    private static long openFds() throws IOException {
      Path fds = Path.of("/proc/self/fd");
      if (!Files.isDirectory(fds)) {
        return 0; // not Linux: only threads are compared
      }
      try (Stream<Path> list = Files.list(fds)) {
        return list.count();
      }
    }
  }
}
