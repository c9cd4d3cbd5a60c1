package dev.ssekit.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.hub.CorsPolicy;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.HubObserver;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The refusals only the adapter sees reach the hub's {@link HubObserver}: a stream or a preflight
 * from an origin the CORS policy refuses; the authorizer's and {@code Last-Event-ID}'s refusals are
 * reported by the hub itself.
 */
class CorsRefusalsObservedTest {
  private final List<String> reported = new CopyOnWriteArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private EventHub hub;
  private TestServer server;

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
  void everyRefusedRequestIsReportedWithItsReason() throws Exception {
    hub =
        EventHub.builder()
            .cors(CorsPolicy.builder().allowOrigin("https://app.test").build())
            .topicAuthorizer((topic, request) -> !topic.startsWith("private-"))
            .observer(
                new HubObserver() {
                  @Override
                  public void refused(String topic, Refusal refusal) {
                    reported.add(topic + " " + refusal);
                  }
                })
            .build();
    server = TestServer.start(new ResourceConfig().register(new TopicResource(hub, s -> {})));

    assertThat(status(get("news", "Origin", "https://evil.test"))).isEqualTo(403);
    assertThat(status(preflight("news", "https://evil.test"))).isEqualTo(403);
    assertThat(status(get("private-ada", "Origin", "https://app.test"))).isEqualTo(403);
    assertThat(status(get("news", "Last-Event-ID", "x".repeat(300)))).isEqualTo(400);

    assertThat(reported)
        .containsExactly(
            "news ORIGIN_REFUSED",
            "null ORIGIN_REFUSED",
            "private-ada TOPIC_DENIED",
            "news INVALID_LAST_EVENT_ID");
    assertThat(hub.corsPolicy().refusedCount()).isEqualTo(2);
  }

  private HttpRequest get(String topic, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri("topics/" + topic + "/events"))
            .header("Accept", "text/event-stream");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  private HttpRequest preflight(String topic, String origin) {
    return HttpRequest.newBuilder(server.uri("topics/" + topic + "/events"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "GET")
        .build();
  }

  private int status(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
