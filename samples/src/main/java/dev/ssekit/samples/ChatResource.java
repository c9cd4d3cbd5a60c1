package dev.ssekit.samples;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.SseCodec;
import dev.ssekit.core.json.JsonException;
import dev.ssekit.core.json.JsonWriter;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventLogUnavailableException;
import dev.ssekit.hub.InvalidLastEventIdException;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The chat: {@code GET /chat/events} streams {@code userconnect}, {@code usermessage} and {@code
 * userdisconnect} events from a hub with a replay window, and {@code POST /chat/messages} publishes
 * a message.
 *
 * <p>{@code GET /chat/events?username=bobby} joins the chat as bobby: {@link ChatPresence}
 * announces the user when their first stream connects and again when their last one has been gone
 * for a few seconds. Without {@code username} the stream only listens.
 */
@Path("/chat")
public final class ChatResource {
  /** The longest user name, in characters (code points). */
  static final int MAX_USERNAME = 32;

  /** The longest message, in characters (code points). */
  static final int MAX_TEXT = 2000;

  /** Far more than the longest valid message, even with every character escaped. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final MediaType PLAIN_TEXT = MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8");

  private final EventHub hub;
  private final ChatPresence presence;
  private final SseCodec<UserMessage> messages =
      CodecRegistry.loadDefault().codecFor(UserMessage.class);

  // The open responses, so that tests can drop every connection without closing the hub.

  ChatResource(EventHub hub, ChatPresence presence) {
    this.hub = hub;
    this.presence = presence;
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
    if (username != null) {
      String problem = checkUsername(username);
      if (problem != null) {
        return badRequest(problem);
      }
    }
    if (lastEventId != null) {
      try {
        hub.checkLastEventId(lastEventId);
      } catch (InvalidLastEventIdException e) {
        return badRequest(e.getMessage());
      }
    }
    ChatPresence.Visit visit = username == null ? null : presence.visit(username);
    Response response;
    try {
      response =
          HubStreams.open(
              hub.topic(EventHub.DEFAULT_TOPIC),
              headers,
              security,
              visit == null ? null : s -> visit.ended());
    } catch (IllegalStateException closed) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .type(PLAIN_TEXT)
          .entity("the server is shutting down\n")
          .build();
    }
    if (visit != null) {
      if (response.getStatus() == Response.Status.OK.getStatusCode()) {
        visit.started();
      } else {
        visit.ended(); // refused (another origin): nobody joined
      }
    }
    return response;
  }

  /** Answers a browser's CORS preflight for the chat stream. */
  @OPTIONS
  @Path("events")
  public Response preflight(@Context HttpHeaders headers, @Context SecurityContext security) {
    return HubStreams.preflight(hub, headers, security);
  }

  /**
   * Publishes a chat message. The body is {@code {"username": "…", "text": "…"}}, read with the
   * generated codec of {@link UserMessage} (the server sets the time).
   *
   * @return {@code 200} with {@code {"id":"…"}}, the event's id; {@code 400} with a plain-text
   *     reason for malformed or invalid input; {@code 413} for a body over 64 KiB; {@code 503} with
   *     a plain-text reason while the chat's shared event log (Redis) is unreachable
   */
  @POST
  @Path("messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response post(InputStream body) throws IOException {
    byte[] json = body.readNBytes(MAX_BODY_BYTES + 1);
    if (json.length > MAX_BODY_BYTES) {
      return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE)
          .type(PLAIN_TEXT)
          .entity("the body is larger than " + MAX_BODY_BYTES + " bytes\n")
          .build();
    }
    UserMessage posted;
    try {
      posted = messages.fromJson(json);
    } catch (JsonException e) {
      return badRequest("malformed JSON: " + e.getMessage());
    }
    String problem = checkUsername(posted.username());
    if (problem == null) {
      problem = checkText(posted.text());
    }
    if (problem != null) {
      return badRequest(problem);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String id;
    try {
      id = hub.publish(new UserMessage(posted.username(), now, posted.text()));
    } catch (EventLogUnavailableException e) {
      return unavailable(e);
    } catch (IllegalStateException closed) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .type(PLAIN_TEXT)
          .entity("the server is shutting down\n")
          .build();
    }
    return Response.ok(new JsonWriter().beginObject().name("id").value(id).endObject().toString())
        .build();
  }

  /**
   * Ends every open chat response, as a network failure or a restarting proxy would, without
   * closing the hub: clients reconnect with {@code Last-Event-ID} and catch up from the replay
   * window.
   *
   * @return how many streams were ended
   */
  int dropConnections() {
    return hub.disconnectAll();
  }

  static String checkUsername(String username) {
    if (username == null) {
      return "username is required";
    }
    if (username.isBlank()) {
      return "username must not be blank";
    }
    int length = username.codePointCount(0, username.length());
    if (length > MAX_USERNAME) {
      return "username must be at most " + MAX_USERNAME + " characters, got " + length;
    }
    for (int i = 0; i < username.length(); i++) {
      if (Character.isISOControl(username.charAt(i))) {
        return "username must not contain control characters (found U+"
            + String.format("%04X", (int) username.charAt(i))
            + " at index "
            + i
            + ")";
      }
    }
    return null;
  }

  static String checkText(String text) {
    if (text == null) {
      return "text is required";
    }
    if (text.isBlank()) {
      return "text must not be blank";
    }
    int length = text.codePointCount(0, text.length());
    if (length > MAX_TEXT) {
      return "text must be at most " + MAX_TEXT + " characters, got " + length;
    }
    return null;
  }

  /**
   * {@code 503}: the shared log (Redis) did not take the message. The reason says whether the
   * message may have been posted all the same (Redis took it but did not answer in time), so that a
   * person does not blindly send it twice.
   */
  static Response unavailable(EventLogUnavailableException e) {
    String why = String.valueOf(e.getMessage());
    while (why.endsWith(".") || why.endsWith(" ")) {
      why = why.substring(0, why.length() - 1); // Lettuce's messages end with a full stop
    }
    String reason =
        "the chat cannot take messages now: "
            + why
            + (e.mayHaveBeenAppended()
                ? "; the message may have been posted all the same, check before sending it again"
                : "; the message was not posted, try again in a moment");
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .type(PLAIN_TEXT)
        .header("Retry-After", "2")
        .entity(reason + "\n")
        .build();
  }

  private static Response badRequest(String problem) {
    return Response.status(Response.Status.BAD_REQUEST)
        .type(PLAIN_TEXT)
        .entity(problem + "\n")
        .build();
  }
}
