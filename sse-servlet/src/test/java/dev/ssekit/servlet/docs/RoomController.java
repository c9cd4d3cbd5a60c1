package dev.ssekit.servlet.docs;

import dev.ssekit.hub.EventHub;
import dev.ssekit.servlet.ServletStreams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// begin-snippet: controller
/** A stream per chat room: each room is a topic of one hub. */
@RestController
public class RoomController {
  private final EventHub hub;

  public RoomController(EventHub hub) {
    this.hub = hub;
  }

  /** The path's pattern keeps out names a topic cannot have: they get 404, not an exception. */
  @GetMapping("/rooms/{room:[A-Za-z0-9_-]+}/events")
  public void events(
      @PathVariable("room") String room, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ServletStreams.open(
        hub.topic(room),
        request,
        response,
        left -> hub.topic(room).publish(new ChatMessage("server", "someone left"))); // once
  }

  @PostMapping("/rooms/{room:[A-Za-z0-9_-]+}/messages")
  public void post(
      @PathVariable("room") String room,
      @RequestParam("user") String user,
      @RequestParam("text") String text) {
    hub.topic(room).publish(new ChatMessage(user, text));
  }
}
// end-snippet
