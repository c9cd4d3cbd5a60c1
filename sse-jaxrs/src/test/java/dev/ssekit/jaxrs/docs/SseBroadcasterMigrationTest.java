package dev.ssekit.jaxrs.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.contract.StreamClient;
import dev.ssekit.jaxrs.SseKitFeature;
import dev.ssekit.jaxrs.TestServer;
import java.net.http.HttpClient;
import java.time.Duration;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * docs/migrating.md's Jersey pair: the {@code SseBroadcaster} chat and the ssekit one, each on
 * Jersey and Grizzly, send a page the same event; only the second resumes a client that was away.
 */
class SseBroadcasterMigrationTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String HELLO = "{\"user\":\"ada\",\"text\":\"hello\"}";

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void bothSendTheSameEventAndOnlyTheHubResumes() throws Exception {
    EventHub hub = EventHub.builder().build();
    try (TestServer before = TestServer.start(new ResourceConfig(BroadcasterChatResource.class));
        TestServer after =
            TestServer.start(
                new ResourceConfig()
                    .register(new SseKitFeature())
                    .register(new ChatResource(hub)));
        StreamClient broadcasterClient = StreamClient.open(http, before.uri("chat/events"), null)) {
      ServerSentEvent fromHub;
      String lastId;
      try (StreamClient hubClient = StreamClient.open(http, after.uri("chat/events"), null)) {
        await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
        Forms.post(http, after.uri("chat/messages"), "ada", "hello");
        // The broadcaster registers a sink when its request is served: ask until it sends.
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  Forms.post(http, before.uri("chat/messages"), "ada", "hello");
                  return broadcasterClient.eventCount() > 0;
                });
        await().atMost(WAIT).until(() -> hubClient.eventCount() == 1);
        fromHub = hubClient.events().get(0);
        lastId = hubClient.lastId();
      }
      assertThat(broadcasterClient.events().get(0)).isEqualTo(ServerSentEvent.of("chat", HELLO));
      assertThat(fromHub.type()).isEqualTo("chat");
      assertThat(fromHub.data()).isEqualTo(HELLO);
      assertThat(fromHub.id()).isNotNull().isEqualTo(lastId);

      // Away, then back with the Last-Event-ID every EventSource sends: the hub replays.
      Forms.post(http, after.uri("chat/messages"), "bob", "missed");
      try (StreamClient back = StreamClient.open(http, after.uri("chat/events"), lastId)) {
        await().atMost(WAIT).until(() -> back.eventCount() == 1);
        assertThat(back.events().get(0).data()).isEqualTo("{\"user\":\"bob\",\"text\":\"missed\"}");
      }
    } finally {
      hub.close();
    }
  }
}
