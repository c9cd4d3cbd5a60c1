package dev.ssekit.hub;

import static dev.ssekit.hub.TestHubs.WAIT;
import static dev.ssekit.hub.TestHubs.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.contract.MemorySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The slow-subscriber policies, write failures and timeouts, and exactly-once release. */
class SlowAndGoneSubscribersTest {
  @AutoClose private final TestHubs hubs = new TestHubs();

  private EventHub hub(EventHub.Builder b) {
    return hubs.build(b.ids(EventIdGenerator.sequence()));
  }

  @Test
  void disconnectPolicyReleasesTheSlowSubscriberAndNobodyElseWaits() {
    EventHub hub = hub(EventHub.builder().maxQueued(5, 1 << 20));
    MemorySink slow = new MemorySink().hold();
    MemorySink fast = new MemorySink();
    ConcurrentLinkedQueue<CloseReason> closed = new ConcurrentLinkedQueue<>();
    Subscription slowSub = hub.subscribe(slow, null, s -> closed.add(s.closeReason()));
    hub.subscribe(fast, null);
    await().until(() -> slow.heldWrites() == 1); // the preamble is stuck
    for (int i = 1; i <= 100; i++) {
      hub.publish(ServerSentEvent.of("e" + i));
      // Paced by the fast reader, so only the stuck one can fall five events behind.
      int n = i;
      await().until(() -> fast.events().size() == n);
    }
    assertThat(fast.ids()).isEqualTo(TestHubs.range(1, 100));
    await().until(() -> closed.size() == 1);
    assertThat(closed).containsExactly(CloseReason.TOO_SLOW);
    assertThat(slowSub.isOpen()).isFalse();
    assertThat(slow.closes()).isEqualTo(1);
    assertThat(hub.subscriberCount()).isEqualTo(1);
    slow.releaseHeld(); // a late completion changes nothing
    assertThat(slow.closes()).isEqualTo(1);
    assertThat(closed).hasSize(1);
  }

  @Test
  void dropOldestPolicyKeepsTheNewestEventsBehindOneMarker() {
    EventHub hub =
        hub(
            EventHub.builder()
                .maxQueued(5, 1 << 20)
                .slowSubscriberPolicy(SlowSubscriberPolicy.DROP_OLDEST));
    MemorySink slow = new MemorySink().hold();
    hub.subscribe(slow, null);
    await().until(() -> slow.heldWrites() == 1);
    for (int i = 1; i <= 20; i++) {
      hub.publish(ServerSentEvent.of("e" + i));
    }
    assertThat(hub.subscriberCount()).isEqualTo(1);
    slow.releaseHeld();
    await().until(() -> slow.events().size() == 6);
    List<ServerSentEvent> events = slow.events();
    assertThat(events.get(0)).isEqualTo(ServerSentEvent.of(EventHub.DROPPED_EVENT_TYPE, "15"));
    assertThat(slow.ids().subList(1, 6)).isEqualTo(TestHubs.range(16, 20));
    // The queue works normally again afterwards.
    hub.publish(ServerSentEvent.of("e21"));
    await().until(() -> slow.events().size() == 7);
    assertThat(slow.ids().get(6)).isEqualTo("21");
  }

  @Test
  void theByteBoundCountsToo() {
    EventHub hub =
        hub(
            EventHub.builder()
                .maxQueued(1000, 1000)
                .slowSubscriberPolicy(SlowSubscriberPolicy.DROP_OLDEST));
    MemorySink slow = new MemorySink().hold();
    hub.subscribe(slow, null);
    await().until(() -> slow.heldWrites() == 1);
    String data = "x".repeat(290); // about 300 bytes a frame: three fit in 1000
    for (int i = 1; i <= 10; i++) {
      hub.publish(ServerSentEvent.of(data));
    }
    slow.releaseHeld();
    await().until(() -> slow.events().size() == 4);
    assertThat(slow.events().get(0).type()).isEqualTo(EventHub.DROPPED_EVENT_TYPE);
    assertThat(slow.events().get(0).data()).isEqualTo("7");
    assertThat(slow.ids().subList(1, 4)).isEqualTo(TestHubs.range(8, 10));
  }

  @Test
  void anEventLargerThanTheByteBoundIsStillDelivered() {
    EventHub hub = hub(EventHub.builder().maxQueued(10, 100));
    MemorySink sink = new MemorySink();
    hub.subscribe(sink, null);
    hub.publish(ServerSentEvent.of("y".repeat(5000)));
    await().until(() -> sink.events().size() == 1);
    assertThat(sink.events().get(0).data()).hasSize(5000);
    assertThat(hub.subscriberCount()).isEqualTo(1);
  }

