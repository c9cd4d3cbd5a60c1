package dev.ssekit.samples.docs.hub;

import dev.ssekit.hub.EventHub;
import dev.ssekit.jaxrs.HubStreams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /events}: the hub's default topic, for the replay and policy examples. */
@Path("/events")
public final class DefaultTopicResource {
  private final EventHub hub;

  /** Serves {@code hub}'s default topic. */
  public DefaultTopicResource(EventHub hub) {
    this.hub = hub;
  }

  /** The stream, resumed from {@code lastEventId} when the client sends one. */
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response events(@HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId) {
    return HubStreams.open(hub, lastEventId);
  }
}
