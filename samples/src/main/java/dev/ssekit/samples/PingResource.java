package dev.ssekit.samples;

import dev.ssekit.hub.EventHub;
import dev.ssekit.jaxrs.HubStreams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
   * The ping stream.
   *
   * @param lastEventId sent by a reconnecting browser; recent events are replayed
   * @return the stream, or {@code 400} for a malformed {@code Last-Event-ID}
   */
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response events(@HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId) {
    return HubStreams.open(hub, lastEventId);
  }
}
