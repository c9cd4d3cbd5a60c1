package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.ServerSentEvent;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reading one connection: request headers, events, listeners by type, open and close. */
@Timeout(30)
class EventSourceTest {
  @AutoClose private RawServer server;
  @AutoClose private EventSource source;

  @Test
  void sendsTheEventSourceHeadersAndDeliversEventsByType() throws Exception {
    server =
        new RawServer(
            x -> {
              x.head(200, "Content-Type: text/event-stream; charset=utf-8", "X-Test: yes");
              x.write(": hello\n\ndata: one\n\nevent: greet\nid: 7\ndata: hi\ndata: there\n\n");
              x.write("event: ignored\ndata: nobody listens\n\ndata: two\n\n");
              x.awaitClientClose(Duration.ofSeconds(10));
            });
    Recorder r = new Recorder();
    source = r.attach(EventSource.builder(server.uri("/events")).build(), "greet").connect();

    assertThat(r.nextEvent()).isEqualTo(ServerSentEvent.of("one"));
    ServerSentEvent greet = r.nextEvent();
    assertThat(greet.type()).isEqualTo("greet");
    assertThat(greet.data()).isEqualTo("hi\nthere");
    assertThat(greet.id()).isEqualTo("7");
    assertThat(r.nextEvent().data()).isEqualTo("two");
    assertThat(source.lastEventId()).isEqualTo("7");
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
    assertThat(r.opens).hasSize(1);
    assertThat(r.opens.get(0).statusCode()).isEqualTo(200);
    assertThat(r.opens.get(0).headers().firstValue("X-Test")).contains("yes");

    RawServer.Exchange x = server.exchanges().get(0);
    assertThat(x.method).isEqualTo("GET");
    assertThat(x.path).isEqualTo("/events");
    assertThat(x.header("Accept")).isEqualTo("text/event-stream");
    assertThat(x.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(x.header("Last-Event-ID")).isNull();
    assertThat(r.errors).isEmpty();
  }

  @Test
  void crAndLfSplitAcrossReadsAreOneLineBreak() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead();
              // Pauses so the pieces arrive in separate reads: that split is what is tested.
              x.write("data: a\r");
              Thread.sleep(100);
              x.write("\ndata: b\r");
              Thread.sleep(100);
              x.write("\n\r");
              Thread.sleep(100);
              x.write("\ndata: c\n\n");
              x.awaitClientClose(Duration.ofSeconds(10));
            });
    Recorder r = new Recorder();
    source = r.attach(EventSource.builder(server.uri("/")).build()).connect();

    assertThat(r.nextEvent().data()).isEqualTo("a\nb");
    assertThat(r.nextEvent().data()).isEqualTo("c");
  }

  @Test
  void sendsMethodBodyHeadersAndInitialLastEventId() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("data: ok\n\n");
              x.awaitClientClose(Duration.ofSeconds(10));
            });
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/q"))
                    .method("POST", HttpRequest.BodyPublishers.ofString("{\"q\":1}"))
                    .header("Authorization", "Bearer t0")
                    .header("Content-Type", "application/json")
                    .lastEventId("41")
                    .build())
            .connect();

    r.nextEvent();
    RawServer.Exchange x = server.exchanges().get(0);
    assertThat(x.method).isEqualTo("POST");
    assertThat(x.body).isEqualTo("{\"q\":1}");
    assertThat(x.header("Authorization")).isEqualTo("Bearer t0");
    assertThat(x.header("Last-Event-ID")).isEqualTo("41");
    assertThat(source.lastEventId()).isEqualTo("41");
  }

  @Test
  void closeCancelsTheConnectionWithoutWaitingForBytes() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("data: first\n\n");
              x.awaitClientClose(Duration.ofSeconds(20));
            });
    Recorder r = new Recorder();
    source = r.attach(EventSource.builder(server.uri("/")).build()).connect();
    r.nextEvent();
    RawServer.Exchange x = server.nextExchange();

    source.close();

    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    r.awaitClosed();
    assertThat(x.awaitClientClose(Duration.ofSeconds(5))).as("server saw the close").isTrue();
    source.close();
    assertThat(r.closeCalls.get()).isEqualTo(1);
  }

  @Test
  void closeFromInsideAListenerStopsDelivery() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("data: 1\n\ndata: 2\n\ndata: 3\n\n");
              x.awaitClientClose(Duration.ofSeconds(20));
            });
    Recorder r = new Recorder();
    source = EventSource.builder(server.uri("/")).build();
    source.onMessage(
        e -> {
          r.events.add(e);
          source.close();
        });
    source.onClose(r.closed::countDown);
    source.connect();

    r.awaitClosed();
    RawServer.Exchange x = server.nextExchange();
    assertThat(x.awaitClientClose(Duration.ofSeconds(5))).isTrue();
    assertThat(r.events).extracting(ServerSentEvent::data).containsExactly("1");
  }
}
