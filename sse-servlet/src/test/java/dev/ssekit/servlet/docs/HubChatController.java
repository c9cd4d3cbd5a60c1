package dev.ssekit.servlet.docs;

import dev.ssekit.hub.EventHub;
import dev.ssekit.servlet.ServletStreams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The chat of {@link EmitterChatController}, with ssekit's hub. */
// begin-snippet: after
@RestController
public class HubChatController {
  private final EventHub hub; // a bean: EventHub.builder().build()

  public HubChatController(EventHub hub) {
    this.hub = hub;
  }

  @GetMapping("/chat/events")
  public void events(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ServletStreams.open(hub, request, response); // resumes from the client's Last-Event-ID
  }

  @PostMapping("/chat/messages")
  public void post(@RequestParam("user") String user, @RequestParam("text") String text) {
    hub.publish(new ChatMessage(user, text)); // encoded once, written to every client
  }
}
// end-snippet
