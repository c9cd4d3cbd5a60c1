package dev.ssekit.servlet.docs;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The chat as it is usually written with Spring's own {@link SseEmitter}. */
// begin-snippet: before
@RestController
public class EmitterChatController {
  private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

  @GetMapping("/chat/events")
  public SseEmitter events() {
    SseEmitter emitter = new SseEmitter(Long.MAX_VALUE); // the container's 30 s would end it
    emitters.add(emitter);
    emitter.onCompletion(() -> emitters.remove(emitter));
    emitter.onTimeout(() -> emitters.remove(emitter));
    emitter.onError(e -> emitters.remove(emitter));
    return emitter;
  }

  @PostMapping("/chat/messages")
  public void post(@RequestParam("user") String user, @RequestParam("text") String text) {
    ChatMessage message = new ChatMessage(user, text);
    for (SseEmitter emitter : emitters) {
      try {
        emitter.send(SseEmitter.event().name("chat").data(message)); // Jackson, once per client
      } catch (IOException e) {
        emitters.remove(emitter); // the client went away
      }
    }
  }
}
// end-snippet
