package dev.ssekit.blackbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.InvalidLastEventIdException;
import java.io.IOException;

/**
 * Serves an {@link EventHub}'s stream on the JDK's HTTP server: each request becomes a subscriber
 * that resumes from its {@code Last-Event-ID}. The handler returns at once; the hub keeps the
 * exchange open and writes to it from its delivery threads.
 */
final class HubHandler implements HttpHandler {
  private final EventHub hub;

  HubHandler(EventHub hub) {
    this.hub = hub;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
    try {
      if (lastEventId != null && !lastEventId.isEmpty()) {
        hub.checkLastEventId(lastEventId);
      }
    } catch (InvalidLastEventIdException e) {
      exchange.sendResponseHeaders(400, -1);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream;charset=UTF-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0); // 0: chunked, for as long as the stream lasts
    try {
      hub.subscribe(new ExchangeSink(exchange), lastEventId);
    } catch (IllegalStateException closedHub) {
      exchange.close();
    }
  }
}
