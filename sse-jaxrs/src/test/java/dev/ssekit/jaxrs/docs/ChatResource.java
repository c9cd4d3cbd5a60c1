package dev.ssekit.jaxrs.docs;

import dev.ssekit.hub.EventHub;
import dev.ssekit.jaxrs.HubStreams;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Many clients: every message published on the hub reaches every connected client. */
// begin-snippet: hub
@Path("/chat")
public class ChatResource {
  private final EventHub hub;

  public ChatResource(EventHub hub) {
    this.hub = hub;
  }

  @GET
  @Path("events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response events(@HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId) {
    return HubStreams.open(hub, lastEventId); // resumes from the client's Last-Event-ID
  }

  @POST
  @Path("messages")
  public void post(@FormParam("user") String user, @FormParam("text") String text) {
    hub.publish(new ChatMessage(user, text)); // encoded once, written to every client
  }
}
// end-snippet
