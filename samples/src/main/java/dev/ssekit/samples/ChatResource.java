package dev.ssekit.samples;

import dev.ssekit.hub.EventHub;
import dev.ssekit.jaxrs.HubStreams;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;

/**
 * The chat on Jersey: {@code GET /chat/events} streams {@code userconnect}, {@code usermessage} and
 * {@code userdisconnect} events from a hub with a replay window, and {@code POST /chat/messages}
 * publishes a message. The rules and answers are {@link Chat}'s.
 *
 * <p>{@code GET /chat/events?username=bobby} joins the chat as bobby: {@link ChatPresence}
 * announces the user when their first stream connects and again when their last one has been gone
 * for a few seconds. Without {@code username} the stream only listens.
 */
@Path("/chat")
public final class ChatResource {
  private final Chat chat;

  ChatResource(Chat chat) {
    this.chat = chat;
  }

  /**
   * The chat stream. The browser's {@code EventSource} sends {@code Last-Event-ID} when it
   * reconnects, and the hub replays everything the client missed.
   *
   * @param lastEventId the id of the last event the client received, when it reconnects
   * @param username joins the chat under this name; {@code null} to listen only
   * @param headers the request's headers, for the hub's CORS policy
   * @param security the request's security context, for the hub's CORS policy
   * @return the stream, or {@code 400} with a plain-text reason, or {@code 403} for an origin the
   *     hub's CORS policy refuses
   */
  @GET
  @Path("events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response events(
      @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
      @QueryParam("username") String username,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    Chat.Reply refused = chat.checkStream(username, lastEventId);
    if (refused != null) {
      return response(refused);
    }
    try {
      return chat.openStream(
          username,
          ended ->
              HubStreams.open(
                  chat.hub().topic(EventHub.DEFAULT_TOPIC),
                  headers,
                  security,
                  ended == null ? null : s -> ended.run()),
          opened -> opened.getStatus() == Response.Status.OK.getStatusCode());
    } catch (IllegalStateException closed) {
      return response(Chat.SHUTTING_DOWN);
    }
  }

  /** Answers a browser's CORS preflight for the chat stream. */
  @OPTIONS
  @Path("events")
  public Response preflight(@Context HttpHeaders headers, @Context SecurityContext security) {
    return HubStreams.preflight(chat.hub(), headers, security);
  }

  /**
   * Publishes a chat message: see {@link Chat#post(InputStream)}.
   *
   * @return {@code 200} with {@code {"id":"…"}}; {@code 400}, {@code 413} or {@code 503} with a
   *     plain-text reason
   * @throws IOException if reading the body fails
   */
  @POST
  @Path("messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response post(InputStream body) throws IOException {
    return response(chat.post(body));
  }

  private static Response response(Chat.Reply reply) {
    Response.ResponseBuilder response =
        Response.status(reply.status).type(reply.type).entity(reply.body);
    if (reply.retryAfter != null) {
      response.header("Retry-After", reply.retryAfter);
    }
    return response.build();
  }
}
