package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.client.EventSourceException.Reason;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against an HTTPS server that speaks HTTP/2, streams from one HttpClient share one connection, and
 * streams beyond the server's concurrent-stream limit fail with an error that says what to do.
 */
@Timeout(60)
class Http2Test {
  @TempDir Path dir;
  private Http2Server server;
  private final List<EventSource> sources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (EventSource s : sources) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private EventSource open(HttpClient client, String path, Recorder recorder, ReconnectPolicy p) {
    EventSource s =
        recorder.attach(
            EventSource.builder(server.uri(path)).httpClient(client).reconnectPolicy(p).build());
    sources.add(s);
    return s.connect();
  }

  @Test
  void manyStreamsFromOneHttpClientShareOneConnection() throws Exception {
    server = new Http2Server(dir, 128);
    HttpClient client = HttpClient.newBuilder().sslContext(server.clientTls()).build();
    List<Recorder> recorders = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      recorders.add(new Recorder());
    }
    // The first stream brings the connection up; requests sent before it is up would each open a
    // connection of their own (see docs/client.md, "Many streams").
    open(client, "/s0", recorders.get(0), ReconnectPolicy.defaults());
    assertThat(recorders.get(0).nextEvent().data()).isEqualTo("/s0");
    for (int i = 1; i < recorders.size(); i++) {
      open(client, "/s" + i, recorders.get(i), ReconnectPolicy.defaults());
    }

    for (int i = 0; i < recorders.size(); i++) {
      Recorder r = recorders.get(i);
      if (i > 0) {
        assertThat(r.nextEvent().data()).isEqualTo("/s" + i);
      }
      assertThat(r.opens).hasSize(1);
      assertThat(r.opens.get(0).version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(r.errors).isEmpty();
    }
    assertThat(server.tcpConnections()).as("TCP connections accepted").isEqualTo(1);
    assertThat(sources).allSatisfy(s -> assertThat(s.readyState()).isEqualTo(ReadyState.OPEN));
  }

  @Test
  void streamsBeyondTheServersLimitFailWithAnErrorThatSaysWhatToDo() throws Exception {
    server = new Http2Server(dir, 4);
    HttpClient client = HttpClient.newBuilder().sslContext(server.clientTls()).build();
    Recorder first = new Recorder();
    open(client, "/s0", first, ReconnectPolicy.never());
    assertThat(first.nextEvent().data()).isEqualTo("/s0");

    BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
    for (int i = 1; i < 6; i++) {
      EventSource s =
          EventSource.builder(server.uri("/s" + i))
              .httpClient(client)
              .reconnectPolicy(ReconnectPolicy.never())
              .build()
              .onMessage(outcomes::add)
              .onError(outcomes::add);
      sources.add(s);
      s.connect();
    }
    List<EventSourceException> errors = new ArrayList<>();
    int events = 0;
    for (int i = 0; i < 5; i++) {
      Object o = outcomes.poll(10, TimeUnit.SECONDS);
      assertThat(o).as("an event or an error within 10 s").isNotNull();
      if (o instanceof EventSourceException) {
        errors.add((EventSourceException) o);
      } else {
        events++;
      }
    }

    assertThat(events).as("streams within the limit of 4").isEqualTo(3);
    assertThat(errors).hasSize(2);
    for (EventSourceException e : errors) {
      assertThat(e.reason()).isEqualTo(Reason.NETWORK);
      assertThat(e.willReconnect()).isFalse();
      assertThat(e.getMessage())
          .startsWith("too many concurrent streams: ")
          .contains("several HttpClients")
          .containsPattern(": https://127\\.0\\.0\\.1:\\d+/s[1-5]$")
          .doesNotContain("connection lost");
    }
    assertThat(server.tcpConnections()).isEqualTo(1);
  }
}
