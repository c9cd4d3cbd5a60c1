package dev.ssekit.servlet.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.contract.StreamClient;
import dev.ssekit.servlet.SpringMvcEndpoint;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * docs/migrating.md's Spring pair: the {@code SseEmitter} chat and the ssekit one, each in Spring
 * MVC on Tomcat, send a page the same event; only the second resumes a client that was away.
 */
class SseEmitterMigrationTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String HELLO = "{\"user\":\"ada\",\"text\":\"hello\"}";

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** The SseEmitter chat; Jackson is on the class path, so Spring MVC writes JSON with it. */
  @Configuration
  @EnableWebMvc
  static class Before {
    @Bean
    EmitterChatController chat() {
      return new EmitterChatController();
    }
  }

  /** The ssekit chat. */
  @Configuration
  @EnableWebMvc
  static class After {
    @Bean
    EventHub chatHub() {
      return EventHub.builder().build();
    }

    @Bean
    HubChatController chat(EventHub chatHub) {
      return new HubChatController(chatHub);
    }
  }

  @Test
  void bothSendTheSameEventAndOnlyTheHubResumes() throws Exception {
    try (SpringMvcEndpoint before = SpringMvcEndpoint.start(context(Before.class));
        SpringMvcEndpoint after = SpringMvcEndpoint.start(context(After.class))) {
      ServerSentEvent fromEmitter;
      ServerSentEvent fromHub;
      String lastId;
      try (StreamClient emitterClient = StreamClient.open(http, before.uri("chat/events"), null);
          StreamClient hubClient = StreamClient.open(http, after.uri("chat/events"), null)) {
        // The hub subscribes a client before its response's headers go out; Spring sends an
        // SseEmitter's headers with its first event, so the emitter chat is asked until it sends.
        assertThat(hubClient.response().statusCode()).isEqualTo(200);
        Forms.post(http, after.uri("chat/messages"), "ada", "hello");
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  Forms.post(http, before.uri("chat/messages"), "ada", "hello");
                  return emitterClient.eventCount() > 0;
                });
        await().atMost(WAIT).until(() -> hubClient.eventCount() == 1);
        fromEmitter = emitterClient.events().get(0);
        fromHub = hubClient.events().get(0);
        lastId = hubClient.lastId();
      }
      assertThat(fromEmitter).isEqualTo(ServerSentEvent.of("chat", HELLO));
      assertThat(fromHub.type()).isEqualTo("chat");
      assertThat(fromHub.data()).isEqualTo(HELLO);
      assertThat(fromHub.id()).isNotNull().isEqualTo(lastId);

      // Away, then back with the Last-Event-ID every EventSource sends: the hub replays.
      Forms.post(http, after.uri("chat/messages"), "bob", "missed");
      try (StreamClient back = StreamClient.open(http, after.uri("chat/events"), lastId)) {
        await().atMost(WAIT).until(() -> back.eventCount() == 1);
        assertThat(back.events().get(0).data()).isEqualTo("{\"user\":\"bob\",\"text\":\"missed\"}");
      }
    }
  }

  private static AnnotationConfigWebApplicationContext context(Class<?> configuration) {
    AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
    spring.register(configuration);
    return spring;
  }
}
