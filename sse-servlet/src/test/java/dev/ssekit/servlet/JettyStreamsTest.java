package dev.ssekit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.CloseReason;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventIdGenerator;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The servlet adapter on embedded Jetty 12, over real HTTP. */
@Timeout(120)
class JettyStreamsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Queue<Subscription> closed = new ConcurrentLinkedQueue<>();
  private EventHub hub;
  private JettyEndpoint server;

  @AfterEach
  void stop() throws Exception {
    if (hub != null) {
      hub.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void eventsArriveAndAClientThatLeavesIsReleased() throws Exception {
    // A client that goes away is noticed at the latest at the next write: heartbeats make it prompt.
    hub =
        EventHub.builder()
            .ids(EventIdGenerator.sequence())
            .heartbeatInterval(Duration.ofMillis(100))
            .build();
    server = JettyEndpoint.start(hub, closed::add);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    StreamClient client = StreamClient.open(http, server.uri("hub/events"), null);
    assertThat(client.response().statusCode()).isEqualTo(200);
    assertThat(client.headers().firstValue("Content-Type"))
        .hasValue(ServletStreams.CONTENT_TYPE);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    hub.publish(ServerSentEvent.of("one"));
    hub.publish(ServerSentEvent.of("two"));
    await().atMost(WAIT).until(() -> client.eventCount() == 2);
    assertThat(client.ids()).containsExactly("1", "2");
    client.close();
    await().atMost(WAIT).until(() -> closed.size() == 1);
    assertThat(closed.peek().closeReason()).isEqualTo(CloseReason.CLIENT_GONE);
  }
}
