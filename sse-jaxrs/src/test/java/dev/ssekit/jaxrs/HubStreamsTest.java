package dev.ssekit.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.CloseReason;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventIdGenerator;
import dev.ssekit.hub.Subscription;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.Awaitility;
import org.glassfish.jersey.message.GZipEncoder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.filter.EncodingFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hub served by Jersey on Grizzly, over real HTTP. */
class HubStreamsTest {
  @BeforeAll
  static void pollPromptly() {
    // Conditions here usually hold within milliseconds; the default 100 ms first poll adds up.
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
  }

  private static final Duration WAIT = Duration.ofSeconds(20);

  private EventHub hub;
  private HubResource resource;
  private TestServer server;
  private HttpClient http;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  private void start(EventHub.Builder hubConfig) {
    hub = hubConfig.ids(EventIdGenerator.sequence()).build();
    resource = new HubResource(hub);
    ResourceConfig config = new ResourceConfig().register(resource).register(new SseKitFeature());
    EncodingFilter.enableFor(config, GZipEncoder.class);
    server = TestServer.start(config);
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  private StreamClient connect(String lastEventId) {
    StreamClient c = StreamClient.open(http, server.uri("hub/events"), lastEventId);
    toClose.add(c);
    return c;
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    if (hub != null) {
      hub.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static List<String> range(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      ids.add(Integer.toString(i));
    }
    return ids;
  }

  @Test
  void typedEventsArriveWithNameIdAndCodecJson() throws Exception {
    start(EventHub.builder());
    StreamClient client = connect(null);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    hub.publish(new Ping("hello", 1));
    hub.publish(new Order("order-9", 3));
    await().atMost(WAIT).until(() -> client.eventCount() == 2);
    assertThat(client.events())
        .containsExactly(
            ServerSentEvent.builder()
                .type("ping")
                .id("1")
                .data("{\"text\":\"hello\",\"seq\":1}")
                .build(),
            ServerSentEvent.builder()
                .type("order")
                .id("order-9")
                .data("{\"orderId\":\"order-9\",\"quantity\":3}")
                .build());
  }

  @Test
  void theResponseHasStreamHeadersAndIsNeverCompressed() throws Exception {
    start(EventHub.builder());
    HttpRequest request =
        HttpRequest.newBuilder(server.uri("hub/events"))
            .header("Accept-Encoding", "gzip, deflate")
            .build();
    StreamClient client = StreamClient.open(http, request);
    toClose.add(client);
    var headers = client.headers();
    assertThat(client.response().statusCode()).isEqualTo(200);
    assertThat(headers.firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");
    assertThat(headers.firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(headers.firstValue("X-Accel-Buffering")).hasValue("no");
    assertThat(headers.firstValue("Content-Encoding")).isEmpty();
    hub.publish(ServerSentEvent.of("plain text"));
    await().atMost(WAIT).until(() -> client.eventCount() == 1);
    assertThat(client.events().get(0).data()).isEqualTo("plain text");
  }

  @Test
  void jerseysEventSourceReadsTypedData() throws Exception {
    start(EventHub.builder());
    Client jersey = ClientBuilder.newClient().register(new SseKitFeature());
    toClose.add(jersey::close);
    ConcurrentLinkedQueue<InboundSseEvent> received = new ConcurrentLinkedQueue<>();
    try (SseEventSource source = SseEventSource.target(jersey.target(server.uri("hub/events"))).build()) {
      // Jersey's client reports the data-less retry block as an event too; the spec says it is none.
      source.register(
          e -> {
            if (e.getName() != null) {
              received.add(e);
            }
          });
      source.open();
      await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
      hub.publish(new Ping("typed", 7));
      await().atMost(WAIT).until(() -> received.size() == 1);
      InboundSseEvent event = received.peek();
      assertThat(event.getName()).isEqualTo("ping");
      assertThat(event.getId()).isEqualTo("1");
      assertThat(event.readData(Ping.class)).isEqualTo(new Ping("typed", 7));
    }
  }

  @Test
  void replaysAcrossAForcedDisconnectWithNoGapAndNoDuplicate() throws Exception {
    start(EventHub.builder().heartbeatInterval(Duration.ofMillis(100)));
    StreamClient first = connect(null);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    for (int i = 1; i <= 5; i++) {
      hub.publish(new Ping("p", i));
    }
    await().atMost(WAIT).until(() -> first.eventCount() == 5);
    String lastId = first.lastId();
    first.close();
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 0);
    for (int i = 6; i <= 10; i++) {
      hub.publish(new Ping("p", i));
    }
    StreamClient second = connect(lastId);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    hub.publish(new Ping("p", 11));
    await().atMost(WAIT).until(() -> second.eventCount() >= 6);
    assertThat(lastId).isEqualTo("5");
    assertThat(second.ids()).isEqualTo(range(6, 11));
  }

  @Test
  void heartbeatsArriveOnAnIdleStream() throws Exception {
    start(EventHub.builder().heartbeatInterval(Duration.ofMillis(100)));
    StreamClient client = connect(null);
    await().atMost(WAIT).until(() -> client.comments().size() >= 3);
    assertThat(client.events()).isEmpty();
    hub.publish(new Ping("after the heartbeats", 1));
    await().atMost(WAIT).until(() -> client.eventCount() == 1);
    // A heartbeat is a block of its own: it leaves no comment on the event that follows.
    assertThat(client.events().get(0).comment()).isNull();
  }

  @Test
  void aThousandSubscribersEachReceiveEveryEvent() throws Exception {
    start(EventHub.builder());
    int n = 1000;
    List<StreamClient> clients = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clients.add(connect(null));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.subscriberCount() == n);
    for (int i = 1; i <= 20; i++) {
      hub.publish(new Ping("fan-out", i));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> clients.stream().allMatch(c -> c.eventCount() == 20));
    for (StreamClient c : clients) {
      assertThat(c.ids()).isEqualTo(range(1, 20));
    }
    clients.forEach(StreamClient::close);
    hub.close();
    assertThat(hub.subscriberCount()).isZero();
  }

  @Test
  void aSubscriberThatNeverReadsIsReleasedAndDelaysNobody() throws Exception {
    start(EventHub.builder().maxQueued(8, 256 * 1024).writeTimeout(Duration.ofSeconds(5)));
    StreamClient reader = connect(null);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    try (Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(4096);
      stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
      stalled
          .getOutputStream()
          .write(
              ("GET /hub/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      await().atMost(WAIT).until(() -> hub.subscriberCount() == 2);
      String payload = "x".repeat(64 * 1024);
      int published = 0;
      // Publish, paced by the reader, until the stalled client has been dealt with.
      while (resource.closed.isEmpty() && published < 3000) {
        published++;
        hub.publish(ServerSentEvent.of(payload));
        int expected = published;
        await().atMost(WAIT).until(() -> reader.eventCount() == expected);
      }
      assertThat(resource.closed).hasSize(1);
      Subscription gone = resource.closed.peek();
      assertThat(gone.closeReason()).isIn(CloseReason.TOO_SLOW, CloseReason.WRITE_TIMEOUT);
      assertThat(hub.subscriberCount()).isEqualTo(1);
      hub.publish(ServerSentEvent.of("after"));
      int expected = published + 1;
      await().atMost(WAIT).until(() -> reader.eventCount() == expected);
      assertThat(reader.ids()).isEqualTo(range(1, expected));
    }
  }

  @Test
  void disconnectedClientsAreNoticedAndReleased() throws Exception {
    start(EventHub.builder().heartbeatInterval(Duration.ofMillis(100)));
    List<StreamClient> clients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      clients.add(connect(null));
    }
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 20);
    clients.forEach(StreamClient::close);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 0);
    await().atMost(WAIT).until(() -> resource.closed.size() == 20);
    assertThat(resource.closed).extracting(Subscription::closeReason).containsOnly(CloseReason.CLIENT_GONE);
  }

  private static String rawRequest(int port, String lastEventIdHeader) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port));
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET /hub/events HTTP/1.1\r\nHost: 127.0.0.1\r\nLast-Event-ID: "
                  + lastEventIdHeader
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        line.append((char) b);
      }
      return line.toString().trim();
    }
  }

  @Test
  void aBadLastEventIdIs400AndAffectsNobodyElse() throws Exception {
    start(EventHub.builder());
    StreamClient bystander = connect(null);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    assertThat(rawRequest(server.port(), "a\tb")).startsWith("HTTP/1.1 400");
    assertThat(rawRequest(server.port(), "7".repeat(300))).startsWith("HTTP/1.1 400");
    assertThat(hub.subscriberCount()).isEqualTo(1);
    hub.publish(new Ping("still here", 1));
    await().atMost(WAIT).until(() -> bystander.eventCount() == 1);
    assertThat(bystander.ids()).containsExactly("1");
  }

  @Test
  void theStatusLineSaysOkThoughTheResponseCarriesNoReasonPhrase() throws Exception {
    start(EventHub.builder());
    assertThat(rawRequest(server.port(), "1")).isEqualTo("HTTP/1.1 200 OK");
  }

  @Test
  void publishingWithoutACodecOrWithAnInvalidIdFailsInTheCaller() throws Exception {
    start(EventHub.builder());
    StreamClient client = connect(null);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    assertThatThrownBy(() -> hub.publish(new Object() {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hub.publish(new Order("two words", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event id");
    assertThatThrownBy(() -> hub.publish(new Order("line\nbreak", 1)))
        .isInstanceOf(IllegalArgumentException.class);
    hub.publish(new Order("ok-1", 1));
    await().atMost(WAIT).until(() -> client.eventCount() == 1);
    assertThat(client.ids()).containsExactly("ok-1");
    assertThat(client.response().statusCode()).isEqualTo(200);
  }
}
