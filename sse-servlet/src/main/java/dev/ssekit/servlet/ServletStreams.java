package dev.ssekit.servlet;

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
import dev.ssekit.servlet.internal.AsyncStreamSink;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Serves an {@link EventHub}'s topics from a servlet or a Spring MVC controller, in one call, on
 * any Jakarta Servlet 6 container (Jetty 12, Tomcat 10.1 and 11, Undertow).
 *
 * <p>A topic per path, for example one per chat room, with the hub's {@link TopicAuthorizer}
 * deciding who may read which:
 *
 * <pre>{@code
 * @WebServlet(urlPatterns = "/rooms/*", asyncSupported = true)
 * public class RoomEvents extends HttpServlet {
 *   protected void doGet(HttpServletRequest request, HttpServletResponse response)
 *       throws IOException {
 *     String room = request.getPathInfo().substring(1);
 *     if (!room.matches("[A-Za-z0-9_-]{1,200}")) {
 *       response.sendError(404);
 *       return;
 *     }
 *     ServletStreams.open(hub.topic(room), request, response);
 *   }
 * }
 * }</pre>
 *
 * <p>The check on the name keeps out names that {@link EventHub#topic(String)} refuses (it takes 1
 * to 200 visible ASCII characters). The hub's single stream, its default topic, takes less; in a
 * Spring MVC controller, for example:
 *
 * <pre>{@code
 * @GetMapping("/events")
 * public void events(HttpServletRequest request, HttpServletResponse response) throws IOException {
 *   ServletStreams.open(hub, request, response);
 * }
 * }</pre>
 *
 * <p><b>One rule for every stream: the hub's {@link TopicAuthorizer} decides.</b> Every method here
 * subscribes through {@link Topic#subscribe(SubscribeRequest, dev.ssekit.hub.SubscriberSink,
 * Consumer)}, so the authorizer is asked before anything is subscribed or replayed, whichever topic
 * is served, the default one included. It sees the request's {@code Last-Event-ID} (the first, if
 * the header is repeated), its {@linkplain HttpServletRequest#getUserPrincipal() user principal}
 * and its headers. The default authorizer, {@link TopicAuthorizer#defaultTopicOnly()}, allows the
 * default topic to everyone and refuses every named topic.
 *
 * <p><b>Responses.</b>
 *
 * <ul>
 *   <li>{@code 200} with {@code Content-Type: text/event-stream;charset=UTF-8}, {@code
 *       Cache-Control: no-cache} and {@code X-Accel-Buffering: no}, kept open and fed by the hub;
 *   <li>{@code 403} with a plain-text reason ({@code not allowed to subscribe to topic "…"}) when
 *       the authorizer refuses. Nothing is subscribed, and the refused client learns nothing else
 *       about the topic, not even whether its {@code Last-Event-ID} is well-formed;
 *   <li>{@code 400} with a plain-text reason when the {@code Last-Event-ID} is malformed or too
 *       long. Nothing is subscribed.
 * </ul>
 *
 * <p><b>Other origins.</b> Every form applies the {@link CorsPolicy} of the topic's hub ({@link
 * EventHub#corsPolicy()}) first, as {@code HubStreams} does in JAX-RS: a listed origin's responses
 * carry {@code Access-Control-Allow-Origin} with that origin, {@code
 * Access-Control-Allow-Credentials: true} and {@code Vary: Origin}; any other origin gets {@code
 * 403} with a plain-text reason, no CORS header, and no subscription (the policy counts and logs
 * it). A request without {@code Origin}, or from the server's own origin, is served as without a
 * policy. Browsers send a preflight {@code OPTIONS} first when a stream's request carries more than
 * a plain GET (an {@code Authorization} header, say); answer it from the servlet's {@code
 * doOptions} with {@link #preflight(EventHub, HttpServletRequest, HttpServletResponse)}.
 *
 * <p><b>The stream.</b> The request is put into asynchronous mode with no timeout (a container's
 * default, 30 s on Jetty and Tomcat, would end every stream), and the servlet's thread returns at
 * once: no thread is held per connection. The hub's bytes are written without blocking, through a
 * {@link jakarta.servlet.WriteListener}: a write counts as done only when the container has taken
 * every byte, so the hub's slow-subscriber policy (its queue bounds and write timeout) acts on the
 * client's real reading speed. The stream is never compressed by the container: its content type,
 * {@code text/event-stream}, is not one that Jetty's {@code GzipHandler} or Tomcat's {@code
 * compression="on"} compress; do not add it to their lists of compressible types, since a
 * compressor holds events back until its block fills.
 *
 * <p><b>A client that goes away</b> is released as soon as the container reports it: on a failed
 * write, or earlier when the container notices the connection's end on its read side
 * (docs/servlet.md, "A client that goes away", says what each container notices, and when). At the
 * latest, the hub's next heartbeat finds it gone.
 *
 * <p>The servlet, and every filter before it, must support asynchronous requests ({@code
 * asyncSupported = true}; Spring's {@code DispatcherServlet} does when registered with {@code
 * setAsyncSupported(true)}, as Spring Boot registers it). An exception the authorizer throws, or
 * the {@link IllegalStateException} of a closed hub, reaches the caller, and nothing is subscribed.
 */
public final class ServletStreams {
  /** The stream's content type, with its charset spelled out for intermediaries. */
  public static final String CONTENT_TYPE = "text/event-stream;charset=UTF-8";

  private static final String TEXT_TYPE = "text/plain;charset=UTF-8";

  private ServletStreams() {}

  /**
   * Subscribes the client that sent {@code request} to {@code topic}, if the hub's {@link
   * CorsPolicy} and {@link TopicAuthorizer} allow it, and answers on {@code response}; see the
   * class description.
   *
   * @throws IOException if a refusal's reason cannot be written, or the response's streams cannot
   *     be obtained
   * @throws IllegalStateException if the request does not support asynchronous mode (a servlet or
   *     filter without {@code asyncSupported}) or the hub is closed; nothing is subscribed then
   */
  public static void open(Topic topic, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    open(topic, request, response, null);
  }

  /**
   * Subscribes the client that sent {@code request} to {@code topic}, as {@link #open(Topic,
   * HttpServletRequest, HttpServletResponse)} does; {@code onClose} runs once when the hub releases
   * the subscriber (client gone, too slow, closed), for example to announce that a user left, and
   * never for a refused client.
   *
   * @param onClose called with the released subscription, or {@code null}
   * @throws IOException if a refusal's reason cannot be written, or the response's streams cannot
   *     be obtained
   * @throws IllegalStateException if the request does not support asynchronous mode (a servlet or
   *     filter without {@code asyncSupported}) or the hub is closed; nothing is subscribed then
   */
  public static void open(
      Topic topic,
      HttpServletRequest request,
      HttpServletResponse response,
      Consumer<? super Subscription> onClose)
      throws IOException {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(response, "response");
    CorsAnswer cors =
        topic
            .hub()
            .corsPolicy()
            .check(request.getHeader("Origin"), request.getScheme(), request.getHeader("Host"));
    if (cors.refused()) {
      topic.hub().observer().refused(topic.name(), HubObserver.Refusal.ORIGIN_REFUSED);
      plainText(response, HttpServletResponse.SC_FORBIDDEN, cors.reason());
      return;
    }
    // Every answer from here on carries them, so that a listed origin's page can read a refusal.
    cors.headers().forEach(response::setHeader);
    if (!request.isAsyncSupported()) {
      throw new IllegalStateException(
          "an event stream needs an asynchronous request: mark the servlet, and every filter"
              + " before it, asyncSupported = true");
    }
    SubscribeRequest subscribeRequest =
        SubscribeRequest.builder()
            .lastEventId(request.getHeader("Last-Event-ID"))
            .principal(request.getUserPrincipal())
            .headers(request::getHeader)
            .build();
    AsyncStreamSink sink = new AsyncStreamSink();
    Subscription subscription;
    try {
      subscription = topic.subscribe(subscribeRequest, sink, onClose);
    } catch (TopicAccessDeniedException e) {
      plainText(response, HttpServletResponse.SC_FORBIDDEN, e.getMessage());
      return;
    } catch (InvalidLastEventIdException e) {
      plainText(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
      return;
    }
    try {
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType(CONTENT_TYPE);
      response.setHeader("Cache-Control", "no-cache");
      response.setHeader("X-Accel-Buffering", "no");
      AsyncContext async = request.startAsync(request, response);
      async.setTimeout(0);
      sink.start(async, subscription);
    } catch (IOException | RuntimeException e) {
      subscription.close();
      throw e;
    }
  }

  /**
   * Subscribes the client that sent {@code request} to the hub's {@linkplain EventHub#DEFAULT_TOPIC
   * default topic}, if the hub's {@link TopicAuthorizer} allows it (the default authorizer does);
   * the same as {@code open(hub.topic(EventHub.DEFAULT_TOPIC), request, response)}.
   *
   * @throws IOException if a refusal's reason cannot be written, or the response's streams cannot
   *     be obtained
   * @throws IllegalStateException if the request does not support asynchronous mode (a servlet or
   *     filter without {@code asyncSupported}) or the hub is closed; nothing is subscribed then
   */
  public static void open(EventHub hub, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    open(hub, request, response, null);
  }

  /**
   * Subscribes the client that sent {@code request} to the hub's default topic, as {@link
   * #open(EventHub, HttpServletRequest, HttpServletResponse)} does; {@code onClose} runs once when
   * the hub releases the subscriber, and never for a refused client.
   *
   * @param onClose called with the released subscription, or {@code null}
   * @throws IOException if a refusal's reason cannot be written, or the response's streams cannot
   *     be obtained
   * @throws IllegalStateException if the request does not support asynchronous mode (a servlet or
   *     filter without {@code asyncSupported}) or the hub is closed; nothing is subscribed then
   */
  public static void open(
      EventHub hub,
      HttpServletRequest request,
      HttpServletResponse response,
      Consumer<? super Subscription> onClose)
      throws IOException {
    open(hub.topic(EventHub.DEFAULT_TOPIC), request, response, onClose);
  }

  /**
   * Answers an {@code OPTIONS} request to a stream's path with the hub's {@link CorsPolicy}: a
   * preflight from a listed origin, for a listed method and request headers, gets {@code 204} with
   * {@code Access-Control-Allow-Origin}, {@code -Credentials}, {@code -Methods}, {@code -Headers},
   * {@code -Max-Age} and {@code Vary: Origin}; any other preflight gets {@code 403} with a
   * plain-text reason and no CORS header. An {@code OPTIONS} request that is no preflight, or a hub
   * without a policy, gets a bare {@code 204}, which lets no other origin in. Call it from the
   * servlet's {@code doOptions} (or a controller's {@code OPTIONS} mapping) on the stream's path.
   *
   * @param hub the hub whose streams the path serves
   * @throws IOException if a refusal's reason cannot be written
   */
  public static void preflight(
      EventHub hub, HttpServletRequest request, HttpServletResponse response) throws IOException {
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(response, "response");
    CorsAnswer cors =
        hub.corsPolicy()
            .preflight(
                request.getHeader("Origin"),
                request.getScheme(),
                request.getHeader("Host"),
                request.getHeader("Access-Control-Request-Method"),
                request.getHeader("Access-Control-Request-Headers"));
    if (cors.refused()) {
      hub.observer().refused(null, HubObserver.Refusal.ORIGIN_REFUSED);
      plainText(response, HttpServletResponse.SC_FORBIDDEN, cors.reason());
      return;
    }
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    cors.headers().forEach(response::setHeader);
  }

  private static void plainText(HttpServletResponse response, int status, String reason)
      throws IOException {
    byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(TEXT_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
