package dev.ssekit.samples.docs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSource;
import dev.ssekit.client.ReadyState;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventIdGenerator;
import dev.ssekit.samples.Ping;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/client.md: a callback {@link EventSource}, typed and untyped, against a real server. */
@Timeout(60)
class CallbacksExamplesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Instant TIME = Instant.parse("2026-01-01T02:33:48.120Z");

  private final EventHub hub =
      EventHub.builder()
          .ids(EventIdGenerator.sequence())
          .heartbeatInterval(Duration.ofMillis(200))
          .build();
  private final ExampleServer server = new ExampleServer(hub);
  private final URI uri = server.uri("/events");

  @AfterEach
  void tearDown() {
    hub.close();
    server.close();
  }

  @Test
  void typedAndUntypedListenersSeeEveryKindOfEvent() {
    // begin-snippet: callbacks
    List<String> seen = new CopyOnWriteArrayList<>();
    EventSource source =
        EventSource.builder(uri)
            .build()
            // decoded from JSON by Ping's generated codec
            .on(Ping.class, ping -> seen.add("ping at " + ping.time()))
            // by event name, undecoded
            .on("userconnect", e -> seen.add("userconnect " + e.data()))
            // events without an event: field
            .onMessage(e -> seen.add("message " + e.data()))
            .onOpen(response -> seen.add("open: HTTP " + response.statusCode()))
            .onError(e -> seen.add(e.reason() + ": " + e.getMessage()))
            .onClose(() -> seen.add("closed"))
            .connect();
    // end-snippet
    await().atMost(WAIT).until(() -> seen.contains("open: HTTP 200"));

    hub.publish(new Ping(TIME));
    hub.publish(ServerSentEvent.of("userconnect", "{\"username\":\"ada\"}"));
    hub.publish(ServerSentEvent.of("hello"));
    await().atMost(WAIT).until(() -> seen.size() == 4);
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
    assertThat(source.lastEventId()).isEqualTo("3");

    // begin-snippet: close
    source.close(); // at once: cancels the request; after it, only close listeners run
    // end-snippet
    await().atMost(WAIT).until(() -> seen.size() == 5);
    assertThat(seen)
        .containsExactly(
            "open: HTTP 200",
            "ping at 2026-01-01T02:33:48.120Z",
            "userconnect {\"username\":\"ada\"}",
            "message hello",
            "closed");
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
  }

  @Test
  void aListenerThatThrowsIsReportedAndTheStreamGoesOn() {
    List<String> errors = new CopyOnWriteArrayList<>();
    List<String> messages = new CopyOnWriteArrayList<>();
    AtomicInteger opened = new AtomicInteger();
    try (EventSource source =
        EventSource.builder(uri)
            .build()
            .onMessage(
                e -> {
                  if (e.data().equals("bad")) {
                    throw new IllegalStateException("boom");
                  }
                  messages.add(e.data());
                })
            .onOpen(response -> opened.incrementAndGet())
            .onError(e -> errors.add(e.reason() + " " + e.willReconnect()))
            .connect()) {
      await().atMost(WAIT).until(() -> opened.get() == 1);
      hub.publish(ServerSentEvent.of("bad"));
      hub.publish(ServerSentEvent.of("good"));
      await().atMost(WAIT).until(() -> messages.contains("good"));
      assertThat(errors).containsExactly("LISTENER true");
    }
  }

  @Test
  void messageEventsCarryTheBrowsersLastEventIdAndCommentsAndRestartResume() {
    Map<String, String> lastIds = new ConcurrentHashMap<>();
    AtomicReference<Instant> lastHeartbeat = new AtomicReference<>();
    List<String> pingIds = new CopyOnWriteArrayList<>();
    AtomicInteger opened = new AtomicInteger();
    EventSource source = EventSource.builder(uri).build().onOpen(r -> opened.incrementAndGet());
    // begin-snippet: browser
    source
        // MessageEvent<ServerSentEvent>: the event and the browser's lastEventId
        .onEvent("message", m -> lastIds.put(m.value().data(), m.lastEventId()))
        // MessageEvent<Ping>: the decoded object and the browser's lastEventId
        .onEvent(Ping.class, m -> pingIds.add(m.value().time() + " " + m.lastEventId()))
        // comment lines, such as the hub's heartbeat
        .onComment(comment -> lastHeartbeat.set(Instant.now()))
        .connect();
    // end-snippet
    await().atMost(WAIT).until(() -> opened.get() == 1);

    hub.publish(new Ping(TIME));
    hub.publish(ServerSentEvent.builder().data("no id of its own").build());
    await().atMost(WAIT).until(() -> lastIds.size() == 1 && pingIds.size() == 1);
    await().atMost(WAIT).until(() -> lastHeartbeat.get() != null);
    assertThat(pingIds).containsExactly("2026-01-01T02:33:48.120Z 1");
    assertThat(lastIds).containsEntry("no id of its own", "2");

    // begin-snippet: restart
    source.restart(); // drop the connection and reconnect now, with Last-Event-ID
    // end-snippet
    await().atMost(WAIT).until(() -> opened.get() == 2);
    hub.publish(ServerSentEvent.of("after the restart"));
    await().atMost(WAIT).until(() -> lastIds.containsKey("after the restart"));
    assertThat(pingIds).as("nothing replayed twice").hasSize(1);
    assertThat(lastIds).hasSize(2);
    source.close();
  }
}
