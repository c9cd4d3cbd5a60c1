package dev.ssekit.samples.docs.testing;

import dev.ssekit.hub.EventHub;
import dev.ssekit.jaxrs.HubStreams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An application's resource under test: every reading published on its hub, to everyone. */
@Path("/readings")
public final class ReadingResource {
  private final EventHub hub;

  ReadingResource(EventHub hub) {
    this.hub = hub;
  }

  /** Subscribes the client; a reconnecting one gets what it missed since {@code Last-Event-ID}. */
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response events(@HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId) {
    return HubStreams.open(hub, lastEventId);
  }
}
