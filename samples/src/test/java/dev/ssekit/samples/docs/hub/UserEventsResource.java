package dev.ssekit.samples.docs.hub;

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

/** One topic per user, {@code user-<name>}: the hub's authorizer decides who reads which. */
@Path("/users")
public final class UserEventsResource {
  private final EventHub hub;

  /** Serves {@code hub}'s user topics. */
  public UserEventsResource(EventHub hub) {
    this.hub = hub;
  }

  /** The stream of {@code user}'s topic, if the hub's authorizer lets this request read it. */
  // begin-snippet: user-topic-resource
  @GET
  @Path("/{user: [A-Za-z0-9_-]+}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response events(
      @PathParam("user") String user,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    return HubStreams.open(hub.topic("user-" + user), headers, security);
  }
  // end-snippet
}
