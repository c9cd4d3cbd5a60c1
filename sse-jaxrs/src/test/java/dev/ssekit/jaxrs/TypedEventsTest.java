package dev.ssekit.jaxrs;

import dev.ssekit.hub.contract.Order;
import dev.ssekit.hub.contract.Ping;
import dev.ssekit.hub.contract.StreamClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.glassfish.jersey.server.ResourceConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Typed events through the standard SseEventSink and SseBroadcaster, read by two clients. */
class TypedEventsTest {
  @BeforeAll
  static void pollPromptly() {
    // Conditions here usually hold within milliseconds; the default 100 ms first poll adds up.
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
  }

  private static final Duration WAIT = Duration.ofSeconds(20);

  private TestServer server;
  private Client jersey;
  private HttpClient http;

  @BeforeEach
  void start() {
    // Codecs come from the service file sse-processor generated for the test events.
    server =
        TestServer.start(
            new ResourceConfig()
                .register(SinkResource.class)
                .register(new SseKitFeature()));
    jersey = ClientBuilder.newClient().register(new SseKitFeature());
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterEach
  void stop() {
    jersey.close();
    server.close();
  }

  @Test
  void anSseEventSinkSendsNameIdAndCodecJson() throws Exception {
    try (StreamClient client = StreamClient.open(http, server.uri("sink/three"), null)) {
      await().atMost(WAIT).until(() -> client.eventCount() == 3 && client.ended());
      assertThat(client.events())
          .containsExactly(
              ServerSentEvent.builder().type("ping").data("{\"text\":\"one\",\"seq\":1}").build(),
              ServerSentEvent.builder()
                  .type("ping")
                  .id("custom-2")
                  .data("{\"text\":\"two\",\"seq\":2}")
                  .build(),
              ServerSentEvent.builder()
                  .type("order")
                  .id("o-3")
                  .data("{\"orderId\":\"o-3\",\"quantity\":3}")
                  .build());
      var headers = client.headers();
      assertThat(headers.firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");
      assertThat(headers.firstValue("Cache-Control")).hasValue("no-cache");
      assertThat(headers.firstValue("X-Accel-Buffering")).hasValue("no");
    }
  }

  @Test
  void jerseysEventSourceReadsTypedDataFromASink() {
    ConcurrentLinkedQueue<InboundSseEvent> received = new ConcurrentLinkedQueue<>();
    try (SseEventSource source =
        SseEventSource.target(jersey.target(server.uri("sink/three")))
            .reconnectingEvery(1, java.util.concurrent.TimeUnit.HOURS)
            .build()) {
      source.register(received::add);
      source.open();
      await().atMost(WAIT).until(() -> received.size() >= 3);
    }
    List<InboundSseEvent> events = List.copyOf(received).subList(0, 3);
    assertThat(events.get(0).readData(Ping.class)).isEqualTo(new Ping("one", 1));
    assertThat(events.get(1).getId()).isEqualTo("custom-2");
    assertThat(events.get(2).getName()).isEqualTo("order");
    assertThat(events.get(2).readData(Order.class)).isEqualTo(new Order("o-3", 3));
  }

  @Test
  void theStandardBroadcasterDeliversTypedEventsToEverySink() throws Exception {
    try (StreamClient a = StreamClient.open(http, server.uri("sink/subscribe"), null);
        StreamClient b = StreamClient.open(http, server.uri("sink/subscribe"), null)) {
      // The sinks register when their requests are served; broadcast until both have one.
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                jersey.target(server.uri("sink/broadcast")).request().post(Entity.text("hi")).close();
                return a.eventCount() > 0 && b.eventCount() > 0;
              });
      assertThat(a.events().get(0))
          .isEqualTo(ServerSentEvent.of("ping", "{\"text\":\"hi\",\"seq\":42}"));
      assertThat(b.events().get(0)).isEqualTo(a.events().get(0));
    }
  }
}
