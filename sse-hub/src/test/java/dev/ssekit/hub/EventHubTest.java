package dev.ssekit.hub;

import static dev.ssekit.hub.TestHubs.WAIT;
import static dev.ssekit.hub.TestHubs.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.contract.MemorySink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Publishing, ids, the retry hint, replay and the reset signal. */
class EventHubTest {
  @AutoClose private final TestHubs hubs = new TestHubs();

  private EventHub hub(EventHub.Builder b) {
    return hubs.build(b);
  }

  private EventHub hub() {
    return hub(EventHub.builder().ids(EventIdGenerator.sequence()));
  }

  @Test
  void assignsIncreasingIdsAndDeliversEveryEventInOrder() {
    EventHub hub = hub();
    MemorySink sink = new MemorySink();
    hub.subscribe(sink, null);
    for (int i = 1; i <= 50; i++) {
      assertThat(hub.publish(ServerSentEvent.of("tick", "n" + i))).isEqualTo(Integer.toString(i));
    }
    await().until(() -> sink.events().size() == 50);
    assertThat(sink.ids()).isEqualTo(TestHubs.range(1, 50));
    assertThat(sink.events().get(49))
        .isEqualTo(ServerSentEvent.builder().type("tick").id("50").data("n50").build());
  }

  @Test
  void keepsAnEventsOwnId() {
    EventHub hub = hub();
    MemorySink sink = new MemorySink();
    hub.subscribe(sink, null);
    assertThat(hub.publish(ServerSentEvent.builder().id("order-7").data("x").build()))
        .isEqualTo("order-7");
    await().until(() -> sink.events().size() == 1);
    assertThat(sink.ids()).containsExactly("order-7");
  }

  @Test
  void theDefaultIdsStartWithAPerProcessPrefix() {
    EventHub hub = hub(EventHub.builder());
    String a = hub.publish(ServerSentEvent.of("x"));
    String b = hub.publish(ServerSentEvent.of("y"));
    assertThat(a).matches("[0-9a-z]+-1");
    assertThat(b).isEqualTo(a.substring(0, a.length() - 1) + "2");
  }

  @Test
  void sendsTheRetryHintFirst() {
    EventHub hub = hub(EventHub.builder().retry(Duration.ofMillis(2500)));
    MemorySink sink = new MemorySink();
    hub.subscribe(sink, null);
    await().until(() -> !sink.retries().isEmpty());
    assertThat(sink.retries()).containsExactly(2500L);
  }