  @Test
  void aFailedWriteReleasesTheSubscriberExactlyOnce() throws Exception {
    EventHub hub = hub(EventHub.builder());
    MemorySink gone = new MemorySink().failWrites();
    CountDownLatch closed = new CountDownLatch(1);
    ConcurrentLinkedQueue<CloseReason> reasons = new ConcurrentLinkedQueue<>();
    Subscription sub =
        hub.subscribe(
            gone,
            null,
            s -> {
              reasons.add(s.closeReason());
              closed.countDown();
            });
    assertThat(closed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    sub.close();
    hub.publish(ServerSentEvent.of("after"));
    hub.close();
    await().until(() -> gone.closes() >= 1);
    assertThat(reasons).containsExactly(CloseReason.CLIENT_GONE);
    assertThat(gone.closes()).isEqualTo(1);
    assertThat(hub.subscriberCount()).isZero();
  }

  @Test
  void aWriteThatOutlastsTheWriteTimeoutReleasesTheSubscriber() {
    MutableClock clock = new MutableClock();
    EventHub hub = hub(EventHub.builder().clock(clock).writeTimeout(Duration.ofSeconds(10)));
    MemorySink stuck = new MemorySink().hold();
    ConcurrentLinkedQueue<CloseReason> reasons = new ConcurrentLinkedQueue<>();
    Subscription sub = hub.subscribe(stuck, null, s -> reasons.add(s.closeReason()));
    await().until(() -> stuck.heldWrites() == 1);

    clock.advance(Duration.ofSeconds(10));
    hub.runHousekeeping();
    assertThat(sub.isOpen()).as("a write exactly as long as the timeout").isTrue();

    clock.advance(Duration.ofNanos(1));
    hub.runHousekeeping();
    assertThat(sub.closeReason()).isEqualTo(CloseReason.WRITE_TIMEOUT);
    await().until(() -> reasons.size() == 1);
    assertThat(reasons).containsExactly(CloseReason.WRITE_TIMEOUT);
    assertThat(stuck.closes()).isEqualTo(1);
    assertThat(hub.subscriberCount()).isZero();
  }

  @Test
  void everySubscriberIsReleasedOnceWhateverRacesToReleaseIt() throws Exception {
    for (long seed = 1; seed <= 10; seed++) {
      java.util.Random random = new java.util.Random(seed);
      CountingObserver observer = new CountingObserver();
      EventHub hub =
          hub(
              EventHub.builder()
                  .maxQueued(3, 1 << 20)
                  .writeTimeout(Duration.ofMillis(20))
                  .observer(observer));
      List<MemorySink> sinks = new ArrayList<>();
      ConcurrentLinkedQueue<Subscription> released = new ConcurrentLinkedQueue<>();
      List<Subscription> subs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        MemorySink sink = new MemorySink();
        switch (random.nextInt(3)) {
          case 0:
            sink.hold();
            break;
          case 1:
            sink.failWrites();
            break;
          default:
            break;
        }
        sinks.add(sink);
        subs.add(hub.subscribe(sink, null, released::add));
      }
      Thread closer = new Thread(() -> subs.forEach(Subscription::close));
      closer.start();
      for (int i = 0; i < 20; i++) {
        hub.publish(ServerSentEvent.of("e" + i));
      }
      closer.join(WAIT.toMillis());
      hub.close();
      long s = seed;
      try {
        await().until(() -> released.size() >= 50);
      } catch (ConditionTimeoutException e) {
        throw new AssertionError(unreleased(s, subs, sinks, released), e);
      }
      assertThat(released).as("seed %d", s).doesNotHaveDuplicates().hasSize(50);
      await().until(() -> sinks.stream().allMatch(k -> k.closes() == 1));
      assertThat(hub.subscriberCount()).isZero();
      // The observer counted each subscriber in once and out once, for the reason it was given.
      assertThat(observer.subscribed).as("seed %d", s).hasValue(50);
      for (CloseReason reason : CloseReason.values()) {
        long given = released.stream().filter(r -> r.closeReason() == reason).count();
        assertThat(observer.released(reason)).as("seed %d, %s", s, reason).isEqualTo(given);
      }
    }
  }

  /** Counts the subscribers the hub reports in and out. */
  private static final class CountingObserver implements HubObserver {
    final AtomicInteger subscribed = new AtomicInteger();
    private final ConcurrentHashMap<CloseReason, Integer> released = new ConcurrentHashMap<>();

    @Override
    public void subscribed(String topic) {
      subscribed.incrementAndGet();
    }

    @Override
    public void released(String topic, CloseReason reason) {
      released.merge(reason, 1, Integer::sum);
    }

    int released(CloseReason reason) {
      return released.getOrDefault(reason, 0);
    }
  }

  @Test
  void closingTheHubReleasesEveryoneAsHubClosed() {
    EventHub hub = hub(EventHub.builder());
    ConcurrentLinkedQueue<CloseReason> reasons = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < 5; i++) {
      hub.subscribe(new MemorySink(), null, s -> reasons.add(s.closeReason()));
    }
    assertThat(hub.subscriberCount()).isEqualTo(5);
    hub.close();
    assertThat(hub.subscriberCount()).isZero();
    await().until(() -> reasons.size() == 5);
    assertThat(reasons).containsOnly(CloseReason.HUB_CLOSED);
  }

  /** Which subscribers were never released, and what the hub's threads are doing. */
  private static String unreleased(
      long seed,
      List<Subscription> subs,
      List<MemorySink> sinks,
      ConcurrentLinkedQueue<Subscription> released) {
    StringBuilder d =
        new StringBuilder("seed " + seed + ": " + released.size() + " of 50 released; missing:");
    for (int i = 0; i < subs.size(); i++) {
      if (!released.contains(subs.get(i))) {
        d.append("\n  #")
            .append(i)
            .append(' ')
            .append(subs.get(i))
            .append(" closes=")
            .append(sinks.get(i).closes())
            .append(" writes=")
            .append(sinks.get(i).writes())
            .append(" held=")
            .append(sinks.get(i).heldWrites());
      }
    }
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              if (thread.getName().startsWith("ssekit")) {
                d.append("\n").append(thread.getName()).append(' ').append(thread.getState());
                for (StackTraceElement e : stack) {
                  d.append("\n    at ").append(e);
                }
              }
            });
    return d.toString();
  }
}
