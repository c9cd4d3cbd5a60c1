package dev.ssekit.samples;

import dev.ssekit.hub.EventHub;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The streams of {@link SamplesServlet}, served by sse-servlet. */
final class SseServletStreams implements SamplesServlet.ServletStreams {
  @Override
  public void open(
      EventHub hub,
      HttpServletRequest request,
      HttpServletResponse response,
      String lastEventId,
      Runnable ended)
      throws IOException {
    // Placeholder until sse-servlet is merged.
    SamplesServlet.reply(response, Chat.Reply.plain(503, "sse-servlet is not merged yet"));
  }
}
