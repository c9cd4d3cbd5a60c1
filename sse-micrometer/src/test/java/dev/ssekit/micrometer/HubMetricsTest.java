package dev.ssekit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.CloseReason;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventIdGenerator;
import dev.ssekit.hub.InvalidLastEventIdException;
import dev.ssekit.hub.SlowSubscriberPolicy;
import dev.ssekit.hub.SubscribeRequest;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.Topic;
import dev.ssekit.hub.TopicAccessDeniedException;
import dev.ssekit.hub.TopicAuthorizer;
import dev.ssekit.hub.contract.MemorySink;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every hub figure, read from a real registry after real traffic through a real hub. */
class HubMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Readings read = new Readings(registry);
  private final List<EventHub> hubs = new ArrayList<>();

  @AfterEach
  void closeHubs() {
    hubs.forEach(EventHub::close);
    registry.close();
  }

  private EventHub hub(EventHub.Builder builder, SseMetrics metrics) {
    EventHub hub = builder.observer(metrics).build();
    hubs.add(hub);
    return hub;
  }

  @Test
  void subscribersEventsFramesAndBytesAreWhatTheClientsReceived() {
    SseMetrics metrics = SseMetrics.builder(registry).build();
    EventHub hub = hub(EventHub.builder(), metrics);
    MemorySink a = new MemorySink();
    MemorySink b = new MemorySink();
    Subscription sa = hub.subscribe(a, null);
    hub.subscribe(b, null);
    assertThat(read.gauge("ssekit.subscribers")).isEqualTo(2);

    for (int i = 0; i < 50; i++) {
      hub.publish(ServerSentEvent.of("tick", "n" + i));
    }
    Awaits.until(() -> a.events("tick").size() == 50 && b.events("tick").size() == 50);
    // Each write is counted when it completes, just after the client has read it.
    Awaits.untilAsserted(
        () -> {
          assertThat(read.count("ssekit.frames.written")).isEqualTo(a.frames() + b.frames());
          assertThat(read.count("ssekit.written"))
              .isEqualTo(a.received().length + b.received().length);
          assertThat(read.count("ssekit.events.written"))
              .isEqualTo(a.events().size() + b.events().size())
              .isEqualTo(100);
        });
    assertThat(read.count("ssekit.events.published")).isEqualTo(50);
    assertThat(read.count("ssekit.subscribe")).isEqualTo(2);
    assertThat(registry.get("ssekit.written").functionCounter().getId().getBaseUnit())
        .isEqualTo("bytes");

    // Every write that carried events was timed, from publish to completion.
    Timer latency = registry.get("ssekit.delivery.latency").timer();
    Awaits.until(() -> latency.count() >= 2); // recorded just after each write's count
    assertThat(latency.count()).isLessThanOrEqualTo(100);
    assertThat(latency.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(latency.max(TimeUnit.SECONDS)).isLessThan(10);

    sa.close();
    Awaits.until(() -> read.gauge("ssekit.subscribers") == 1);
    assertThat(read.count("ssekit.release", "reason", "closed")).isEqualTo(1);
    hub.close();
    assertThat(read.gauge("ssekit.subscribers")).isZero();
    assertThat(read.count("ssekit.release", "reason", "hub_closed")).isEqualTo(1);
  }

  @Test
  void releasesAreCountedByReason() {
    SseMetrics metrics = SseMetrics.builder(registry).build();
    EventHub hub =
        hub(
            EventHub.builder()
                .maxQueued(4, 1 << 20)
                .writeTimeout(Duration.ofMillis(300))
                .heartbeatInterval(Duration.ofSeconds(30)),
            metrics);
    MemorySink gone = new MemorySink().failWrites();
    Subscription goneSub = hub.subscribe(gone, null);
    Awaits.until(() -> read.count("ssekit.release", "reason", "client_gone") == 1);
    assertThat(goneSub.closeReason()).isEqualTo(CloseReason.CLIENT_GONE);

    // A client that stops reading: its first write is held, its queue overflows.
    MemorySink slow = new MemorySink().hold();
    Subscription slowSub = hub.subscribe(slow, null);
    for (int i = 0; i < 5; i++) {
      hub.publish(ServerSentEvent.of("tick", "n" + i));
    }
    assertThat(slowSub.closeReason()).isEqualTo(CloseReason.TOO_SLOW);
    assertThat(read.count("ssekit.release", "reason", "too_slow")).isEqualTo(1);

    // A client whose one write never completes.
    MemorySink stuck = new MemorySink().hold();
    Subscription stuckSub = hub.subscribe(stuck, null);
    Awaits.until(() -> read.count("ssekit.release", "reason", "write_timeout") == 1);
    assertThat(stuckSub.closeReason()).isEqualTo(CloseReason.WRITE_TIMEOUT);

    assertThat(read.count("ssekit.subscribe")).isEqualTo(3);
    assertThat(read.gauge("ssekit.subscribers")).isZero();
    assertThat(read.count("ssekit.release", "reason", "closed")).isZero();
  }

  @Test
  void heartbeatsAreCountedAsTheClientReceivesThem() {
    SseMetrics metrics = SseMetrics.builder(registry).build();
    EventHub hub = hub(EventHub.builder().heartbeatInterval(Duration.ofMillis(40)), metrics);
    MemorySink idle = new MemorySink();
    hub.subscribe(idle, null);
    Awaits.until(() -> idle.comments().size() >= 3);
    // A heartbeat is counted when its write completes, just after the client has read it.
    Awaits.untilAsserted(
        () -> assertThat(read.count("ssekit.heartbeats")).isEqualTo(idle.comments().size()));
  }

  @Test
  void eventsDroppedFromASlowSubscriberAreCountedAsTheMarkerSays() {
    SseMetrics metrics = SseMetrics.builder(registry).build();
    EventHub hub =
        hub(
            EventHub.builder()
                .slowSubscriberPolicy(SlowSubscriberPolicy.DROP_OLDEST)
                .maxQueued(2, 1 << 20),
            metrics);
    MemorySink slow = new MemorySink().hold();
    hub.subscribe(slow, null);
    Awaits.until(() -> slow.frames() > 0); // the preamble's write, held
    for (int i = 0; i < 10; i++) {
      hub.publish(ServerSentEvent.of("tick", "n" + i));
    }
    slow.releaseHeld();
    Awaits.until(() -> slow.events("tick").size() == 2);
    List<ServerSentEvent> markers = slow.events(EventHub.DROPPED_EVENT_TYPE);
    assertThat(markers).hasSize(1);
    Awaits.untilAsserted(
        () -> assertThat(read.count("ssekit.events.written")).isEqualTo(slow.events().size()));
    assertThat(read.count("ssekit.events.dropped"))
        .isEqualTo(8)
        .isEqualTo(Double.parseDouble(markers.get(0).data()));
  }

  @Test
  void replaysAreCountedAsResumedWithTheirEventsOrAsReset() {
    SseMetrics metrics = SseMetrics.builder(registry).build();
    EventHub hub = hub(EventHub.builder().ids(EventIdGenerator.sequence()), metrics);
    MemorySink first = new MemorySink();
    hub.subscribe(first, null);
    for (int i = 0; i < 5; i++) {
      hub.publish(ServerSentEvent.of("tick", "n" + i));
    }
    Awaits.until(() -> first.events("tick").size() == 5);
    String second = first.events("tick").get(1).id();

    MemorySink resumed = new MemorySink();
    hub.subscribe(resumed, second);
    Awaits.until(() -> resumed.events("tick").size() == 3);
    MemorySink upToDate = new MemorySink();
    hub.subscribe(upToDate, first.lastEventId());
    MemorySink lost = new MemorySink();
    hub.subscribe(lost, "no-such-id");
    Awaits.until(() -> lost.events(EventHub.RESET_EVENT_TYPE).size() == 1);

    Awaits.untilAsserted(
        () -> assertThat(read.count("ssekit.replays", "outcome", "resumed")).isEqualTo(2));
    assertThat(read.count("ssekit.replays", "outcome", "reset")).isEqualTo(1);
    var replayed = registry.get("ssekit.replay.events").summary();
    Awaits.until(() -> replayed.count() == 2);
    assertThat(replayed.totalAmount()).isEqualTo(3);
    assertThat(replayed.max()).isEqualTo(3);
    // Resent events and the reset event are events written; retry hints and id-only blocks are not.
    int received = 0;
    for (MemorySink s : List.of(first, resumed, upToDate, lost)) {
      received += s.events().size();
    }
    assertThat(received).isEqualTo(5 + 3 + 0 + 1);
    int expected = received;
    Awaits.untilAsserted(() -> assertThat(read.count("ssekit.events.written")).isEqualTo(expected));
  }

  @Test
  void refusedRequestsAreCountedByReason() {
    SseMetrics metrics = SseMetrics.builder(registry).build();
    EventHub hub =
        hub(
            EventHub.builder()
                .topicAuthorizer((topic, request) -> !topic.equals("secret"))
                .maxLastEventIdLength(16),
            metrics);
    Topic secret = hub.topic("secret");
    assertThatThrownBy(() -> secret.subscribe(SubscribeRequest.anonymous(), new MemorySink(), null))
        .isInstanceOf(TopicAccessDeniedException.class);
    SubscribeRequest tooLong = SubscribeRequest.builder().lastEventId("x".repeat(17)).build();
    assertThatThrownBy(() -> hub.topic("open").subscribe(tooLong, new MemorySink(), null))
        .isInstanceOf(InvalidLastEventIdException.class);
    assertThatThrownBy(() -> hub.checkLastEventId("a\u0001b"))
        .isInstanceOf(InvalidLastEventIdException.class);

    assertThat(read.count("ssekit.refused", "reason", "topic_denied")).isEqualTo(1);
    assertThat(read.count("ssekit.refused", "reason", "invalid_last_event_id")).isEqualTo(2);
    assertThat(read.count("ssekit.subscribe")).isZero();
  }

  @Test
  void aSecondInstanceWithTheSameTagsOnOneRegistryIsRefused() {
    SseMetrics.builder(registry).tags(Tags.of("hub", "orders")).build();
    assertThatThrownBy(() -> SseMetrics.builder(registry).tags(Tags.of("hub", "orders")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tag(hub=orders)")
        .hasMessageContaining("Builder.tags");
    // Other tags, or none, are meters of their own.
    SseMetrics.builder(registry).tags(Tags.of("hub", "chat")).build();
    SseMetrics.builder(registry).build();
    assertThat(registry.find("ssekit.subscribers").gauges()).hasSize(3);

    // The registry's common tags are on every meter alike: they tell no two instances apart.
    SimpleMeterRegistry tagged = new SimpleMeterRegistry();
    tagged.config().commonTags("node", "n1");
    SseMetrics.builder(tagged).build();
    assertThatThrownBy(() -> SseMetrics.builder(tagged).build())
        .isInstanceOf(IllegalArgumentException.class);
    tagged.close();
  }

  @Test
  void onlyTheTopicsTheApplicationNamesGetMetersOfTheirOwn() {
    SseMetrics metrics =
        SseMetrics.builder(registry)
            .tags(Tags.of("hub", "chat"))
            .perTopic(Set.of("lobby")::contains)
            .build();
    EventHub hub = hub(EventHub.builder().topicAuthorizer(TopicAuthorizer.allowAll()), metrics);
    Topic lobby = hub.topic("lobby");
    Topic other = hub.topic("user-42");
    MemorySink inLobby = new MemorySink();
    Subscription s1 = lobby.subscribe(inLobby, null);
    lobby.subscribe(new MemorySink(), null);
    other.subscribe(new MemorySink(), null);
    lobby.publish(ServerSentEvent.of("msg", "hi"));
    other.publish(ServerSentEvent.of("msg", "psst"));
    other.publish(ServerSentEvent.of("msg", "psst"));

    assertThat(read.gauge("ssekit.topic.subscribers", "topic", "lobby", "hub", "chat"))
        .isEqualTo(2);
    assertThat(read.count("ssekit.topic.events.published", "topic", "lobby")).isEqualTo(1);
    assertThat(read.gauge("ssekit.subscribers", "hub", "chat")).isEqualTo(3);
    assertThat(read.count("ssekit.events.published")).isEqualTo(3);
    s1.close();
    Awaits.until(() -> read.gauge("ssekit.topic.subscribers", "topic", "lobby") == 1);

    List<String> topicTags = new ArrayList<>();
    for (Meter m : registry.getMeters()) {
      String t = m.getId().getTag("topic");
      if (t != null) {
        topicTags.add(t);
      }
      assertThat(m.getId().getTag("hub")).isEqualTo("chat");
    }
    assertThat(topicTags).containsOnly("lobby").hasSize(2);
  }
}
