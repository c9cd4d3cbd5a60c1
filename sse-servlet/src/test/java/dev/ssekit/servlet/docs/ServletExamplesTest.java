package dev.ssekit.servlet.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.contract.StreamClient;
import dev.ssekit.hub.contract.StreamEndpoint;
import dev.ssekit.servlet.JettyEndpoint;
import dev.ssekit.servlet.SpringMvcEndpoint;
import dev.ssekit.servlet.TomcatEndpoint;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;

/** The examples of docs/servlet.md, on the containers they name. */
class ServletExamplesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final EventHub hub = EventHub.builder().build();

  @AfterEach
  void closeHub() {
    hub.close();
  }

  @Test
  void theServletStreamsAndResumesOnJetty() throws Exception {
    try (StreamEndpoint jetty =
        JettyEndpoint.start(
            context -> {
              // begin-snippet: jetty
              ServletHolder events = new ServletHolder(new ChatEventsServlet(hub));
              events.setAsyncSupported(true); // what @WebServlet says, for an embedded Jetty
              context.addServlet(events, "/chat/events");
              // end-snippet
            })) {
      streamsAndResumes(jetty);
    }
  }

  @Test
  void theServletStreamsAndResumesOnTomcat() throws Exception {
    try (StreamEndpoint tomcat =
        TomcatEndpoint.start(
            context -> {
              // begin-snippet: tomcat
              Wrapper events = Tomcat.addServlet(context, "events", new ChatEventsServlet(hub));
              events.setAsyncSupported(true); // what @WebServlet says, for an embedded Tomcat
              context.addServletMappingDecoded("/chat/events", "events");
              // end-snippet
            })) {
      streamsAndResumes(tomcat);
    }
  }

  /** One event live; then one published while the client was away, received on its return. */
  private void streamsAndResumes(StreamEndpoint server) throws Exception {
    String lastId;
    try (StreamClient client = StreamClient.open(http, server.uri("chat/events"), null)) {
      assertThat(client.response().statusCode()).isEqualTo(200);
      assertThat(client.headers().firstValue("Content-Type"))
          .hasValue("text/event-stream;charset=UTF-8");
      await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
      String id = hub.publish(new ChatMessage("ada", "hello"));
      await().atMost(WAIT).until(() -> client.eventCount() == 1);
      assertThat(client.events())
          .containsExactly(
              ServerSentEvent.builder()
                  .type("chat")
                  .id(id)
                  .data("{\"user\":\"ada\",\"text\":\"hello\"}")
                  .build());
      lastId = client.lastId();
    }
    String missed = hub.publish(new ChatMessage("bob", "while you were away"));
    try (StreamClient back = StreamClient.open(http, server.uri("chat/events"), lastId)) {
      await().atMost(WAIT).until(() -> back.eventCount() == 1);
      assertThat(back.ids()).containsExactly(missed);
    }
  }

  @Test
  void theControllerServesARoomAndAnnouncesWhoLeft() throws Exception {
    AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
    spring.register(RoomConfig.class);
    try (SpringMvcEndpoint server = SpringMvcEndpoint.start(spring)) {
      EventHub chatHub = server.bean(EventHub.class);
      try (StreamClient ada = StreamClient.open(http, server.uri("rooms/lobby/events"), null)) {
        StreamClient bob = StreamClient.open(http, server.uri("rooms/lobby/events"), null);
        await().atMost(WAIT).until(() -> chatHub.topic("lobby").subscriberCount() == 2);
        Forms.post(http, server.uri("rooms/lobby/messages"), "ada", "hi");
        await().atMost(WAIT).until(() -> bob.eventCount() == 1);
        assertThat(bob.events().get(0).data()).isEqualTo("{\"user\":\"ada\",\"text\":\"hi\"}");

        bob.close();
        // Over HTTP/1.1 the container notices a closed connection only when a write to it fails.
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  Forms.post(http, server.uri("rooms/lobby/messages"), "ada", "still+there%3F");
                  return data(ada).contains("{\"user\":\"server\",\"text\":\"someone left\"}");
                });
      }
      HttpResponse<String> badName =
          http.send(
              HttpRequest.newBuilder(server.uri("rooms/no.such.room/events")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(badName.statusCode()).isEqualTo(404);
    }
  }

  private static java.util.List<String> data(StreamClient client) {
    return client.events().stream().map(ServerSentEvent::data).toList();
  }
}
