package dev.ssekit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.CloseReason;
import dev.ssekit.hub.CorsPolicy;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamClient;
import dev.ssekit.hub.contract.StreamEndpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The figures an HTTP adapter reports with its hub, read from a real registry after real requests
 * with the JDK's client to a real server on 127.0.0.1: what the clients received, byte for byte, a
 * client that went away, and the requests the adapter refused. A subclass starts the adapter's test
 * host, the one its contracts run on.
 */
@Timeout(120)
abstract class AdapterMetricsContract {
  private static final String APP = "http://app.test:8080";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Readings read = new Readings(registry);
  private final Queue<Subscription> released = new ConcurrentLinkedQueue<>();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<StreamClient> clients = new ArrayList<>();
  private EventHub hub;
  private StreamEndpoint server;

  /**
   * Starts the adapter's test host serving {@code hub} as the adapters' contracts ask; its topics'
   * streams ({@code topics/<name>/events}) are those that apply a CORS policy.
   */
  protected abstract StreamEndpoint start(EventHub hub, Consumer<Subscription> onClose)
      throws Exception;

  @BeforeEach
  void startServer() throws Exception {
    hub =
        EventHub.builder()
            // A client that goes away is noticed at the next write: a heartbeat at the latest.
            .heartbeatInterval(Duration.ofMillis(200))
            .topicAuthorizer((topic, request) -> !topic.equals("secret"))
            .cors(CorsPolicy.builder().allowOrigin(APP).build())
            .observer(SseMetrics.builder(registry).build())
            .build();
    server = start(hub, released::add);
  }

  @AfterEach
  void stop() throws Exception {
    clients.forEach(StreamClient::close);
    server.close();
    hub.close();
    registry.close();
  }

  private StreamClient stream(String path) {
    return stream(
        HttpRequest.newBuilder(server.uri(path)).header("Accept", "text/event-stream").build());
  }

  private StreamClient stream(HttpRequest request) {
    StreamClient client = StreamClient.openCountingBlocks(http, request);
    clients.add(client);
    return client;
  }

  private double subscribers() {
    return read.gauge("ssekit.subscribers");
  }

  @Test
  void framesAndBytesWrittenAreWhatTheClientsReceivedAndAClientThatLeavesIsGone() throws Exception {
    StreamClient onSport = stream("topics/sport/events");
    StreamClient onNews = stream("topics/news/events");
    assertThat(onSport.response().statusCode()).isEqualTo(200);
    assertThat(onNews.response().statusCode()).isEqualTo(200);
    Awaits.until(() -> subscribers() == 2);

    for (int i = 0; i < 20; i++) {
      hub.topic("sport").publish(ServerSentEvent.of("score", "n" + i));
      hub.topic("news").publish(ServerSentEvent.of("story", "s" + i));
    }
    Awaits.until(() -> onSport.eventCount() == 20 && onNews.eventCount() == 20);
    // A write is counted when the container completes it, about when the client reads it; the
    // heartbeats keep coming, so the two agree between them.
    Awaits.untilAsserted(
        () -> {
          assertThat(read.count("ssekit.frames.written"))
              .isEqualTo(onSport.blocks() + onNews.blocks());
          assertThat(read.count("ssekit.written")).isEqualTo(onSport.bytes() + onNews.bytes());
          assertThat(read.count("ssekit.events.written")).isEqualTo(40);
        });
    assertThat(read.count("ssekit.events.published")).isEqualTo(40);
    assertThat(read.count("ssekit.subscribe")).isEqualTo(2);
    assertThat(registry.get("ssekit.delivery.latency").timer().count()).isPositive();

    onNews.close();
    // The adapter's close callback runs after the hub has reported the release: wait for both.
    Awaits.until(
        () -> read.count("ssekit.release", "reason", "client_gone") == 1 && !released.isEmpty());
    assertThat(subscribers()).isEqualTo(1);
    assertThat(released)
        .extracting(Subscription::closeReason)
        .containsExactly(CloseReason.CLIENT_GONE);
    assertThat(onSport.ended()).isFalse();
  }

  @Test
  void refusedOriginsAndTopicsAreCountedByReason() throws Exception {
    assertThat(get("topics/news/events", "Origin", "https://evil.test").statusCode())
        .isEqualTo(403);
    HttpRequest preflight =
        HttpRequest.newBuilder(server.uri("topics/news/events"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", "https://evil.test")
            .header("Access-Control-Request-Method", "GET")
            .build();
    assertThat(http.send(preflight, HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(403);
    assertThat(get("topics/secret/events").statusCode()).isEqualTo(403);

    assertThat(read.count("ssekit.refused", "reason", "origin_refused")).isEqualTo(2);
    assertThat(read.count("ssekit.refused", "reason", "topic_denied")).isEqualTo(1);
    assertThat(read.count("ssekit.refused", "reason", "invalid_last_event_id")).isZero();
    assertThat(read.count("ssekit.subscribe")).isZero();
    assertThat(subscribers()).isZero();

    // The listed origin is let through, and counted as a subscriber like any other.
    StreamClient fromApp =
        stream(
            HttpRequest.newBuilder(server.uri("topics/news/events"))
                .header("Origin", APP)
                .header("Accept", "text/event-stream")
                .build());
    assertThat(fromApp.response().statusCode()).isEqualTo(200);
    Awaits.until(() -> subscribers() == 1);
    assertThat(read.count("ssekit.refused", "reason", "origin_refused")).isEqualTo(2);
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path)).header("Accept", "text/event-stream");
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
