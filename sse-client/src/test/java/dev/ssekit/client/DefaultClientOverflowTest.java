package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.client.EventSourceException.Reason;
import dev.ssekit.client.internal.DefaultClients;
import dev.ssekit.client.internal.Shared;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default HttpClient holds more streams to one HTTP/2 origin than the server allows on one
 * connection: a stream refused for that moves to a further default client, which opens a connection
 * of its own. A client the user supplied is never multiplied.
 *
 * <p>Cleartext HTTP/2 (h2c), because the default clients use the JVM's default TLS trust, which a
 * test server's certificate is not in: the streams ask for HTTP/2 through a request customizer (the
 * client asks for HTTP/1.1 on {@code http://} by default), and the JDK sends the first request on a
 * connection as HTTP/1.1 with {@code Upgrade: h2c}, whose response comes as HTTP/2 stream 1 (so
 * every stream is HTTP/2, and each TCP connection is one HTTP/2 connection).
 *
 * <p>The default clients live as long as the JVM: each test uses a connect timeout that no other
 * test uses, so that the default clients it gets are its own.
 */
@Timeout(60)
class DefaultClientOverflowTest {
  private static final RequestCustomizer H2C =
      (request, attempt, lastEventId) -> request.version(HttpClient.Version.HTTP_2);

  @AutoClose private Http2Server server;
  private final List<EventSource> sources = new ArrayList<>();

  @AfterEach
  void closeSources() {
    sources.forEach(EventSource::close);
  }

  /** A stream that asks for HTTP/2 and does not reconnect, so that an error would be final. */
  private static EventSource.Builder h2c(URI uri) {
    return EventSource.builder(uri).requestCustomizer(H2C).reconnectPolicy(ReconnectPolicy.never());
  }

  @Test
  void streamsBeyondTheServersLimitMoveToFurtherDefaultClientsWithoutAnError() throws Exception {
    server = Http2Server.cleartext(4);
    Duration connectTimeout = Duration.ofMillis(9_001);
    List<Recorder> recorders = new ArrayList<>();
    // One at a time, each once the one before has its event: requests sent to a client before its
    // HTTP/2 connection is up would each open a connection of their own (the JDK's way), and the
    // count of connections would depend on timing.
    for (int i = 0; i < 10; i++) {
      Recorder r = new Recorder();
      recorders.add(r);
      EventSource.Builder b = h2c(server.uri("/s" + i)).connectTimeout(connectTimeout);
      sources.add(r.attach(b.lastEventId("id" + i).build()).connect());
      assertThat(r.nextEvent().data())
          .as("stream %d's event, sent with its Last-Event-ID", i)
          .isEqualTo("/s" + i + "#id" + i);
    }

    for (Recorder r : recorders) {
      assertThat(r.errors).as("errors").isEmpty();
      assertThat(r.opens).hasSize(1);
      assertThat(r.opens.get(0).version()).isEqualTo(HttpClient.Version.HTTP_2);
    }
    assertThat(sources).allSatisfy(s -> assertThat(s.readyState()).isEqualTo(ReadyState.OPEN));
    assertThat(server.tcpConnections()).as("TCP connections: ceil(10 / 4)").isEqualTo(3);
    assertThat(Shared.defaultClients(connectTimeout).size()).as("default clients").isEqualTo(3);
  }

  @Test
  void pastTheLastDefaultClientAStreamFailsWithAnErrorThatSaysSo() throws Exception {
    server = Http2Server.cleartext(1);
    Duration connectTimeout = Duration.ofMillis(9_004);
    for (int i = 0; i < DefaultClients.MAX; i++) {
      Recorder r = new Recorder();
      sources.add(
          r.attach(h2c(server.uri("/s" + i)).connectTimeout(connectTimeout).build()).connect());
      assertThat(r.nextEvent().data()).isEqualTo("/s" + i);
    }

    Recorder last = new Recorder();
    URI uri = server.uri("/s" + DefaultClients.MAX);
    sources.add(last.attach(h2c(uri).connectTimeout(connectTimeout).build()).connect());

    EventSourceException e = last.nextError();
    assertThat(e.reason()).isEqualTo(Reason.NETWORK);
    assertThat(e.willReconnect()).isFalse();
    assertThat(e.getMessage())
        .isEqualTo(
            "too many concurrent streams: the server's limit per HTTP/2 connection is reached on"
                + " all 64 default HttpClients' connections to this origin; spread further streams"
                + " over HttpClients of your own (see \"Many streams\" in the sse-client docs): "
                + uri);
    last.awaitClosed();
    assertThat(server.tcpConnections()).isEqualTo(DefaultClients.MAX);
    assertThat(Shared.defaultClients(connectTimeout).size()).isEqualTo(DefaultClients.MAX);
  }

  @Test
  void aClientTheUserSuppliedIsNotMultiplied() throws Exception {
    server = Http2Server.cleartext(4);
    HttpClient client = HttpClient.newHttpClient();
    for (int i = 0; i < 4; i++) {
      Recorder r = new Recorder();
      sources.add(r.attach(h2c(server.uri("/s" + i)).httpClient(client).build()).connect());
      assertThat(r.nextEvent().data()).isEqualTo("/s" + i);
    }

    Recorder fifth = new Recorder();
    sources.add(fifth.attach(h2c(server.uri("/s4")).httpClient(client).build()).connect());

    EventSourceException e = fifth.nextError();
    assertThat(e.reason()).isEqualTo(Reason.NETWORK);
    assertThat(e.willReconnect()).isFalse();
    assertThat(e.getMessage())
        .startsWith("too many concurrent streams: ")
        .contains("several HttpClients")
        .endsWith(": " + server.uri("/s4"));
    fifth.awaitClosed();
    assertThat(fifth.events).isEmpty();
    assertThat(server.tcpConnections()).isEqualTo(1);
  }

  @Test
  void streamsRefusedTogetherGrowTheDefaultClientsByOne() throws Exception {
    DefaultClients clients = Shared.defaultClients(Duration.ofMillis(9_002));
    URI uri = URI.create("https://example.test/events");
    int threads = 16;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> next = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<Integer> refuse =
            () -> {
              start.await();
              return clients.refused(uri, 0);
            };
        next.add(pool.submit(refuse));
      }
      start.countDown();
      for (Future<Integer> f : next) {
        assertThat(f.get()).as("the client to try next").isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(clients.size()).isEqualTo(2);
  }

  @Test
  void newStreamsStartOnTheLowestClientNotKnownToBeFullForTheirOrigin() {
    DefaultClients clients = Shared.defaultClients(Duration.ofMillis(9_003));
    URI full = URI.create("https://full.test/events");
    URI other = URI.create("https://other.test/events");
    assertThat(clients.first(full)).isZero();

    assertThat(clients.refused(full, 0)).isEqualTo(1);
    assertThat(clients.refused(full, 1)).isEqualTo(2);
    assertThat(clients.first(URI.create("https://FULL.test:443/other"))).isEqualTo(2);
    assertThat(clients.first(other)).as("another origin").isZero();

    clients.released(full, 1);
    assertThat(clients.first(full)).as("a stream on client 1 ended").isEqualTo(1);
    clients.released(full, 0);
    assertThat(clients.first(full)).isZero();
    assertThat(clients.size()).as("clients are not dropped").isEqualTo(3);
  }
}
