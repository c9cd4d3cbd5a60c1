package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The blocking iterator and the Flow publisher, and that both push back on the server. */
@Timeout(60)
class PullAndPublisherTest {
  private static final int BIG_TOTAL = 64 << 20;
  @AutoClose private RawServer server;

  @Test
  void theIteratorYieldsEventsAndEndsWithTheStream() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("id: 1\ndata: a\n\ndata: b\n\nid: 3\n\ndata: c\n\n");
              x.close();
            });
    try (EventStream events =
        EventSource.builder(server.uri("/")).reconnectPolicy(ReconnectPolicy.never()).events()) {
      assertThat(events.next().data()).isEqualTo("a");
      assertThat(events.lastEventId()).isEqualTo("1");
      assertThat(events.next().data()).isEqualTo("b");
      assertThat(events.lastEventId()).isEqualTo("1");
      assertThat(events.next().data()).isEqualTo("c");
      assertThat(events.lastEventId()).as("an id-only block counts").isEqualTo("3");
      assertThat(events.hasNext()).isFalse();
      assertThat(events.isClosed()).isTrue();
      assertThat(events.readyState()).isEqualTo(ReadyState.CLOSED);
    }
  }

  @Test
  void aFailureIsThrownFromTheIterator() throws Exception {
    server = new RawServer(x -> x.head(404, "Content-Length: 0").close());
    try (EventStream events = EventSource.builder(server.uri("/")).events()) {
      assertThatThrownBy(events::hasNext)
          .isInstanceOfSatisfying(
              EventSourceException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(EventSourceException.Reason.HTTP_STATUS);
                assertThat(e.statusCode()).isEqualTo(404);
              });
      assertThat(events.hasNext()).isFalse();
    }
  }

  @Test
  void pollWaitsABoundedTime() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write(":\n");
              x.awaitClientClose(Duration.ofSeconds(20));
            });
    try (EventStream events = EventSource.builder(server.uri("/")).events()) {
      assertThat(events.poll(Duration.ofMillis(200))).isNull();
      assertThat(events.isClosed()).isFalse();
    }
    assertThat(server.nextExchange().awaitClientClose(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void closingTheJavaStreamClosesTheConnection() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead();
              for (int i = 0; i < 5; i++) {
                x.write("data: " + i + "\n\n");
              }
              x.awaitClientClose(Duration.ofSeconds(20));
            });
    List<String> first;
    try (var stream = EventSource.builder(server.uri("/")).events().stream()) {
      first = stream.limit(3).map(ServerSentEvent::data).collect(Collectors.toList());
    }
    assertThat(first).containsExactly("0", "1", "2");
    assertThat(server.nextExchange().awaitClientClose(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void aSlowIteratorHoldsTheServerBackInsteadOfBuffering() throws Exception {
    AtomicLong written = new AtomicLong();
    server = new RawServer(x -> writeForever(x, written));
    try (EventStream events = EventSource.builder(server.uri("/")).events()) {
      assertThat(events.next().data()).startsWith("x");
      awaitStall(written);
      assertThat(written.get()).as("bytes the server managed to write").isLessThan(BIG_TOTAL / 2);
      // Still usable afterwards: the next event arrives.
      assertThat(events.next().data()).startsWith("x");
    }
  }

  @Test
  void aSlowConsumerIsNotMistakenForAnIdleServer() throws Exception {
    AtomicLong written = new AtomicLong();
    server = new RawServer(x -> writeForever(x, written));
    try (EventStream events =
        EventSource.builder(server.uri("/")).idleTimeout(Duration.ofMillis(200)).events()) {
      assertThat(events.next().data()).startsWith("x");
      // The consumer pauses for several idle timeouts: that pause is the behaviour under test.
      Thread.sleep(1000);
      for (int i = 0; i < 100; i++) {
        assertThat(events.next().data()).startsWith("x");
      }
      assertThat(server.exchanges()).hasSize(1);
      assertThat(events.readyState()).isEqualTo(ReadyState.OPEN);
    }
  }

  @Test
  void thePublisherDeliversOnlyWhatWasRequestedAndHoldsTheServerBack() throws Exception {
    AtomicLong written = new AtomicLong();
    server = new RawServer(x -> writeForever(x, written));
    FlowCollector<ServerSentEvent> sub = new FlowCollector<>();
    EventSource.builder(server.uri("/")).publisher().subscribe(sub);

    sub.subscription.get(10, TimeUnit.SECONDS).request(2);
    await().atMost(Duration.ofSeconds(10)).until(() -> sub.items.size() == 2);
    awaitStall(written);
    assertThat(sub.items).hasSize(2);
    assertThat(written.get()).isLessThan(BIG_TOTAL / 2);

    sub.subscription.get().request(3);
    await().atMost(Duration.ofSeconds(10)).until(() -> sub.items.size() == 5);
    sub.subscription.get().cancel();
    assertThat(server.nextExchange().awaitClientClose(Duration.ofSeconds(5))).isTrue();
    assertThat(sub.completed.isDone()).isFalse();
  }

  @Test
  void thePublisherCompletesOnNoContentAndFailsOnErrors() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.path.equals("/gone")) {
                x.head(204).close();
              } else {
                x.head(500, "Content-Length: 0").close();
              }
            });
    FlowCollector<ServerSentEvent> done = new FlowCollector<>();
    EventSource.builder(server.uri("/gone")).publisher().subscribe(done);
    done.subscription.get(10, TimeUnit.SECONDS).request(1);
    assertThat(done.completed.get(10, TimeUnit.SECONDS)).isNull();

    FlowCollector<ServerSentEvent> failed = new FlowCollector<>();
    EventSource.builder(server.uri("/fail")).publisher().subscribe(failed);
    failed.subscription.get(10, TimeUnit.SECONDS).request(1);
    assertThat(failed.completed)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOf(EventSourceException.class);
  }

  /**
   * A request for no events breaks Reactive Streams rule 3.9: the subscription fails with an
   * IllegalArgumentException, signalled after the onNext that asked, never inside or beside it, and
   * the connection closes.
   */
  @Test
  void aRequestForNoEventsFailsTheSubscriptionAfterTheOnNextInProgress() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("data: a\n\ndata: b\n\n");
              x.awaitClientClose(Duration.ofSeconds(10));
            });
    List<String> signals = new CopyOnWriteArrayList<>();
    CompletableFuture<Throwable> failed = new CompletableFuture<>();
    AtomicBoolean inOnNext = new AtomicBoolean();
    EventSource.builder(server.uri("/"))
        .publisher()
        .subscribe(
            new Flow.Subscriber<ServerSentEvent>() {
              private Flow.Subscription subscription;

              @Override
              public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(5);
              }

              @Override
              public void onNext(ServerSentEvent e) {
                inOnNext.set(true);
                signals.add("onNext " + e.data());
                subscription.request(0);
                signals.add("onNext returns");
                inOnNext.set(false);
              }

              @Override
              public void onError(Throwable t) {
                signals.add("onError" + (inOnNext.get() ? " inside onNext" : ""));
                failed.complete(t);
              }

              @Override
              public void onComplete() {
                signals.add("onComplete");
              }
            });

    assertThat(failed.get(10, TimeUnit.SECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3.9");
    assertThat(server.exchanges().get(0).awaitClientClose(Duration.ofSeconds(5))).isTrue();
    assertThat(signals).containsExactly("onNext a", "onNext returns", "onError");
  }

  /** Writes 1 KiB events until {@link #BIG_TOTAL} bytes or the client goes away. */
  private static void writeForever(RawServer.Exchange x, AtomicLong written) throws Exception {
    x.sseHead();
    byte[] frame = ("data: " + "x".repeat(1017) + "\n\n").getBytes();
    while (written.get() < BIG_TOTAL) {
      x.out.write(frame);
      written.addAndGet(frame.length);
    }
    x.out.flush();
    x.awaitClientClose(Duration.ofSeconds(20));
  }

  /** Waits until the server's writer has made no progress for a while. */
  private static void awaitStall(AtomicLong written) {
    long[] last = {-1};
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              long now = written.get();
              boolean stalled = now == last[0];
              last[0] = now;
              return stalled;
            });
  }
}
