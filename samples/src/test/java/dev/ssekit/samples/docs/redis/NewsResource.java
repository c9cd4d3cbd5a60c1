package dev.ssekit.samples.docs.redis;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventLogUnavailableException;
import dev.ssekit.jaxrs.HubStreams;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** One node's news rooms: a stream per room, and a POST that publishes to it. */
@Path("/rooms/{room: [A-Za-z0-9_-]+}")
public final class NewsResource {
  private final EventHub hub;

  /** Serves the rooms of {@code hub}. */
  public NewsResource(EventHub hub) {
    this.hub = hub;
  }

  /** The room's stream, resumed on this node from a {@code Last-Event-ID} given by any node. */
  @GET
  @Path("/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response events(
      @PathParam("room") String room,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    return HubStreams.open(hub.topic(room), headers, security);
  }

  /** Publishes {@code text} to the room; {@code 503} while Redis cannot take it. */
  // begin-snippet: publish-or-503
  @POST
  @Path("/news")
  @Consumes(MediaType.TEXT_PLAIN)
  public Response post(@PathParam("room") String room, String text) {
    try {
      String id = hub.topic(room).publish(ServerSentEvent.of("news", text));
      return Response.ok(id, MediaType.TEXT_PLAIN).build();
    } catch (EventLogUnavailableException e) {
      String reason =
          e.mayHaveBeenAppended()
              ? "Redis did not confirm the news: it may have been published"
              : "Redis is unavailable: the news was not published, try again";
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .type(MediaType.TEXT_PLAIN)
          .entity(reason)
          .build();
    }
  }
  // end-snippet
}
