package dev.ssekit.hub;

import static dev.ssekit.hub.TestHubs.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseEncoder;
import dev.ssekit.hub.contract.MemorySink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats and the connect preamble, on a clock the test moves: what a subscriber receives is fed
 * through core's real parser, and every decision depends on the test's time only.
 */
class HeartbeatsTest {
  private static final Duration INTERVAL = Duration.ofSeconds(20);

  /** One interval less one housekeeping tick (a quarter of it): when a heartbeat is due. */
  private static final Duration IDLE = INTERVAL.minus(INTERVAL.dividedBy(4));

  private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

  private final MutableClock clock = new MutableClock();
  @AutoClose private final TestHubs hubs = new TestHubs();

  private EventHub hub(EventHub.Builder b) {
    return hubs.build(
        b.clock(clock)
            .ids(EventIdGenerator.sequence())
            .heartbeatInterval(INTERVAL)
            .writeTimeout(Duration.ofMinutes(1)));
  }

  /** One housekeeping tick once nothing is being written, so a write in flight skips nothing. */
  private static void tickWhenIdle(EventHub hub, Subscription s) {
    await().until(((HubSubscriber) s)::deliveryIdle);
    hub.runHousekeeping();
    await().until(((HubSubscriber) s)::deliveryIdle);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void theHeartbeatIsTheEncodersFrameAndLeavesTheNextEventWithoutAComment() {
    EventHub hub = hub(EventHub.builder().retry(Duration.ofSeconds(3)));
    MemorySink sink = new MemorySink();
    Subscription sub = hub.subscribe(sink, null);
    clock.advance(IDLE);
    tickWhenIdle(hub, sub);
    assertThat(sink.comments()).containsExactly("");
    ServerSentEvent event = ServerSentEvent.builder().type("tick").id("1").data("after").build();
    hub.publish(ServerSentEvent.of("tick", "after"));
    await().until(() -> sink.events().size() == 1);

    assertThat(sink.events().get(0)).isEqualTo(event);
    assertThat(sink.events().get(0).comment()).isNull();
    assertThat(SseEncoder.heartbeat()).isEqualTo(HEARTBEAT);
    assertThat(sink.received())
        .isEqualTo(
            concat(
                SseEncoder.retryFrame(3000),
                HEARTBEAT,
                // The hub puts the id line first: the log gives the id after the body is encoded.
                EventLog.frame("1", SseEncoder.encode(ServerSentEvent.of("tick", "after")))));
  }

  @Test
  void withoutARetryHintTheStreamStartsWithAHeartbeat() {
    EventHub hub = hub(EventHub.builder().retry(null));
    MemorySink sink = new MemorySink();
    hub.subscribe(sink, null);
    hub.publish(ServerSentEvent.of("first"));
    await().until(() -> sink.events().size() == 1);

    assertThat(sink.retries()).isEmpty();
    assertThat(sink.comments()).containsExactly("");
    assertThat(sink.events().get(0).comment()).isNull();
    assertThat(sink.received())
        .isEqualTo(
            concat(
                HEARTBEAT,
                SseEncoder.encode(ServerSentEvent.builder().id("1").data("first").build())));
  }

  @Test
  void anIdleSubscriberGetsOneHeartbeatPerInterval() {
    EventHub hub = hub(EventHub.builder());
    MemorySink sink = new MemorySink();
    Subscription sub = hub.subscribe(sink, null);
    for (int n = 1; n <= 3; n++) {
      clock.advance(IDLE);
      tickWhenIdle(hub, sub);
      tickWhenIdle(hub, sub); // the same moment again: nothing more is due
      assertThat(sink.comments()).hasSize(n);
    }
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void aHeartbeatIsDueOnlyAfterTheIdleTimeWithoutData() {
    EventHub hub = hub(EventHub.builder());
    MemorySink sink = new MemorySink();
    Subscription sub = hub.subscribe(sink, null);
    clock.advance(IDLE.minusSeconds(1));
    hub.publish(ServerSentEvent.of("busy"));
    await().until(() -> sink.events().size() == 1);

    // Idle time counts from the last data, not from connecting.
    clock.advance(Duration.ofSeconds(2));
    tickWhenIdle(hub, sub);
    assertThat(sink.comments()).isEmpty();

    clock.advance(IDLE.minusSeconds(2).minusNanos(1));
    tickWhenIdle(hub, sub);
    assertThat(sink.comments()).isEmpty();

    clock.advance(Duration.ofNanos(1));
    tickWhenIdle(hub, sub);
    assertThat(sink.comments()).hasSize(1);

    hub.publish(ServerSentEvent.of("busy again"));
    await().until(() -> sink.events().size() == 2);
    assertThat(sink.commentsBeforeLastEvent()).isEqualTo(1);
    assertThat(sink.events()).extracting(ServerSentEvent::comment).containsOnlyNulls();
  }
}
