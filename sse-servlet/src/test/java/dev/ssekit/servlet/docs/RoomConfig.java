package dev.ssekit.servlet.docs;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.TopicAuthorizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

// begin-snippet: config
@Configuration
@EnableWebMvc
public class RoomConfig {
  /** Closed with the application context: every stream ends, and its clients reconnect. */
  @Bean
  public EventHub chatHub() {
    return EventHub.builder()
        .topicAuthorizer(TopicAuthorizer.allowAll()) // any room, to anyone: rooms hold no secrets
        .build();
  }

  @Bean
  public RoomController rooms(EventHub chatHub) {
    return new RoomController(chatHub);
  }
}
// end-snippet
