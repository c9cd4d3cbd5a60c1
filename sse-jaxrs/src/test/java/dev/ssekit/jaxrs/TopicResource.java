package dev.ssekit.jaxrs;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.function.Consumer;

/**
 * Serves a hub's topics from one path template, the way HubStreams' Javadoc shows: a GET stream, the
 * same as a POST stream, and an {@code @OPTIONS} method answering their CORS preflights.
 */
@Path("/topics/{topic: [A-Za-z0-9_-]+}/events")
public class TopicResource {
  private final EventHub hub;
  private final Consumer<Subscription> onClose;

  TopicResource(EventHub hub, Consumer<Subscription> onClose) {
    this.hub = hub;
    this.onClose = onClose;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response events(
      @PathParam("topic") String topic,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    return HubStreams.open(hub.topic(topic), headers, security, onClose);
  }

  @POST
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response postedEvents(
      @PathParam("topic") String topic,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    return events(topic, headers, security);
  }

  @OPTIONS
  public Response preflight(@Context HttpHeaders headers, @Context SecurityContext security) {
    return HubStreams.preflight(hub, headers, security);
  }
}
