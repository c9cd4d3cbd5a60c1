package dev.ssekit.samples.docs.cors;

import dev.ssekit.hub.EventHub;
import dev.ssekit.jaxrs.HubStreams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /events} for pages on other origins: the stream and its preflight, by the hub's policy.
 */
@Path("/events")
public final class CorsStreamResource {
  private final EventHub hub;

  /** Serves {@code hub}'s default topic under its {@link dev.ssekit.hub.CorsPolicy}. */
  public CorsStreamResource(EventHub hub) {
    this.hub = hub;
  }

  // begin-snippet: cors-resource
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response events(@Context HttpHeaders headers, @Context SecurityContext security) {
    return HubStreams.open(hub.topic(EventHub.DEFAULT_TOPIC), headers, security);
  }

  @OPTIONS // preflights, for requests that are more than a plain GET
  public Response preflight(@Context HttpHeaders headers, @Context SecurityContext security) {
    return HubStreams.preflight(hub, headers, security);
  }
  // end-snippet
}
