package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.params.provider.MethodSource;

/** Listener failures and the order and exclusivity of callbacks. */
@Timeout(30)
class ListenerTest {
  @AutoClose private RawServer server;
  @AutoClose private EventSource source;
  @AutoClose("shutdownNow") private ExecutorService pool;

  static Stream<Throwable> whatListenersThrow() {
    // An Error too, such as a failed assertion: it must not silently end delivery.
    return Stream.of(new IllegalStateException("boom"), new AssertionError("boom"));
  }

  @ParameterizedTest
  @MethodSource("whatListenersThrow")
  void aThrowingListenerIsReportedAndTheStreamGoesOn(Throwable thrown) throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("data: 1\n\ndata: 2\n\n");
              x.write("data: 3\n\n");
              x.awaitClientClose(Duration.ofSeconds(20));
            });
    Recorder r = new Recorder();
    source = EventSource.builder(server.uri("/")).build();
    source.onMessage(
        e -> {
          if (e.data().equals("1")) {
            sneakyThrow(thrown);
          }
        });
    r.attach(source).connect();

    EventSourceException e = r.nextError();
    assertThat(e.reason()).isEqualTo(EventSourceException.Reason.LISTENER);
    assertThat(e.willReconnect()).isTrue();
    assertThat(e.getCause()).isSameAs(thrown);
    for (String expected : List.of("1", "2", "3")) {
      assertThat(r.nextEvent().data()).isEqualTo(expected);
    }
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
  }

  @Test
  void callbacksRunOneAtATimeInOrderOnAMultiThreadedExecutor() throws Exception {
    int count = 300;
    server =
        new RawServer(
            x -> {
              x.sseHead();
              for (int i = 0; i < count; i += 10) {
                StringBuilder b = new StringBuilder();
                for (int j = i; j < i + 10; j++) {
                  b.append("data: ").append(j).append("\n\n");
                }
                x.write(b.toString());
              }
              x.close();
            });
    pool = Executors.newFixedThreadPool(4);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    List<Integer> seen = new ArrayList<>();
    CountDownLatch all = new CountDownLatch(count);
    source =
        EventSource.builder(server.uri("/"))
            .executor(pool)
            .reconnectPolicy(ReconnectPolicy.never())
            .build();
    source.onMessage(
        e -> {
          if (inside.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
          }
          seen.add(Integer.parseInt(e.data()));
          Thread.yield();
          inside.decrementAndGet();
          all.countDown();
        });
    source.connect();

    assertThat(all.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(overlaps.get()).isZero();
    for (int i = 0; i < count; i++) {
      assertThat(seen.get(i)).isEqualTo(i);
    }
  }

  @Test
  void errorAndCloseListenersThatThrowDoNotBreakTheSource() throws Exception {
    server = new RawServer(x -> x.head(500, "Content-Length: 0").close());
    CountDownLatch closed = new CountDownLatch(1);
    source =
        EventSource.builder(server.uri("/")).build()
            .onError(
                e -> {
                  throw new IllegalStateException("bad error listener");
                })
            .onClose(
                () -> {
                  throw new IllegalStateException("bad close listener");
                })
            .onClose(closed::countDown)
            .connect();

    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
  }


  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }
}
