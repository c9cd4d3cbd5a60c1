package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSourceException.Reason;
import dev.ssekit.core.ServerSentEvent;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What LLM token streams, MCP and webhooks over SSE need from a client. */
@Timeout(60)
class StreamingApisTest {
  private static final ReconnectPolicy FAST =
      ReconnectPolicy.builder().retry(Duration.ofMillis(30)).build();
  private static final String TICKS =
      "event: tick\nid: 1\ndata: {\"seq\":1,\"at\":\"2026-01-01T00:00:00Z\",\"tags\":[\"a\"]}\n\n"
          + "data: not a tick\n\n"
          + "event: tick\ndata: {\"seq\":2,\"at\":\"2026-01-01T00:00:01Z\",\"tags\":[]}\n\n";

  @AutoClose private RawServer server;
  @AutoClose private EventSource source;

  /** A callback source on the test server that ends at {@code [DONE]}, connected. */
  private Recorder connectWithSentinel() {
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/"))
                    .endSentinel("[DONE]")
                    .reconnectPolicy(FAST)
                    .build())
            .connect();
    return r;
  }

  /** A callback source that POSTs a prompt to the test server, without reconnectWith. */
  private Recorder connectPostWithoutReconnectWith() {
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/chat"))
                    .method("POST", HttpRequest.BodyPublishers.ofString("{\"prompt\":\"hi\"}"))
                    .reconnectPolicy(FAST)
                    .build())
            .connect();
    return r;
  }

  /** The client made one request and, within a few retry times, no other. */
  private void assertNoSecondRequest() {
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> server.exchanges().size() == 1);
  }

  private static Tick tick(long seq, String at, String... tags) {
    return new Tick(seq, Instant.parse(at), List.of(tags));
  }

  @Test
  void theTypedIteratorHandsOutDecodedEventsRoutedByName() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write(TICKS).write("event: tick\ndata: {broken\n\n").write(TICKS);
              x.close();
            });
    try (TypedEventStream<Tick> ticks =
        EventSource.builder(server.uri("/"))
            .reconnectPolicy(ReconnectPolicy.never())
            .events(Tick.class)) {
      assertThat(ticks.next()).isEqualTo(tick(1, "2026-01-01T00:00:00Z", "a"));
      assertThat(ticks.lastEventId()).isEqualTo("1");
      assertThat(ticks.next()).isEqualTo(tick(2, "2026-01-01T00:00:01Z"));
      assertThat(ticks.lastEventId()).isEqualTo("1");
      assertThatThrownBy(ticks::hasNext)
          .isInstanceOfSatisfying(
              EventSourceException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.DECODE);
                assertThat(e.willReconnect()).isTrue();
              });
      assertThat(ticks.next().seq()).as("the stream goes on after bad data").isEqualTo(1);
      assertThat(ticks.next().seq()).isEqualTo(2);
      assertThat(ticks.hasNext()).isFalse();
    }
  }

  @Test
  void aSupertypeRoutesEveryEventWhoseCodecIsASubtype() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write(TICKS);
              x.close();
            });
    try (TypedEventStream<Record> records =
        EventSource.builder(server.uri("/"))
            .reconnectPolicy(ReconnectPolicy.never())
            .events(Record.class)) {
      assertThat(records.stream().toList())
          .containsExactly(tick(1, "2026-01-01T00:00:00Z", "a"), tick(2, "2026-01-01T00:00:01Z"));
    }
    assertThatThrownBy(() -> EventSource.builder(server.uri("/")).events(String.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTypedPublisherDeliversMessageEventsAgainstDemand() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write(TICKS);
              x.close();
            });
    FlowCollector<MessageEvent<Tick>> ticks = new FlowCollector<>();
    EventSource.builder(server.uri("/"))
        .reconnectPolicy(ReconnectPolicy.never())
        .publisher(Tick.class)
        .subscribe(ticks);
    Flow.Subscription s = ticks.subscription.get(10, TimeUnit.SECONDS);
    s.request(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> ticks.items.size() == 1);
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> ticks.items.size() == 1);
    s.request(10);
    ticks.completed.get(10, TimeUnit.SECONDS);
    assertThat(ticks.items)
        .extracting(MessageEvent::value)
        .containsExactly(tick(1, "2026-01-01T00:00:00Z", "a"), tick(2, "2026-01-01T00:00:01Z"));
    assertThat(ticks.items).extracting(MessageEvent::lastEventId).containsExactly("1", "1");
    assertThat(ticks.items.get(1).event().id()).isNull();
  }

  @Test
  void theUndecodedPublisherCarriesTheBrowsersLastEventIdAlsoFromAnIdOnlyBlock() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("id: 1\ndata: a\n\ndata: b\n\nid: 2\n\nevent: tick\ndata: c\n\n");
              x.close();
            });
    FlowCollector<MessageEvent<ServerSentEvent>> events = new FlowCollector<>();
    EventSource.builder(server.uri("/"))
        .reconnectPolicy(ReconnectPolicy.never())
        .publisher(ServerSentEvent.class)
        .subscribe(events);
    events.subscription.get(10, TimeUnit.SECONDS).request(10);
    events.completed.get(10, TimeUnit.SECONDS);

    assertThat(events.items)
        .extracting(m -> m.value().data(), MessageEvent::lastEventId, m -> m.event().id())
        .containsExactly(
            Tuple.tuple("a", "1", "1"), Tuple.tuple("b", "1", null), Tuple.tuple("c", "2", null));
    assertThat(events.items.get(2).type()).as("every event, whatever its name").isEqualTo("tick");
  }

  @Test
  void aFlowCompletesOnTheEndSentinelAndClosesItsConnection() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("data: Hel\n\ndata: lo\n\ndata: [DONE]\n\n");
              x.awaitClientClose(Duration.ofSeconds(10));
            });
    FlowCollector<ServerSentEvent> events = new FlowCollector<>();
    EventSource.builder(server.uri("/"))
        .endSentinel("[DONE]")
        .reconnectPolicy(FAST)
        .publisher()
        .subscribe(events);
    events.subscription.get(10, TimeUnit.SECONDS).request(10);

    assertThat(events.completed.get(10, TimeUnit.SECONDS)).isNull();
    assertThat(events.items).extracting(ServerSentEvent::data).containsExactly("Hel", "lo");
    assertThat(server.exchanges().get(0).awaitClientClose(Duration.ofSeconds(5))).isTrue();
    assertNoSecondRequest();
  }

  @Test
  void undecodableDataFailsATypedSubscription() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("event: tick\ndata: null\n\n");
              x.awaitClientClose(Duration.ofSeconds(10));
            });
    FlowCollector<MessageEvent<Tick>> ticks = new FlowCollector<>();
    EventSource.builder(server.uri("/")).publisher(Tick.class).subscribe(ticks);
    ticks.subscription.get(10, TimeUnit.SECONDS).request(5);
    assertThatThrownBy(() -> ticks.completed.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            EventSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DECODE));
    assertThat(server.exchanges().get(0).awaitClientClose(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void theEndSentinelClosesCleanlyWithoutDeliveringItOrReconnecting() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("data: Hel\n\ndata: lo\n\ndata: [DONE]\n\ndata: after\n\n");
              x.awaitClientClose(Duration.ofSeconds(10));
            });
    Recorder r = connectWithSentinel();

    r.awaitClosed();
    assertThat(r.events).extracting(ServerSentEvent::data).containsExactly("Hel", "lo");
    assertThat(r.errors).isEmpty();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    assertThat(server.exchanges().get(0).awaitClientClose(Duration.ofSeconds(5))).isTrue();
    assertNoSecondRequest();

    try (EventStream events =
        EventSource.builder(server.uri("/")).endSentinel("[DONE]").reconnectPolicy(FAST).events()) {
      assertThat(events.stream().map(ServerSentEvent::data).toList()).containsExactly("Hel", "lo");
      assertThat(events.closeCause()).isNull();
    }
    assertThat(server.exchanges()).hasSize(2);
  }

  @Test
  void blocksAfterTheEndSentinelInTheSameReadDoNotMoveTheLastEventId() throws Exception {
    server =
        new RawServer(
            x -> {
              // One write, so that the blocks after the sentinel are parsed with it.
              x.sseHead()
                  .write("id: 1\ndata: a\n\nid: 2\ndata: [DONE]\n\nid: 9\n\nid: 10\ndata: b\n\n");
              x.awaitClientClose(Duration.ofSeconds(10));
            });
    Recorder r = connectWithSentinel();

    r.awaitClosed();
    assertThat(r.events).extracting(ServerSentEvent::data).containsExactly("a");
    assertThat(source.lastEventId()).as("the sentinel's own id, none after it").isEqualTo("2");
  }

  @Test
  void aFiveMebibyteJsonEventOnOneLineFitsTheDefaultLimits() throws Exception {
    String text = "x".repeat(5 << 20);
    server =
        new RawServer(
            x -> {
              x.sseHead().write("data: {\"text\":\"" + text + "\"}\n\n");
              x.close();
            });
    try (EventStream events =
        EventSource.builder(server.uri("/")).reconnectPolicy(ReconnectPolicy.never()).events()) {
      ServerSentEvent e = events.next();
      assertThat(e.data().getBytes(StandardCharsets.UTF_8)).hasSize((5 << 20) + 11);
      assertThat(events.hasNext()).isFalse();
    }
  }

  @Test
  void aPostStreamDoesNotReconnectByDefault() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("id: 1\ndata: generated\n\n");
              x.close();
            });
    Recorder r = connectPostWithoutReconnectWith();

    assertThat(r.nextEvent().data()).isEqualTo("generated");
    r.awaitClosed();
    assertThat(r.errors).isEmpty();
    assertNoSecondRequest();
  }

  @Test
  void aBrokenPostStreamFailsWithoutReconnecting() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("id: 1\ndata: generated\n\ndata: half an ev");
              x.socket.setSoLinger(true, 0); // a reset: the connection breaks, it does not end
              x.close();
            });
    Recorder r = connectPostWithoutReconnectWith();

    assertThat(r.nextEvent().data()).isEqualTo("generated");
    EventSourceException e = r.nextError();
    assertThat(e.reason()).isEqualTo(Reason.NETWORK);
    assertThat(e.willReconnect()).isFalse();
    assertThat(e.getMessage()).startsWith("connection lost (").endsWith(server.uri("/chat") + "");
    r.awaitClosed();
    assertThat(r.events).as("the cut-off event is discarded").isEmpty();
    assertNoSecondRequest();
  }

  @Test
  void aPostStreamResumesWithAGetAndLastEventIdWhenAskedTo() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.index == 0) {
                x.sseHead().write("id: 41\ndata: first half\n\n");
                x.close();
              } else {
                x.sseHead().write("id: 42\ndata: second half\n\n");
                x.awaitClientClose(Duration.ofSeconds(20));
              }
            });
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/mcp"))
                    .method("POST", HttpRequest.BodyPublishers.ofString("{\"id\":1}"))
                    .header("Mcp-Session-Id", "s1")
                    .reconnectWith(ReconnectRequest.GET)
                    .reconnectPolicy(FAST)
                    .build())
            .connect();

    assertThat(r.nextEvent().data()).isEqualTo("first half");
    assertThat(r.nextEvent().data()).isEqualTo("second half");
    RawServer.Exchange post = server.exchanges().get(0);
    RawServer.Exchange get = server.exchanges().get(1);
    assertThat(post.method).isEqualTo("POST");
    assertThat(post.body).isEqualTo("{\"id\":1}");
    assertThat(get.method).isEqualTo("GET");
    assertThat(get.body).isEmpty();
    assertThat(get.path).isEqualTo("/mcp");
    assertThat(get.header("Last-Event-ID")).isEqualTo("41");
    assertThat(get.header("Mcp-Session-Id")).isEqualTo("s1");
  }

  @Test
  void aPostStreamResendsItsRequestWhenAskedTo() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("id: " + x.index + "\ndata: " + x.method + " " + x.body + "\n\n");
              if (x.index == 0) {
                x.close();
              } else {
                x.awaitClientClose(Duration.ofSeconds(20));
              }
            });
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/"))
                    .method("POST", HttpRequest.BodyPublishers.ofString("q"))
                    .reconnectWith(ReconnectRequest.SAME)
                    .reconnectPolicy(FAST)
                    .build())
            .connect();

    assertThat(r.nextEvent().data()).isEqualTo("POST q");
    assertThat(r.nextEvent().data()).isEqualTo("POST q");
    assertThat(server.exchanges().get(1).header("Last-Event-ID")).isEqualTo("0");
  }
}
