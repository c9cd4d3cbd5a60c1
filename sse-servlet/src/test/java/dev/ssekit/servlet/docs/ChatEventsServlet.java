package dev.ssekit.servlet.docs;

import dev.ssekit.hub.EventHub;
import dev.ssekit.servlet.ServletStreams;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

// begin-snippet: servlet
/** Streams the chat hub's events to every client; one that reconnects gets what it missed. */
@WebServlet(urlPatterns = "/chat/events", asyncSupported = true)
public class ChatEventsServlet extends HttpServlet {
  private final transient EventHub hub;

  public ChatEventsServlet(EventHub hub) {
    this.hub = hub;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ServletStreams.open(hub, request, response); // the hub's default topic
  }
}
// end-snippet
