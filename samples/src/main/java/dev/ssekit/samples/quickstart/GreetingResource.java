package dev.ssekit.samples.quickstart;

import dev.ssekit.hub.EventHub;
import dev.ssekit.jaxrs.HubStreams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /greetings}: the quickstart's stream, every {@link Greeting} its hub publishes. */
// begin-snippet: resource
@Path("/greetings")
public final class GreetingResource {
  static final EventHub hub = EventHub.builder().build();

  /** Subscribes the client; a reconnecting one gets what it missed since {@code Last-Event-ID}. */
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response events(@HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId) {
    return HubStreams.open(hub, lastEventId);
  }
}
// end-snippet
