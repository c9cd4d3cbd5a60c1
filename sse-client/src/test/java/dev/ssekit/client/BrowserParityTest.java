package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.ServerSentEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the browser's EventSource gives a page, given to Java listeners too. */
@Timeout(30)
class BrowserParityTest {
  @AutoClose private RawServer server;
  @AutoClose private EventSource source;

  private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
    T t = queue.poll(10, TimeUnit.SECONDS);
    assertThat(t).as("within 10 s").isNotNull();
    return t;
  }

  @Test
  void everyListenerReadsTheLastEventIdAsOfItsOwnEvent() throws Exception {
    // One write, so that the whole stream is parsed before the first listener runs: the source's
    // own lastEventId() is then already "" while each event must still see its own value.
    server =
        new RawServer(
            x -> {
              x.sseHead()
                  .write(
                      "id: 1\n"
                          + "data: a\n\n"
                          + "data: b\n\n"
                          + "id: 2\n\n"
                          + "event: tick\n"
                          + "data: {\"seq\":5,\"at\":\"2026-01-01T00:00:00Z\",\"tags\":[]}\n\n"
                          + "id\n"
                          + "data: c\n\n");
              x.awaitClientClose(Duration.ofSeconds(10));
            });
    BlockingQueue<MessageEvent<?>> seen = new LinkedBlockingQueue<>();
    source =
        EventSource.builder(server.uri("/"))
            .build()
            .onEvent("message", seen::add)
            .onEvent(Tick.class, seen::add)
            .connect();

    MessageEvent<?> a = next(seen);
    assertThat(a.value()).isEqualTo(ServerSentEvent.builder().data("a").id("1").build());
    assertThat(a.lastEventId()).isEqualTo("1");
    MessageEvent<?> b = next(seen);
    assertThat(b.event().id()).as("the block's own id field").isNull();
    assertThat(b.lastEventId()).as("carried over from the event before").isEqualTo("1");
    MessageEvent<?> tick = next(seen);
    assertThat(tick.type()).isEqualTo("tick");
    assertThat(tick.value())
        .isEqualTo(new Tick(5, java.time.Instant.parse("2026-01-01T00:00:00Z"), List.of()));
    assertThat(tick.lastEventId()).as("set by an id-only block").isEqualTo("2");
    MessageEvent<?> c = next(seen);
    assertThat(c.event().data()).isEqualTo("c");
    assertThat(c.lastEventId()).as("an empty id field resets it").isEmpty();
  }

  @Test
  void commentListenersSeeEveryCommentAndEventsKeepThemOutOfTheirData() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write(": heartbeat\n\n").write(":\ndata: a\n:  two spaces\ndata: b\n\n");
              x.awaitClientClose(Duration.ofSeconds(10));
            });
    BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    BlockingQueue<ServerSentEvent> events = new LinkedBlockingQueue<>();
    source =
        EventSource.builder(server.uri("/"))
            .build()
            .onComment(comments::add)
            .onMessage(events::add)
            .connect();

    assertThat(next(comments)).isEqualTo("heartbeat");
    assertThat(next(comments)).isEmpty();
    assertThat(next(comments)).isEqualTo(" two spaces");
    ServerSentEvent e = next(events);
    assertThat(e.data()).isEqualTo("a\nb");
    assertThat(e.comment()).isEqualTo("\n two spaces");
  }

  @Test
  void restartReconnectsAtOnceWithTheLastEventIdAndNewCredentials() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead()
                  .write("id: " + (x.index + 1) + "\ndata: " + x.header("Authorization") + "\n\n");
              x.awaitClientClose(Duration.ofSeconds(20));
            });
    java.util.concurrent.atomic.AtomicReference<String> token =
        new java.util.concurrent.atomic.AtomicReference<>("old");
    BlockingQueue<ServerSentEvent> events = new LinkedBlockingQueue<>();
    BlockingQueue<EventSourceException> errors = new LinkedBlockingQueue<>();
    BlockingQueue<Integer> opens = new LinkedBlockingQueue<>();
    source =
        EventSource.builder(server.uri("/"))
            // A retry time far longer than the test: only restart() can reconnect in time.
            .reconnectPolicy(ReconnectPolicy.builder().retry(Duration.ofMinutes(5)).build())
            .requestCustomizer(
                (request, attempt, id) -> request.header("Authorization", token.get()))
            .build()
            .onMessage(events::add)
            .onError(errors::add)
            .onOpen(response -> opens.add(response.statusCode()))
            .connect();
    assertThat(next(events).data()).isEqualTo("old");

    token.set("new");
    source.restart();

    assertThat(next(events).data()).isEqualTo("new");
    assertThat(opens).hasSize(2);
    assertThat(server.exchanges().get(1).header("Last-Event-ID")).isEqualTo("1");
    assertThat(server.exchanges().get(0).awaitClientClose(Duration.ofSeconds(5))).isTrue();
    assertThat(errors).isEmpty();
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
  }
}
