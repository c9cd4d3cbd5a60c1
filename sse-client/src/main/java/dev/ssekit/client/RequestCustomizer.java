package dev.ssekit.client;

import java.net.http.HttpRequest;

/**
 * Adjusts the request before every connection attempt, the first included: refresh a token, move
 * a cursor, or change the URL on reconnect. The builder already holds the URI, method, body,
 * configured headers and {@code Last-Event-ID}; whatever the customizer sets wins. Throwing closes
 * the source with {@link EventSourceException.Reason#REQUEST}.
 */
@FunctionalInterface
public interface RequestCustomizer {

  /**
   * Customizes one attempt's request.
   *
   * @param request the request about to be sent
   * @param attempt 1 for the first connection, then 2, 3, … for each reconnect
   * @param lastEventId the last event ID that will be sent, {@code ""} when none
   */
  void customize(HttpRequest.Builder request, int attempt, String lastEventId);
}
