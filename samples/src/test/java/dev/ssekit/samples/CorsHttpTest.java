package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSource;
import dev.ssekit.client.EventStream;
import dev.ssekit.client.ReadyState;
import dev.ssekit.core.ServerSentEvent;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The samples started as {@code serve --cors-origin}: both streams and their preflights answer the
 * listed origin, and a refused origin neither streams nor joins the chat; on both servers.
 */
@ParameterizedClass
@EnumSource(Adapter.class)
class CorsHttpTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String APP = "http://127.0.0.1:3000";

  @Parameter Adapter adapter;

  private SampleServer server;
  private URI base;

  @BeforeEach
  void start() {
    server = SampleServer.start(adapter.config().corsOrigins(APP));
    base = server.baseUri();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<InputStream> get(String path, String origin) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT).header("Origin", origin).build();
    return Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  @Test
  void bothStreamsAnswerTheListedOrigin() throws Exception {
    for (String path : new String[] {"events", "chat/events?username=ada"}) {
      HttpResponse<InputStream> r = get(path, APP);
      try (InputStream body = r.body()) {
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
        assertThat(r.headers().allValues("Access-Control-Allow-Credentials"))
            .containsExactly("true");
        assertThat(r.headers().allValues("Vary")).containsExactly("Origin");
      }
    }
  }

  @Test
  void bothStreamsAnswerTheListedOriginsPreflights() throws Exception {
    for (String path : new String[] {"events", "chat/events"}) {
      HttpRequest preflight =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(WAIT)
              .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
              .header("Origin", APP)
              .header("Access-Control-Request-Method", "GET")
              .header("Access-Control-Request-Headers", "last-event-id")
              .build();
      HttpResponse<String> r = Http.CLIENT.send(preflight, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(204);
      assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
      assertThat(r.headers().allValues("Access-Control-Allow-Headers"))
          .containsExactly("Last-Event-ID");
      assertThat(r.headers().allValues("Access-Control-Allow-Methods")).containsExactly("GET");
    }
  }

  @Test
  void aRefusedOriginNeitherStreamsNorJoinsTheChat() throws Exception {
    try (EventStream observer = EventSource.builder(base.resolve("chat/events")).events()) {
      // The hub subscribes a client before its response starts, so OPEN means subscribed.
      await().atMost(WAIT).until(() -> observer.readyState() == ReadyState.OPEN);

      for (String path : new String[] {"events", "chat/events?username=mallory"}) {
        HttpResponse<InputStream> r = get(path, "https://evil.example");
        try (InputStream body = r.body()) {
          assertThat(r.statusCode()).as(path).isEqualTo(403);
          assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
      }
      assertThat(server.cors().refusedCount()).isEqualTo(2);

      // Presence announces in request order: had mallory joined, it would come before ada.
      HttpResponse<InputStream> ada = get("chat/events?username=ada", APP);
      try (InputStream body = ada.body()) {
        ServerSentEvent joined = observer.poll(WAIT);
        assertThat(joined).isNotNull();
        assertThat(joined.type()).isEqualTo("userconnect");
        assertThat(joined.data()).contains("\"username\":\"ada\"");
      }
    }
  }
}
