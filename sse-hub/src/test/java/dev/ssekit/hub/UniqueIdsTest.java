package dev.ssekit.hub;

import static dev.ssekit.hub.TestHubs.WAIT;
import static dev.ssekit.hub.TestHubs.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.contract.MemorySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Ids are unique within the replay window, so that replay from an id is never ambiguous. */
class UniqueIdsTest {
  private final MutableClock clock = new MutableClock();
  @AutoClose private final TestHubs hubs = new TestHubs();

  private EventHub hub(EventHub.Builder b) {
    return hubs.build(b.clock(clock));
  }

  private static ServerSentEvent withId(String id) {
    return ServerSentEvent.builder().id(id).data("data of " + id).build();
  }

  /** A client that reconnects with {@code lastEventId}. */
  private static MemorySink resume(EventHub hub, String lastEventId) {
    MemorySink sink = new MemorySink();
    hub.subscribe(sink, lastEventId);
    return sink;
  }

  @Test
  void aSecondEventUnderAnIdInTheWindowIsRefusedAndReplayStaysExact() {
    EventHub hub = hub(EventHub.builder());
    MemorySink live = new MemorySink();
    hub.subscribe(live, null);
    hub.publish(withId("1"));
    hub.publish(withId("2"));
    hub.publish(withId("3"));
    assertThatThrownBy(() -> hub.publish(withId("1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event id \"1\"")
        .hasMessageContaining("replay window")
        .hasMessageContaining("Nothing was published");
    hub.publish(withId("4"));

    await().until(() -> live.events().size() == 4);
    assertThat(live.ids()).containsExactly("1", "2", "3", "4");
    MemorySink resumed = resume(hub, "1");
    await().until(() -> resumed.events().size() == 3);
    assertThat(resumed.ids()).containsExactly("2", "3", "4");
    assertThat(resumed.events()).extracting(ServerSentEvent::data).doesNotContain("data of 1");
  }

  @Test
  void aGeneratedIdAlreadyInTheWindowIsTheGeneratorsFault() {
    EventHub hub = hub(EventHub.builder().ids(EventIdGenerator.sequence()));
    hub.publish(withId("1"));
    assertThatThrownBy(() -> hub.publish(ServerSentEvent.of("clash")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("EventIdGenerator")
        .hasMessageContaining("\"1\"")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(hub.publish(ServerSentEvent.of("next"))).isEqualTo("2");
    MemorySink resumed = resume(hub, "1");
    await().until(() -> resumed.events().size() == 1);
    assertThat(resumed.events().get(0).data()).isEqualTo("next");
  }

  @Test
  void anIdPushedOutOfTheWindowByCountMayBeReused() {
    EventHub hub = hub(EventHub.builder().replayWindow(3, Duration.ofMinutes(1)));
    for (String id : List.of("a", "b", "c", "d")) {
      hub.publish(withId(id));
    }
    assertThatThrownBy(() -> hub.publish(withId("b"))).isInstanceOf(IllegalArgumentException.class);
    assertThat(hub.publish(withId("a"))).isEqualTo("a"); // "a" left when "d" came

    MemorySink resumed = resume(hub, "c");
    await().until(() -> resumed.events().size() == 2);
    assertThat(resumed.ids()).containsExactly("d", "a");
  }

  @Test
  void anIdAgedOutOfTheWindowMayBeReusedExceptTheLatest() {
    EventHub hub = hub(EventHub.builder().replayWindow(100, Duration.ofSeconds(10)));
    hub.publish(withId("a"));
    hub.publish(withId("b"));
    clock.advance(Duration.ofSeconds(9));
    assertThatThrownBy(() -> hub.publish(withId("a"))).isInstanceOf(IllegalArgumentException.class);
    clock.advance(Duration.ofSeconds(2));
    // "b" aged out too, but a client that received it still resumes from it: it stays taken.
    assertThatThrownBy(() -> hub.publish(withId("b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"b\"");
    assertThat(hub.publish(withId("a"))).isEqualTo("a");
    assertThat(hub.publish(withId("b"))).isEqualTo("b"); // no longer the latest

    MemorySink resumed = resume(hub, "a");
    await().until(() -> resumed.events().size() == 1);
    assertThat(resumed.ids()).containsExactly("b");
  }

  @Test
  void concurrentPublishersOfTheSameIdsPublishEachIdOnce() throws Exception {
    EventHub hub = hub(EventHub.builder().replayWindow(10_000, Duration.ofHours(1)));
    MemorySink live = new MemorySink();
    hub.subscribe(live, null);
    int ids = 300;
    int threads = 4;
    ConcurrentHashMap<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> publishers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t * ids / threads; // each starts elsewhere, so they meet on every id
      Thread publisher =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < ids; i++) {
                  String id = "id-" + (offset + i) % ids;
                  try {
                    hub.publish(withId(id));
                    accepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                  } catch (IllegalArgumentException e) {
                    refused.incrementAndGet();
                  }
                }
              });
      publisher.start();
      publishers.add(publisher);
    }
    start.countDown();
    for (Thread publisher : publishers) {
      publisher.join(WAIT.toMillis());
      assertThat(publisher.isAlive()).isFalse();
    }

    assertThat(accepted).hasSize(ids);
    assertThat(accepted.values()).allMatch(n -> n.get() == 1);
    assertThat(refused.get()).isEqualTo(ids * (threads - 1));
    await().until(() -> live.events().size() == ids);
    List<String> order = live.ids();
    assertThat(new HashSet<>(order)).hasSize(ids);
    // A client resuming from any of them receives exactly what followed it.
    int from = ids / 2;
    MemorySink resumed = resume(hub, order.get(from));
    await().until(() -> resumed.events().size() == ids - from - 1);
    assertThat(resumed.ids()).isEqualTo(order.subList(from + 1, ids));
  }
}
