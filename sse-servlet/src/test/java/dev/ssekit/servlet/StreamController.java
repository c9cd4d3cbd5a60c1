package dev.ssekit.servlet;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Consumer;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/** A Spring MVC controller serving a hub the way the Javadoc of {@link ServletStreams} shows. */
@Controller
public class StreamController {
  private final EventHub hub;
  private final Consumer<Subscription> onClose;

  StreamController(EventHub hub, Consumer<Subscription> onClose) {
    this.hub = hub;
    this.onClose = onClose;
  }

  @GetMapping("/hub/events")
  public void events(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ServletStreams.open(hub, request, response, onClose);
  }

  @GetMapping("/topics/{topic:[A-Za-z0-9_-]+}/events")
  public void topic(
      @PathVariable("topic") String topic, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ServletStreams.open(hub.topic(topic), request, response, onClose);
  }

  @GetMapping(value = "/plain", produces = "text/plain;charset=UTF-8")
  @ResponseBody
  public String plain() {
    return PlainText.BODY;
  }
}
