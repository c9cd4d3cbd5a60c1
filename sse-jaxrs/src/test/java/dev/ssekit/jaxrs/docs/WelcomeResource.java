package dev.ssekit.jaxrs.docs;

import dev.ssekit.jaxrs.TypedEvents;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;

/** One client, the standard JAX-RS way: typed events sent to its own {@link SseEventSink}. */
// begin-snippet: sink
@Path("/welcome")
public class WelcomeResource {
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void welcome(@Context SseEventSink sink, @Context Sse sse) throws IOException {
    try (sink) { // closing it ends the response
      sink.send(TypedEvents.of(sse, new ChatMessage("server", "welcome")));
      sink.send(
          TypedEvents.builder(sse, new ChatMessage("server", "come back in a minute"))
              .reconnectDelay(60_000) // adds "retry: 60000" to the event
              .build());
    }
  }
}
// end-snippet
