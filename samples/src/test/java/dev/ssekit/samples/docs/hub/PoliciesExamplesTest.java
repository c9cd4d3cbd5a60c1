package dev.ssekit.samples.docs.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSource;
import dev.ssekit.client.EventStream;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.SlowSubscriberPolicy;
import dev.ssekit.hub.SubscriberSink;
import dev.ssekit.hub.Subscription;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/hub.md: the replay window, heartbeats and the slow-subscriber policy, as they behave. */
class PoliciesExamplesTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension final Closer closer = new Closer();

  private JerseyServer server;

  @Test
  void aClientResumesInsideTheWindowAndIsToldToResetOutsideIt() throws Exception {
    // begin-snippet: replay-window
    EventHub hub = EventHub.builder().replayWindow(3, Duration.ofMinutes(5)).build();
    // end-snippet
    closer.add(hub);
    server = closer.add(JerseyServer.start(new DefaultTopicResource(hub)));
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ids.add(hub.publish(ServerSentEvent.of("tick", String.valueOf(i))));
    }

    try (EventStream resumed =
        EventSource.builder(server.uri("events")).lastEventId(ids.get(2)).events()) {
      assertThat(next(resumed).data()).isEqualTo("4");
      assertThat(next(resumed).data()).isEqualTo("5");
      assertThat(resumed.lastEventId()).isEqualTo(ids.get(4));
    }
    try (EventStream tooOld =
        EventSource.builder(server.uri("events")).lastEventId(ids.get(0)).events()) {
      ServerSentEvent reset = next(tooOld);
      assertThat(reset.type()).isEqualTo("ssekit-reset");
      assertThat(reset.data()).isEqualTo(ids.get(0));
      hub.publish(ServerSentEvent.of("tick", "6"));
      assertThat(next(tooOld).data()).as("after the reset, live events; no replay").isEqualTo("6");
    }
  }

  @Test
  void anIdleStreamGetsHeartbeatComments() throws Exception {
    // begin-snippet: heartbeat-interval
    EventHub hub = EventHub.builder().heartbeatInterval(Duration.ofMillis(300)).build();
    // end-snippet
    closer.add(hub);
    server = closer.add(JerseyServer.start(new DefaultTopicResource(hub)));

    HttpResponse<InputStream> response =
        JerseyServer.HTTP.send(
            HttpRequest.newBuilder(server.uri("events")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
    CompletableFuture<List<String>> firstLines =
        CompletableFuture.supplyAsync(() -> linesUntilAHeartbeat(response.body()));
    assertThat(firstLines.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("the retry hint, then (nothing published yet, so no id-only block) a heartbeat")
        .containsExactly("retry: 3000", "", ":", "");
    response.body().close();
  }

  @Test
  void dropOldestKeepsTheConnectionAndMarksTheGap() throws Exception {
    // begin-snippet: drop-oldest
    EventHub hub =
        EventHub.builder()
            .slowSubscriberPolicy(SlowSubscriberPolicy.DROP_OLDEST)
            .maxQueued(100, 1024 * 1024)
            .build();
    // end-snippet
    closer.add(hub);
    StalledSink client = new StalledSink();
    Subscription subscription = hub.topic(EventHub.DEFAULT_TOPIC).subscribe(client, null, null);
    await().atMost(WAIT).until(() -> client.held.get() != null);

    for (int i = 1; i <= 300; i++) {
      hub.publish(ServerSentEvent.of("tick", String.valueOf(i)));
    }
    client.resume();

    await().atMost(WAIT).until(() -> client.text().contains("data: 300\n"));
    String text = client.text();
    assertThat(text).contains("event: ssekit-dropped\ndata: 200\n");
    assertThat(text)
        .doesNotContain("event: tick\ndata: 200\n")
        .contains("event: tick\ndata: 201\n");
    assertThat(subscription.isOpen()).as("still connected").isTrue();
  }

  /** A client that stops reading: its first write is held until {@link #resume()}. */
  private static final class StalledSink implements SubscriberSink {
    final AtomicReference<Completion> held = new AtomicReference<>();
    private final List<byte[]> written = new CopyOnWriteArrayList<>();

    @Override
    public void write(List<byte[]> frames, Completion completion) {
      written.addAll(frames);
      if (!held.compareAndSet(null, completion)) {
        completion.completed();
      }
    }

    void resume() {
      held.get().completed();
    }

    String text() {
      StringBuilder text = new StringBuilder();
      for (byte[] frame : written) {
        text.append(new String(frame, StandardCharsets.UTF_8));
      }
      return text.toString();
    }

    @Override
    public void close() {}
  }

  private static ServerSentEvent next(EventStream stream) throws InterruptedException {
    ServerSentEvent event = stream.poll(WAIT);
    assertThat(event).as("an event within " + WAIT).isNotNull();
    return event;
  }

  private static List<String> linesUntilAHeartbeat(InputStream body) {
    List<String> lines = new ArrayList<>();
    try {
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
        if (lines.size() >= 2 && lines.get(lines.size() - 2).equals(":") && line.isEmpty()) {
          break;
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return lines;
  }
}
