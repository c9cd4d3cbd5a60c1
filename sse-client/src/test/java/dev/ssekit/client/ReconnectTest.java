package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reconnecting as the browser does: delays, Last-Event-ID, replay, idle timeout. */
@Timeout(60)
class ReconnectTest {
  @AutoClose private RawServer server;
  @AutoClose private EventSource source;

  @Test
  void aDropMidEventDiscardsThePartEventAndReconnectsWithLastEventId() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.index == 0) {
                x.sseHead().write("retry: 50\nid: 1\ndata: one\n\nid: 2\ndata: partial");
                x.close();
              } else {
                x.sseHead().write("id: 2\ndata: two\n\n");
                x.awaitClientClose(Duration.ofSeconds(20));
              }
            });
    Recorder r = new Recorder();
    source = r.attach(EventSource.builder(server.uri("/")).build()).connect();

    assertThat(r.nextEvent().data()).isEqualTo("one");
    assertThat(r.nextEvent().data()).isEqualTo("two");
    assertThat(server.exchanges().get(1).header("Last-Event-ID")).isEqualTo("1");
    assertThat(r.opens).hasSize(2);
    assertThat(r.errors).isEmpty();
    assertThat(source.lastEventId()).isEqualTo("2");
  }

  @Test
  void aReplayingServerDeliversEveryEventOnceAcrossManyReconnects() throws Exception {
    int total = 12;
    server =
        new RawServer(
            x -> {
              String last = x.header("Last-Event-ID");
              int from = last == null ? 1 : Integer.parseInt(last) + 1;
              StringBuilder frames = new StringBuilder("retry: 20\n\n");
              // Each connection sends three events, the start of a fourth, then drops.
              for (int i = from; i < from + 3 && i <= total; i++) {
                frames.append("id: ").append(i).append("\ndata: event ").append(i).append("\n\n");
              }
              frames.append("id: 999\ndata: never complete");
              x.sseHead().write(frames.toString());
              x.close();
            });
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/"))
                    // A short cap keeps the backoff of this deliberately flaky server small.
                    .reconnectPolicy(ReconnectPolicy.builder().maxDelay(Duration.ofMillis(200)).build())
                    .build())
            .connect();

    List<String> got = new ArrayList<>();
    for (int i = 1; i <= total; i++) {
      got.add(r.nextEvent().data());
    }
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= total; i++) {
      expected.add("event " + i);
    }
    assertThat(got).isEqualTo(expected);
    List<RawServer.Exchange> xs = server.exchanges();
    assertThat(xs.size()).isGreaterThanOrEqualTo(total / 3);
    assertThat(xs.get(0).header("Last-Event-ID")).isNull();
    for (int i = 1; i < total / 3; i++) {
      assertThat(xs.get(i).header("Last-Event-ID")).as("reconnect %d", i).isEqualTo(String.valueOf(3 * i));
    }
    assertThat(r.events.poll(200, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
  }

  @Test
  void reconnectDelayFollowsTheServersRetryField() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.index == 0) {
                x.sseHead().write("retry: 1000\n\n");
                x.close();
              } else if (x.index == 1) {
                x.sseHead().write("retry: 50\n\n");
                x.close();
              } else {
                x.sseHead().write("data: done\n\n");
                x.awaitClientClose(Duration.ofSeconds(20));
              }
            });
    Recorder r = new Recorder();
    source = r.attach(EventSource.builder(server.uri("/")).build()).connect();

    assertThat(r.nextEvent().data()).isEqualTo("done");
    List<RawServer.Exchange> xs = server.exchanges();
    long first = TimeUnit.NANOSECONDS.toMillis(xs.get(1).acceptedAt - xs.get(0).closedAt);
    long second = TimeUnit.NANOSECONDS.toMillis(xs.get(2).acceptedAt - xs.get(1).closedAt);
    assertThat(first).as("delay after retry: 1000").isBetween(950L, 5000L);
    // The second failure in a row may double the 50 ms, with jitter: at most 100 ms plus slack.
    assertThat(second).as("delay after retry: 50").isBetween(40L, 800L);
  }

  @Test
  void aCustomizerAdjustsEachAttempt() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("retry: 20\nid: a" + x.index + "\ndata: x\n\n");
              if (x.index < 2) {
                x.close();
              } else {
                x.awaitClientClose(Duration.ofSeconds(20));
              }
            });
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/start"))
                    .requestCustomizer(
                        (request, attempt, lastEventId) -> {
                          seen.add(attempt + ":" + lastEventId);
                          request.setHeader("Authorization", "token-" + attempt);
                          if (attempt > 1) {
                            request.uri(server.uri("/resume?after=" + lastEventId));
                          }
                        })
                    .build())
            .connect();

    for (int i = 0; i < 3; i++) {
      r.nextEvent();
    }
    assertThat(seen).containsExactly("1:", "2:a0", "3:a1");
    List<RawServer.Exchange> xs = server.exchanges();
    assertThat(xs.get(0).path).isEqualTo("/start");
    assertThat(xs.get(0).header("Authorization")).isEqualTo("token-1");
    assertThat(xs.get(2).path).isEqualTo("/resume?after=a1");
    assertThat(xs.get(2).header("Authorization")).isEqualTo("token-3");
    assertThat(xs.get(2).header("Last-Event-ID")).isEqualTo("a1");
  }

  @Test
  void anIdleConnectionIsDroppedAndReopened() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.index == 0) {
                x.sseHead().write("retry: 20\nid: 5\ndata: before\n\n");
                x.awaitClientClose(Duration.ofSeconds(20));
              } else {
                x.sseHead().write("data: after\n\n");
                x.awaitClientClose(Duration.ofSeconds(20));
              }
            });
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/")).idleTimeout(Duration.ofMillis(300)).build())
            .connect();

    assertThat(r.nextEvent().data()).isEqualTo("before");
    EventSourceException idle = r.nextError();
    assertThat(idle.reason()).isEqualTo(EventSourceException.Reason.IDLE_TIMEOUT);
    assertThat(idle.willReconnect()).isTrue();
    assertThat(r.nextEvent().data()).isEqualTo("after");
    assertThat(server.exchanges().get(1).header("Last-Event-ID")).isEqualTo("5");
    assertThat(server.exchanges().get(0).awaitClientClose(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void heartbeatsKeepAnIdleConnectionAlive() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead();
              // A comment every 100 ms for well over the 400 ms idle timeout: drip-feeding is
              // the behaviour under test.
              for (int i = 0; i < 12; i++) {
                x.write(":\n");
                Thread.sleep(100);
              }
              x.write("data: still here\n\n");
              x.awaitClientClose(Duration.ofSeconds(20));
            });
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/")).idleTimeout(Duration.ofMillis(400)).build())
            .connect();

    assertThat(r.nextEvent().data()).isEqualTo("still here");
    assertThat(r.errors).isEmpty();
    assertThat(server.exchanges()).hasSize(1);
  }

  @Test
  void withoutReconnectTheSourceClosesWhenTheStreamEnds() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("retry: 10\ndata: only\n\n");
              x.close();
            });
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/"))
                    .reconnectPolicy(ReconnectPolicy.never())
                    .build())
            .connect();

    assertThat(r.nextEvent().data()).isEqualTo("only");
    r.awaitClosed();
    assertThat(r.errors).isEmpty();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> server.exchanges().size() == 1);
  }

  @Test
  void aRefusedConnectionIsANetworkError() throws Exception {
    java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    int port = probe.getLocalPort();
    probe.close();
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(java.net.URI.create("http://127.0.0.1:" + port + "/"))
                    .reconnectPolicy(ReconnectPolicy.never())
                    .build())
            .connect();

    EventSourceException e = r.nextError();
    assertThat(e.reason()).isEqualTo(EventSourceException.Reason.NETWORK);
    assertThat(e.willReconnect()).isFalse();
    r.awaitClosed();
    assertThat(r.events).isEmpty();
  }

}
