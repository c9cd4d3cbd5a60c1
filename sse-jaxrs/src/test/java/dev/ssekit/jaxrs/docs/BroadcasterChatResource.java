package dev.ssekit.jaxrs.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

/** The chat of {@link ChatResource} as it is usually written with the standard broadcaster. */
// begin-snippet: before
@Singleton
@Path("/chat")
public class BroadcasterChatResource {
  private final ObjectMapper json = new ObjectMapper();
  private final Sse sse;
  private final SseBroadcaster broadcaster;

  public BroadcasterChatResource(@Context Sse sse) {
    this.sse = sse;
    this.broadcaster = sse.newBroadcaster();
  }

  @GET
  @Path("events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(@Context SseEventSink sink) {
    broadcaster.register(sink);
  }

  @POST
  @Path("messages")
  public void post(@FormParam("user") String user, @FormParam("text") String text)
      throws JsonProcessingException {
    String data = json.writeValueAsString(new ChatMessage(user, text));
    broadcaster.broadcast(sse.newEventBuilder().name("chat").data(data).build());
  }
}
// end-snippet
