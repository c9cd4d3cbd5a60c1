package dev.ssekit.samples.docs.metrics;

import dev.ssekit.hub.EventHub;
import dev.ssekit.jaxrs.HubStreams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** {@code GET /<topic>/events}: any topic of the hub, for the metrics example. */
@Path("/{topic: [A-Za-z0-9_-]+}/events")
public final class LobbyResource {
  private final EventHub hub;

  /** Serves {@code hub}'s topics. */
  public LobbyResource(EventHub hub) {
    this.hub = hub;
  }

  /** The topic's stream. */
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response events(
      @PathParam("topic") String topic,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    return HubStreams.open(hub.topic(topic), headers, security);
  }
}
