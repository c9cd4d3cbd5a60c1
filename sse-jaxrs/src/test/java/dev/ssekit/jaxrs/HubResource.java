package dev.ssekit.jaxrs;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Consumer;

/** Serves a hub's default topic the way an application would. */
@Path("/hub")
public class HubResource {
  private final EventHub hub;
  private final Consumer<Subscription> onClose;

  HubResource(EventHub hub, Consumer<Subscription> onClose) {
    this.hub = hub;
    this.onClose = onClose;
  }

  @GET
  @Path("events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response events(@HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId) {
    return HubStreams.open(hub, lastEventId, onClose);
  }
}
