package dev.ssekit.jaxrs.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.contract.StreamClient;
import dev.ssekit.jaxrs.SseKitFeature;
import dev.ssekit.jaxrs.TestServer;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.sse.SseEventSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The examples of docs/jaxrs.md, on Jersey and Grizzly. */
class JaxrsExamplesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private EventHub hub;
  private TestServer server;

  @BeforeEach
  void start() {
    hub = EventHub.builder().build();
    // begin-snippet: register
    ResourceConfig app =
        new ResourceConfig()
            .register(new SseKitFeature()) // codecs from CodecRegistry.loadDefault()
            .register(WelcomeResource.class)
            .register(new ChatResource(hub));
    // end-snippet
    server = TestServer.start(app);
  }

  @AfterEach
  void stop() {
    server.close();
    hub.close();
  }

  @Test
  void aJerseyClientReadsTypedEventsFromAnSseEventSink() {
    URI uri = server.uri("welcome");
    List<ChatMessage> messages = new CopyOnWriteArrayList<>();
    // begin-snippet: client
    Client client = ClientBuilder.newClient().register(new SseKitFeature());
    try (SseEventSource source = SseEventSource.target(client.target(uri)).build()) {
      source.register(event -> messages.add(event.readData(ChatMessage.class)));
      source.open();
      // ...
      // end-snippet
      await().atMost(WAIT).until(() -> messages.size() >= 2);
    } finally {
      client.close();
    }
    assertThat(messages.subList(0, 2))
        .containsExactly(
            new ChatMessage("server", "welcome"),
            new ChatMessage("server", "come back in a minute"));
  }

  @Test
  void theSinkWritesWhatThePageShows() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri("welcome")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.body())
        .isEqualTo(
            """
            event: chat
            data: {"user":"server","text":"welcome"}

            event: chat
            retry: 60000
            data: {"user":"server","text":"come back in a minute"}

            """);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/event-stream;charset=UTF-8");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
  }

  @Test
  void theHubSendsEveryMessageToEveryClientAndResumesOne() throws Exception {
    String lastId;
    try (StreamClient ada = StreamClient.open(http, server.uri("chat/events"), null);
        StreamClient bob = StreamClient.open(http, server.uri("chat/events"), null)) {
      await().atMost(WAIT).until(() -> hub.subscriberCount() == 2);
      Forms.post(http, server.uri("chat/messages"), "ada", "hello");
      await().atMost(WAIT).until(() -> ada.eventCount() == 1 && bob.eventCount() == 1);
      assertThat(bob.events()).isEqualTo(ada.events());
      ServerSentEvent hello = ada.events().get(0);
      assertThat(hello.type()).isEqualTo("chat");
      assertThat(hello.data()).isEqualTo("{\"user\":\"ada\",\"text\":\"hello\"}");
      lastId = bob.lastId();
      assertThat(lastId).isEqualTo(hello.id());
    }
    Forms.post(http, server.uri("chat/messages"), "ada", "missed");
    try (StreamClient bob = StreamClient.open(http, server.uri("chat/events"), lastId)) {
      await().atMost(WAIT).until(() -> bob.eventCount() == 1);
      assertThat(bob.events().get(0).data()).isEqualTo("{\"user\":\"ada\",\"text\":\"missed\"}");
    }
  }

  /** The page's wire example of the hub: the retry hint, then each event with its id line first. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // lines are read blocking; a bound, not a wait
  void aNewClientGetsTheRetryHintThenEachEventIdFirst() throws Exception {
    HttpResponse<Stream<String>> response =
        http.send(
            HttpRequest.newBuilder(server.uri("chat/events")).build(),
            HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = response.body()) {
      await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
      String id = hub.publish(new ChatMessage("ada", "hello"));
      assertThat(id).matches("[0-9a-z]+-1"); // <start time in base 36>-1
      assertThat(lines.limit(6).toList())
          .containsExactly(
              "retry: 3000",
              "",
              "id: " + id,
              "event: chat",
              "data: {\"user\":\"ada\",\"text\":\"hello\"}",
              "");
    }
  }
}
