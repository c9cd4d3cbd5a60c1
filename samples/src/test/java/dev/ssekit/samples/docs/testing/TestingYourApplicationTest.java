package dev.ssekit.samples.docs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSource;
import dev.ssekit.client.TypedEventStream;
import dev.ssekit.hub.EventHub;
import dev.ssekit.jaxrs.SseKitFeature;
import dev.ssekit.samples.docs.events.Reading;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/testing.md's "Testing your own application": an application's stream tested end to end with
 * the typed client, on a real server on a free loopback port.
 */
class TestingYourApplicationTest {
  /** Generous: the first request on a cold Jersey on a busy machine takes seconds. */
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final Instant NOON = Instant.parse("2026-01-01T12:00:00Z");

  private EventHub hub;
  private HttpServer server;
  private URI base;

  @BeforeEach
  void start() {
    hub = EventHub.builder().build();
    server =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:0/"),
            new ResourceConfig()
                .register(SseKitFeature.class)
                .register(new ReadingResource(hub))
                .property(ServerProperties.WADL_FEATURE_DISABLE, true));
    base = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort() + "/");
  }

  @AfterEach
  void stop() {
    hub.close();
    server.shutdownNow();
  }

  @Test
  void aPublishedReadingReachesAConnectedClientTyped() throws InterruptedException {
    // begin-snippet: typed-pull-in-a-test
    try (TypedEventStream<Reading> readings =
        EventSource.builder(base.resolve("readings")).events(Reading.class)) {
      // Publish only once the client is subscribed: a new client gets what comes after.
      await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
      hub.publish(new Reading(1, NOON, 21.5));
      hub.publish(new Reading(2, NOON, 22.0));

      assertThat(readings.poll(WAIT)).isEqualTo(new Reading(1, NOON, 21.5));
      assertThat(readings.poll(WAIT)).isEqualTo(new Reading(2, NOON, 22.0));
      assertThat(readings.lastEventId()).isEqualTo("2");
    }
    // end-snippet
  }
}
