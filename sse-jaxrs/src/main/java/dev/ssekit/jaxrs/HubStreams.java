package dev.ssekit.jaxrs;

import dev.ssekit.hub.CorsAnswer;
import dev.ssekit.hub.CorsPolicy;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.HubObserver;
import dev.ssekit.hub.InvalidLastEventIdException;
import dev.ssekit.hub.SubscribeRequest;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.Topic;
import dev.ssekit.hub.TopicAccessDeniedException;
import dev.ssekit.hub.TopicAuthorizer;
import dev.ssekit.jaxrs.internal.ChunkedOutputSink;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Serves an {@link EventHub}'s topics from JAX-RS resource methods on Jersey, in one line.
 *
 * <p>A topic per path, for example one per chat room, with the hub's {@link TopicAuthorizer}
 * deciding who may read which:
 *
 * <pre>{@code
 * @GET @Path("/rooms/{room: [A-Za-z0-9_-]+}/events") @Produces(MediaType.SERVER_SENT_EVENTS)
 * public Response events(@PathParam("room") String room,
 *     @Context HttpHeaders headers, @Context SecurityContext security) {
 *   return HubStreams.open(hub.topic(room), headers, security);
 * }
 * }</pre>
 *
 * <p>The pattern in the path keeps out names that {@link EventHub#topic(String)} refuses (it takes
 * 1 to 200 visible ASCII characters): such a request gets {@code 404} from Jersey rather than an
 * exception from the resource method. The hub's single stream, its default topic, takes less:
 *
 * <pre>{@code
 * @GET @Path("/events") @Produces(MediaType.SERVER_SENT_EVENTS)
 * public Response events(@HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId) {
 *   return HubStreams.open(hub, lastEventId);
 * }
 * }</pre>
 *
 * <p><b>One rule for every stream: the hub's {@link TopicAuthorizer} decides.</b> Every method
 * here subscribes through {@link Topic#subscribe(SubscribeRequest, dev.ssekit.hub.SubscriberSink,
 * Consumer)}, so the authorizer is asked before anything is subscribed or replayed, whichever
 * topic is served, the default one included. The default authorizer, {@link
 * TopicAuthorizer#defaultTopicOnly()}, allows the default topic to everyone and refuses every
 * named topic, so named topics stay closed until the application configures who may read them.
 * The forms that take an {@link EventHub} and a {@code Last-Event-ID} show the authorizer a request
 * with that id and nothing else (no principal, no headers); an application whose authorizer looks
 * at those for the default topic serves it with {@code open(hub.topic(EventHub.DEFAULT_TOPIC),
 * headers, security)}. Code that has already decided may subscribe a sink of its own with {@link
 * Topic#subscribe(dev.ssekit.hub.SubscriberSink, String, Consumer)}, which asks no one.
 *
 * <p><b>Responses.</b>
 *
 * <ul>
 *   <li>{@code 200} with {@code Content-Type: text/event-stream;charset=UTF-8}, {@code
 *       Cache-Control: no-cache} and {@code X-Accel-Buffering: no}, kept open and fed by the hub;
 *   <li>{@code 403} with a plain-text reason ({@code not allowed to subscribe to topic "…"}) when
 *       the authorizer refuses. Nothing is subscribed, nothing is logged (a refusal is a client's
 *       error, not the server's), and the refused client learns nothing else about the topic, not
 *       even whether its {@code Last-Event-ID} is well-formed;
 *   <li>{@code 400} with a plain-text reason when the {@code Last-Event-ID} is malformed or too
 *       long. Nothing is subscribed.
 * </ul>
 *
 * <p><b>Other origins.</b> The forms that take the request's {@link HttpHeaders} apply the {@link
 * CorsPolicy} of the topic's hub ({@link EventHub#corsPolicy()}) before anything else: a listed
 * origin's responses carry {@code Access-Control-Allow-Origin} with that origin, {@code
 * Access-Control-Allow-Credentials: true} and {@code Vary: Origin}; any other origin gets {@code
 * 403} with a plain-text reason, no CORS header, and no subscription (the policy counts and logs
 * it). A request without {@code Origin}, or from the server's own origin, is served as without a
 * policy. Browsers send a preflight {@code OPTIONS} first when a stream's request carries more than
 * a plain GET (an {@code Authorization} header, say); answer it from an {@code @OPTIONS} method on
 * the same path:
 *
 * <pre>{@code
 * @OPTIONS @Path("/events")
 * public Response preflight(@Context HttpHeaders headers, @Context SecurityContext security) {
 *   return HubStreams.preflight(hub, headers, security);
 * }
 * }</pre>
 *
 * <p>The forms that take a bare {@code Last-Event-ID} see no {@code Origin} header, so they refuse
 * to serve a hub that has a policy (see {@link #open(EventHub, String)}).
 *
 * <p>The request thread returns at once: no thread is held per connection. An exception the
 * authorizer throws, or the {@link IllegalStateException} of a closed hub, reaches Jersey as it
 * would from any resource method (a {@code 500} unless the application maps it).
 */
public final class HubStreams {
  /** The stream's content type, with its charset spelled out for intermediaries. */
  public static final String CONTENT_TYPE = "text/event-stream;charset=UTF-8";

  /**
   * {@link #CONTENT_TYPE}, parsed once: a type given as a string is parsed again for every
   * response, and the parsed copy lives as long as the stream (about 0.4 KiB per connection).
   */
  private static final MediaType STREAM_TYPE = new MediaType("text", "event-stream", "UTF-8");

  /** The type of a refusal's plain-text reason. */
  private static final MediaType TEXT_TYPE = MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8");

  private HubStreams() {}

  /**
   * {@code 200} without a reason phrase of its own. A container then writes its built-in {@code
   * OK}; given a phrase, Grizzly instead copies it into a 256-char buffer that every open stream
   * would keep for its lifetime (about 0.6 KiB per connection).
   */
  private enum StreamStatus implements Response.StatusType {
    OK;

    @Override
    public int getStatusCode() {
      return 200;
    }

    @Override
    public Response.Status.Family getFamily() {
      return Response.Status.Family.SUCCESSFUL;
    }

    @Override
    public String getReasonPhrase() {
      return null;
    }
  }

  /**
   * Subscribes a client to {@code topic}, if the hub's {@link CorsPolicy} and {@link
   * TopicAuthorizer} allow it, and returns its response; see the class description.
   *
   * @param headers the request's headers, from {@code @Context}: the {@code Last-Event-ID}, {@code
   *     Origin} and {@code Host} are read from them, and the authorizer may look up others
   * @param security the request's security context, from {@code @Context}: its user principal,
   *     {@code null} when the request is not authenticated, is the one the authorizer sees, and
   *     {@link SecurityContext#isSecure()} tells the request's scheme for the CORS policy
   */
  public static Response open(Topic topic, HttpHeaders headers, SecurityContext security) {
    return open(topic, headers, security, null);
  }

  /**
   * Subscribes a client to {@code topic}, if the hub's {@link CorsPolicy} and {@link
   * TopicAuthorizer} allow it, and returns its response; {@code onClose} runs once when the hub
   * releases the subscriber (client gone, too slow, closed), and never for a refused client. See
   * the class description and {@link #open(Topic, HttpHeaders, SecurityContext)}.
   */
  public static Response open(
      Topic topic,
      HttpHeaders headers,
      SecurityContext security,
      Consumer<? super Subscription> onClose) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(security, "security");
    CorsAnswer cors =
        topic
            .hub()
            .corsPolicy()
            .check(
                headers.getHeaderString("Origin"),
                scheme(security),
                headers.getHeaderString(HttpHeaders.HOST));
    if (cors.refused()) {
      topic.hub().observer().refused(topic.name(), HubObserver.Refusal.ORIGIN_REFUSED);
      return plainText(Response.Status.FORBIDDEN, cors.reason(), Map.of());
    }
    SubscribeRequest request =
        SubscribeRequest.builder()
            .lastEventId(lastEventId(headers))
            .principal(security.getUserPrincipal())
            .headers(headers::getHeaderString)
            .build();
    return open(topic, request, onClose, cors.headers());
  }

  /**
   * Answers an {@code OPTIONS} request to a stream's path with the hub's {@link CorsPolicy}: a
   * preflight from a listed origin, for a listed method and request headers, gets {@code 204} with
   * {@code Access-Control-Allow-Origin}, {@code -Credentials}, {@code -Methods}, {@code -Headers},
   * {@code -Max-Age} and {@code Vary: Origin}; any other preflight gets {@code 403} with a
   * plain-text reason and no CORS header. An {@code OPTIONS} request that is no preflight, or a hub
   * without a policy, gets a bare {@code 204}, which lets no other origin in. Call it from an {@code
   * @OPTIONS} method on the stream's path; see the class description.
   *
   * @param hub the hub whose streams the path serves
   * @param headers the request's headers, from {@code @Context}
   * @param security the request's security context, from {@code @Context}: tells its scheme
   */
  public static Response preflight(EventHub hub, HttpHeaders headers, SecurityContext security) {
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(security, "security");
    CorsAnswer cors =
        hub.corsPolicy()
            .preflight(
                headers.getHeaderString("Origin"),
                scheme(security),
                headers.getHeaderString(HttpHeaders.HOST),
                headers.getHeaderString("Access-Control-Request-Method"),
                headers.getHeaderString("Access-Control-Request-Headers"));
    if (cors.refused()) {
      hub.observer().refused(null, HubObserver.Refusal.ORIGIN_REFUSED);
      return plainText(Response.Status.FORBIDDEN, cors.reason(), Map.of());
    }
    Response.ResponseBuilder answer = Response.noContent();
    cors.headers().forEach(answer::header);
    return answer.build();
  }

  /**
   * Subscribes a client to the hub's {@linkplain EventHub#DEFAULT_TOPIC default topic}, if the
   * hub's {@link TopicAuthorizer} allows a request with this {@code Last-Event-ID} and no principal
   * or headers (the default authorizer does), and returns its response; see the class description.
   *
   * @param lastEventId the request's {@code Last-Event-ID} header; {@code null} or empty for a new
   *     client
   * @throws IllegalStateException if the hub has a {@link CorsPolicy} other than {@link
   *     CorsPolicy#none()}: without the request's {@code Origin} it cannot be applied, so serve such
   *     a hub with {@code open(hub.topic(EventHub.DEFAULT_TOPIC), headers, security)}; or if the
   *     hub is closed
   */
  public static Response open(EventHub hub, String lastEventId) {
    return open(hub, lastEventId, null);
  }

  /**
   * Subscribes a client to the hub's default topic, as {@link #open(EventHub, String)} does, and
   * returns its response; {@code onClose} runs once when the hub releases the subscriber (client
   * gone, too slow, closed), for example to announce that a user left, and never for a refused
   * client.
   *
   * @throws IllegalStateException if the hub has a {@link CorsPolicy} (see {@link #open(EventHub,
   *     String)}), or is closed
   */
  public static Response open(
      EventHub hub, String lastEventId, Consumer<? super Subscription> onClose) {
    if (hub.corsPolicy() != CorsPolicy.none()) {
      throw new IllegalStateException(
          "this hub has a CORS policy, which needs the request's Origin: serve it with"
              + " HubStreams.open(hub.topic(EventHub.DEFAULT_TOPIC), headers, security)");
    }
    return open(
        hub.topic(EventHub.DEFAULT_TOPIC),
        SubscribeRequest.builder().lastEventId(lastEventId).build(),
        onClose,
        Map.of());
  }

  /** Subscribes; every answer carries {@code cors}, so that a page can read a refusal too. */
  private static Response open(
      Topic topic,
      SubscribeRequest request,
      Consumer<? super Subscription> onClose,
      Map<String, String> cors) {
    ChunkedOutputSink sink = new ChunkedOutputSink();
    try {
      topic.subscribe(request, sink, onClose);
    } catch (TopicAccessDeniedException e) {
      return plainText(Response.Status.FORBIDDEN, e.getMessage(), cors);
    } catch (InvalidLastEventIdException e) {
      return plainText(Response.Status.BAD_REQUEST, e.getMessage(), cors);
    }
    Response.ResponseBuilder stream =
        Response.status(StreamStatus.OK)
            .entity(sink.output())
            .type(STREAM_TYPE)
            .header(HttpHeaders.CACHE_CONTROL, "no-cache")
            .header("X-Accel-Buffering", "no");
    cors.forEach(stream::header);
    return stream.build();
  }

  /** The request's scheme as the CORS policy compares it with an {@code Origin}. */
  private static String scheme(SecurityContext security) {
    return security.isSecure() ? "https" : "http";
  }

  /**
   * The request's {@code Last-Event-ID}: the first, if the header is repeated, as Jersey gives a
   * {@code @HeaderParam}, so that both forms of {@code open} resume alike.
   */
  private static String lastEventId(HttpHeaders headers) {
    List<String> values = headers.getRequestHeader(HttpHeaders.LAST_EVENT_ID_HEADER);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static Response plainText(
      Response.Status status, String reason, Map<String, String> cors) {
    Response.ResponseBuilder answer = Response.status(status).type(TEXT_TYPE).entity(reason + "\n");
    cors.forEach(answer::header);
    return answer.build();
  }
}