  @Test
  void anInvalidIdFailsInThePublisherAndCorruptsNothing() {
    EventHub hub =
        hub(EventHub.builder().ids(EventIdGenerator.sequence()).maxLastEventIdLength(16));
    MemorySink sink = new MemorySink();
    hub.subscribe(sink, null);
    hub.publish(ServerSentEvent.of("before"));
    for (String bad : List.of("", "has space", "tab\tid", "caf\u00e9", "x".repeat(17))) {
      assertThatThrownBy(() -> hub.publish(ServerSentEvent.builder().id(bad).data("bad").build()))
          .as("id %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("event id");
    }
    hub.publish(ServerSentEvent.of("after"));
    await().until(() -> sink.events().size() == 2);
    assertThat(sink.events()).extracting(ServerSentEvent::data).containsExactly("before", "after");
    // The failed publishes used no ids: the second event is the second id.
    assertThat(sink.ids()).containsExactly("1", "2");
  }

  @Test
  void anIdGeneratorThatMakesBadIdsFailsClearly() {
    EventHub hub = hub(EventHub.builder().ids(() -> "two words"));
    assertThatThrownBy(() -> hub.publish(ServerSentEvent.of("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("EventIdGenerator");
  }

  @Test
  void replaysEveryLaterEventThenLiveOnes() {
    EventHub hub = hub();
    for (int i = 1; i <= 10; i++) {
      hub.publish(ServerSentEvent.of("e" + i));
    }
    MemorySink sink = new MemorySink();
    hub.subscribe(sink, "4");
    hub.publish(ServerSentEvent.of("e11"));
    await().until(() -> sink.events().size() == 7);
    assertThat(sink.ids()).isEqualTo(TestHubs.range(5, 11));
    assertThat(sink.retries()).hasSize(1);
  }

  @Test
  void replayAndConcurrentPublishingNeitherOverlapNorLeaveAGap() throws Exception {
    for (long seed = 1; seed <= 20; seed++) {
      java.util.Random random = new java.util.Random(seed);
      EventHub hub =
          hub(
              EventHub.builder()
                  .ids(EventIdGenerator.sequence())
                  .replayWindow(10_000, Duration.ofHours(1)));
      int total = 400;
      hub.publish(ServerSentEvent.of("first"));
      AtomicInteger published = new AtomicInteger(1);
      List<MemorySink> sinks = new CopyOnWriteArrayList<>();
      List<Integer> startAfter = new CopyOnWriteArrayList<>();
      Thread publisher =
          new Thread(
              () -> {
                for (int i = 2; i <= total; i++) {
                  hub.publish(ServerSentEvent.of("e" + i));
                  published.set(i);
                }
              });
      publisher.start();
      for (int k = 0; k < 20; k++) {
        // Join at whatever point publishing has reached, asking for an id already published.
        int reached = published.get();
        String last = Integer.toString(Math.max(1, reached - random.nextInt(3)));
        MemorySink sink = new MemorySink();
        hub.subscribe(sink, last);
        sinks.add(sink);
        startAfter.add(Integer.parseInt(last));
        if (random.nextBoolean()) {
          Thread.yield();
        }
      }
      publisher.join(WAIT.toMillis());
      for (int k = 0; k < sinks.size(); k++) {
        MemorySink sink = sinks.get(k);
        int from = startAfter.get(k) + 1;
        await().until(() -> sink.events().size() >= total - from + 1);
        assertThat(sink.ids())
            .as("seed %d, subscriber %d", seed, k)
            .isEqualTo(TestHubs.range(from, total));
      }
      hub.close();
    }
  }

  @Test
  void anIdOutsideTheWindowGetsTheResetEventThenLiveEvents() {
    EventHub hub =
        hub(
            EventHub.builder()
                .ids(EventIdGenerator.sequence())
                .replayWindow(3, Duration.ofMinutes(1)));
    for (int i = 1; i <= 6; i++) {
      hub.publish(ServerSentEvent.of("e" + i));
    }
    MemorySink sink = new MemorySink();
    hub.subscribe(sink, "2");
    hub.publish(ServerSentEvent.of("e7"));
    await().until(() -> sink.events().size() == 2);
    assertThat(sink.events().get(0)).isEqualTo(ServerSentEvent.of(EventHub.RESET_EVENT_TYPE, "2"));
    assertThat(sink.ids()).containsExactly(null, "7");
  }

  @Test
  void aFreshSubscriberLearnsTheLatestIdWithoutReceivingAnEvent() {
    EventHub hub = hub();
    for (int i = 1; i <= 3; i++) {
      hub.publish(ServerSentEvent.of("before " + i));
    }
    MemorySink sink = new MemorySink();
    hub.subscribe(sink, null);
    await().until(() -> sink.lastEventId().equals("3"));
    assertThat(sink.events()).isEmpty();

    // Dropping now and resuming from that id loses nothing published in between. (The id is
    // taken before publishing: the still-connected sink would move on to the new event.)
    String resumeFrom = sink.lastEventId();
    hub.publish(ServerSentEvent.of("while away"));
    MemorySink resumed = new MemorySink();
    hub.subscribe(resumed, resumeFrom);
    await().until(() -> resumed.events().size() == 1);
    assertThat(resumed.events().get(0).data()).isEqualTo("while away");
  }

  @Test
  void anEmptyHubSendsNoId() {
    EventHub hub = hub();
    MemorySink sink = new MemorySink();
    hub.subscribe(sink, null);
    await().until(() -> !sink.retries().isEmpty());
    assertThat(sink.lastEventId()).isEmpty();
  }

  @Test
  void afterAResetTheClientResumesFromTheLatestId() {
    EventHub hub = hub();
    hub.publish(ServerSentEvent.of("one"));
    hub.publish(ServerSentEvent.of("two"));
    MemorySink sink = new MemorySink();
    hub.subscribe(sink, "never-published");
    await().until(() -> sink.lastEventId().equals("2"));
    assertThat(sink.events())
        .extracting(ServerSentEvent::type)
        .containsExactly(EventHub.RESET_EVENT_TYPE);
  }

  @Test
  void disconnectAllEndsEveryStreamAndTheHubStaysOpen() {
    EventHub hub = hub();
    List<CloseReason> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
    MemorySink a = new MemorySink();
    MemorySink b = new MemorySink();
    hub.subscribe(a, null, s -> reasons.add(s.closeReason()));
    hub.subscribe(b, null, s -> reasons.add(s.closeReason()));
    assertThat(hub.disconnectAll()).isEqualTo(2);
    await().until(() -> a.closes() == 1 && b.closes() == 1 && reasons.size() == 2);
    assertThat(reasons).containsOnly(CloseReason.CLOSED);
    assertThat(hub.subscriberCount()).isZero();
    MemorySink c = new MemorySink();
    hub.subscribe(c, null);
    hub.publish(ServerSentEvent.of("still open"));
    await().until(() -> c.events().size() == 1);
  }

  @Test
  void anUnknownIdGetsTheConfiguredResetEventWithoutItsId() {
    EventHub hub =
        hub(
            EventHub.builder()
                .resetEvent(
                    id -> ServerSentEvent.builder().type("resync").id("ignored").data(id).build()));
    MemorySink sink = new MemorySink();
    hub.subscribe(sink, "never-published");
    await().until(() -> sink.events().size() == 1);
    assertThat(sink.events().get(0)).isEqualTo(ServerSentEvent.of("resync", "never-published"));
  }

  @Test
  void rejectsAMalformedOrOversizeLastEventIdAndSubscribesNothing() {
    EventHub hub = hub(EventHub.builder().maxLastEventIdLength(32));
    MemorySink sink = new MemorySink();
    for (String bad : List.of("a\u0000b", "line\nbreak", "del\u007f", "x".repeat(33))) {
      assertThatThrownBy(() -> hub.subscribe(sink, bad))
          .as("Last-Event-ID %s", bad)
          .isInstanceOf(InvalidLastEventIdException.class)
          .hasMessageContaining("Last-Event-ID");
    }
    assertThat(hub.subscriberCount()).isZero();
    assertThat(sink.writes()).isZero();
    // An empty header is a fresh client, and spaces are merely an unknown id.
    hub.subscribe(new MemorySink(), "");
    hub.subscribe(new MemorySink(), "x".repeat(32));
    assertThat(hub.subscriberCount()).isEqualTo(2);
  }

  @Test
  void aClosedHubRefusesPublishingAndSubscribing() {
    EventHub hub = hub();
    hub.close();
    assertThatThrownBy(() -> hub.publish(ServerSentEvent.of("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> hub.subscribe(new MemorySink(), null))
        .isInstanceOf(IllegalStateException.class);
  }
}
