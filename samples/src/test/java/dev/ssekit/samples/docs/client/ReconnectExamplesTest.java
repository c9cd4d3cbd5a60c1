package dev.ssekit.samples.docs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSource;
import dev.ssekit.client.EventSourceException;
import dev.ssekit.client.RawServer;
import dev.ssekit.client.ReconnectPolicy;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/client.md: reconnect policies and a shared HttpClient, against real servers. */
@Timeout(60)
class ReconnectExamplesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void retryingServerErrorsHonoursRetryAfterAndThenReadsTheStream() throws Exception {
    try (RawServer server =
        new RawServer(
            x -> {
              if (x.index == 0) {
                x.head(503, "Retry-After: 1", "Content-Length: 0").close();
              } else {
                x.sseHead().write("data: back\n\n");
                x.awaitClientClose(WAIT);
              }
            })) {
      URI uri = server.uri("/events");
      List<EventSourceException> errors = new CopyOnWriteArrayList<>();
      List<String> data = new CopyOnWriteArrayList<>();
      // begin-snippet: policy
      ReconnectPolicy policy =
          ReconnectPolicy.builder()
              .retry(Duration.ofSeconds(1))
              .maxDelay(Duration.ofSeconds(60))
              .retryServerErrors(true) // 5xx and 429, honouring Retry-After
              .build();
      EventSource source = EventSource.builder(uri).reconnectPolicy(policy).build();
      // end-snippet
      try (source) {
        source.onError(errors::add).onMessage(e -> data.add(e.data())).connect();
        await().atMost(WAIT).until(() -> data.contains("back"));
      }
      assertThat(errors).hasSize(1);
      EventSourceException e = errors.get(0);
      assertThat(e.reason()).isEqualTo(EventSourceException.Reason.HTTP_STATUS);
      assertThat(e.statusCode()).isEqualTo(503);
      assertThat(e.willReconnect()).isTrue();
      assertThat(e.retryDelay()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(e.getMessage())
          .isEqualTo("HTTP 503 (" + uri + "), retrying in " + e.retryDelay().toMillis() + " ms");
    }
  }

  @Test
  void manyStreamsShareOneHttpClientWithABoundedExecutor() {
    EventHub hub = EventHub.builder().build();
    ExecutorService pool = null;
    try (ExampleServer server = new ExampleServer(hub)) {
      URI uri = server.uri("/events");
      List<String> received = new CopyOnWriteArrayList<>();
      // begin-snippet: sharedClient
      pool = Executors.newFixedThreadPool(4);
      HttpClient client =
          HttpClient.newBuilder()
              .executor(pool) // the default is a cached pool, which grows with bursts
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      EventSource first = EventSource.builder(uri).httpClient(client).build();
      EventSource second = EventSource.builder(uri).httpClient(client).build();
      // end-snippet
      try (first;
          second) {
        first.onMessage(e -> received.add("first " + e.data())).connect();
        second.onMessage(e -> received.add("second " + e.data())).connect();
        await().atMost(WAIT).until(() -> hub.subscriberCount() == 2);
        hub.publish(ServerSentEvent.of("hi"));
        await().atMost(WAIT).until(() -> received.size() == 2);
      }
      assertThat(received).containsExactlyInAnyOrder("first hi", "second hi");
    } finally {
      hub.close();
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }
}
