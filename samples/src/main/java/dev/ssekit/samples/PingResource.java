package dev.ssekit.samples;

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
 * {@code GET /events}: the seed's ping demo, a {@link Ping} every second and an unnamed message now
 * and then (see {@link PingTicker}), served from a hub so each event is encoded once for all
 * clients.
 */
@Path("/events")
public final class PingResource {
  private final EventHub hub;

  PingResource(EventHub hub) {
    this.hub = hub;
  }

  /**
   * The ping stream. A reconnecting browser's {@code Last-Event-ID} replays recent events; the
   * hub's CORS policy ({@code serve --cors-origin}) decides which other origins may read it.
   *
   * @return the stream, {@code 400} for a malformed {@code Last-Event-ID}, or {@code 403} for an
   *     origin the policy refuses
   */
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response events(@Context HttpHeaders headers, @Context SecurityContext security) {
    return HubStreams.open(hub.topic(EventHub.DEFAULT_TOPIC), headers, security);
  }

  /** Answers a browser's CORS preflight for the stream. */
  @OPTIONS
  public Response preflight(@Context HttpHeaders headers, @Context SecurityContext security) {
    return HubStreams.preflight(hub, headers, security);
  }
}
