package dev.ssekit.samples.docs.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSource;
import dev.ssekit.client.EventStream;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.micrometer.SseMetrics;
import dev.ssekit.redis.RedisEventLog;
import dev.ssekit.redis.RedisServerProcess;
import dev.ssekit.samples.docs.hub.Closer;
import dev.ssekit.samples.docs.hub.JerseyServer;
import dev.ssekit.samples.docs.redis.NewsResource;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/metrics.md: {@code SseMetrics} on a hub and its Redis log, read as Prometheus reads them,
 * while a real client is subscribed through Jersey on Grizzly.
 */
class MetricsExamplesTest {
  @RegisterExtension static final RedisServerProcess redis = new RedisServerProcess();

  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension final Closer closer = new Closer();

  private JerseyServer server;

  @Test
  void theHubAndItsLogReportToTheRegistry() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    String redisUri = redis.uri();
    // begin-snippet: sse-metrics
    SseMetrics metrics =
        SseMetrics.builder(registry) // Prometheus, Datadog, JMX, ...
            .tags(Tags.of("service", "chat"))
            .perTopic(Set.of("lobby", "prices")::contains) // topics with meters of their own
            .build();
    EventHub hub =
        EventHub.builder()
            .observer(metrics)
            .eventLog(RedisEventLog.builder(redisUri).observer(metrics).build()) // when shared
            .topicAuthorizer((topic, request) -> true)
            .build();
    // end-snippet
    closer.add(hub);
    server = closer.add(JerseyServer.start(new NewsResource(hub), new ScrapeResource(registry)));

    try (EventStream lobby = EventSource.builder(server.uri("rooms/lobby/events")).events()) {
      await().atMost(WAIT).until(() -> hub.topic("lobby").subscriberCount() == 1);
      for (int i = 1; i <= 3; i++) {
        hub.topic("lobby").publish(ServerSentEvent.of("news", "item " + i));
      }
      for (int i = 1; i <= 3; i++) {
        assertThat(lobby.poll(WAIT)).as("event " + i).isNotNull();
      }
      hub.topic("elsewhere").publish(ServerSentEvent.of("news", "not per topic"));

      await() // the lines docs/metrics.md shows
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(scrape().lines())
                      .contains(
                          "ssekit_subscribers{service=\"chat\"} 1.0",
                          "ssekit_topic_subscribers{service=\"chat\",topic=\"lobby\"} 1.0",
                          "ssekit_topic_events_published_total{service=\"chat\",topic=\"lobby\"}"
                              + " 3.0",
                          "ssekit_log_connected{service=\"chat\"} 1.0"));
      assertThat(scrape())
          .contains("ssekit_events_published_total{service=\"chat\"} 4.0")
          .contains("ssekit_delivery_latency_seconds_count{service=\"chat\"} ")
          .doesNotContain("topic=\"elsewhere\"");
    }
  }

  private String scrape() throws Exception {
    HttpResponse<String> response =
        JerseyServer.HTTP.send(
            HttpRequest.newBuilder(server.uri("metrics")).timeout(WAIT).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
