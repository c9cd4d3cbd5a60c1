package dev.ssekit.hub;

import static dev.ssekit.hub.TestHubs.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.contract.MemorySink;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What the hub tells its {@link HubObserver}, where the observer's figures can be checked against
 * the hub itself; the Micrometer binding's figures are tested in sse-micrometer.
 */
class HubObserverTest {
  @AutoClose private final TestHubs hubs = new TestHubs();

  @Test
  void theDeliveryTimeRunsFromPublishToTheWritesCompletion() {
    MutableClock clock = new MutableClock();
    ConcurrentLinkedQueue<Long> delivered = new ConcurrentLinkedQueue<>();
    HubObserver observer =
        new HubObserver() {
          @Override
          public void delivered(long nanos) {
            delivered.add(nanos);
          }
        };
    EventHub hub =
        hubs.build(
            EventHub.builder()
                .clock(clock)
                .heartbeatInterval(Duration.ofMinutes(1))
                .writeTimeout(Duration.ofMinutes(1))
                .observer(observer));
    MemorySink sink = new MemorySink();
    hub.subscribe(sink, null);
    await().until(() -> sink.retries().size() == 1);
    assertThat(delivered).isEmpty(); // the preamble is no event

    sink.hold();
    hub.publish(ServerSentEvent.of("a"));
    await().until(() -> sink.heldWrites() == 1);
    clock.advance(Duration.ofMillis(250));
    hub.publish(ServerSentEvent.of("b")); // queued while "a" is being written
    clock.advance(Duration.ofMillis(100));
    // "a" completes 350 ms after it was published; "b" follows at once, 100 ms after its publish.
    sink.releaseHeld();
    await().until(() -> delivered.size() == 2);
    assertThat(delivered)
        .containsExactly(Duration.ofMillis(350).toNanos(), Duration.ofMillis(100).toNanos());
    assertThat(sink.events()).hasSize(2);
  }

  @Test
  void aReplayThatFailsIsNeitherResumedNorResetButReleasedAsReplayFailed() {
    ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();
    HubObserver observer =
        new HubObserver() {
          @Override
          public void released(String topic, CloseReason reason) {
            reports.add("released " + topic + " " + reason);
          }

          @Override
          public void resumed(String topic, int events) {
            reports.add("resumed " + topic);
          }

          @Override
          public void reset(String topic) {
            reports.add("reset " + topic);
          }
        };
    ManualLog log = new ManualLog();
    EventHub hub = hubs.build(EventHub.builder().eventLog(log).observer(observer));
    MemorySink sink = new MemorySink();
    Subscription s = hub.topic("t").subscribe(sink, "3");
    log.follower("t").started("5");
    await().until(() -> log.replays().size() == 1);
    log.replays().get(0).answer.completeExceptionally(new IllegalStateException("log down"));

    await().until(() -> !reports.isEmpty());
    assertThat(reports).containsExactly("released t REPLAY_FAILED");
    assertThat(s.closeReason()).isEqualTo(CloseReason.REPLAY_FAILED);
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void anObserverThatThrowsChangesNothingForPublishersOrSubscribers() {
    AtomicInteger calls = new AtomicInteger();
    HubObserver broken =
        new HubObserver() {
          @Override
          public void subscribed(String topic) {
            throw new IllegalStateException("observer " + calls.incrementAndGet());
          }

          @Override
          public void published(String topic) {
            throw new IllegalStateException("observer " + calls.incrementAndGet());
          }

          @Override
          public void written(int frames, int events, long bytes) {
            throw new IllegalStateException("observer " + calls.incrementAndGet());
          }

          @Override
          public void released(String topic, CloseReason reason) {
            throw new IllegalStateException("observer " + calls.incrementAndGet());
          }
        };
    EventHub hub = hubs.build(EventHub.builder().ids(EventIdGenerator.sequence()).observer(broken));
    MemorySink sink = new MemorySink();
    ConcurrentLinkedQueue<CloseReason> closed = new ConcurrentLinkedQueue<>();
    Subscription s = hub.subscribe(sink, null, sub -> closed.add(sub.closeReason()));
    for (int i = 1; i <= 3; i++) {
      assertThat(hub.publish(ServerSentEvent.of("e" + i))).isEqualTo(Integer.toString(i));
    }
    await().until(() -> sink.events().size() == 3);
    s.close();
    await().until(() -> closed.size() == 1);
    assertThat(closed).containsExactly(CloseReason.CLOSED);
    assertThat(sink.closes()).isEqualTo(1);
    assertThat(hub.subscriberCount()).isZero();
    // subscribed, 3 × published, released, and written at least once (the preamble and the events
    // may share a write), reported as the write completes, just after the sink has read it.
    await().until(() -> calls.get() >= 1 + 3 + 1 + 1);
  }
}
