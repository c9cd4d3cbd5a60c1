package dev.ssekit.jaxrs;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.InvalidLastEventIdException;
import dev.ssekit.hub.Subscription;
import dev.ssekit.jaxrs.internal.ChunkedOutputSink;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Consumer;

/**
 * Serves an {@link EventHub} from a JAX-RS resource method on Jersey, in one line.
 *
 * <pre>{@code
 * @GET @Path("/chat/events") @Produces(MediaType.SERVER_SENT_EVENTS)
 * public Response events(@HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId) {
 *   return HubStreams.open(hub, lastEventId);
 * }
 * }</pre>
 *
 * <p>The response is {@code 200} with {@code Content-Type: text/event-stream;charset=UTF-8},
 * {@code Cache-Control: no-cache} and {@code X-Accel-Buffering: no}, kept open and fed by the hub;
 * or {@code 400} with a plain-text reason when the {@code Last-Event-ID} is malformed or too long,
 * in which case nothing is subscribed. The request thread returns at once: no thread is held per
 * connection.
 */
public final class HubStreams {
  /** The stream's content type, with its charset spelled out for intermediaries. */
  public static final String CONTENT_TYPE = "text/event-stream;charset=UTF-8";

  /**
   * {@link #CONTENT_TYPE}, parsed once: a type given as a string is parsed again for every
   * response, and the parsed copy lives as long as the stream (about 0.4 KiB per connection).
   */
  private static final MediaType STREAM_TYPE = new MediaType("text", "event-stream", "UTF-8");

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

  /** Subscribes a client and returns its response; see the class description. */
  public static Response open(EventHub hub, String lastEventId) {
    return open(hub, lastEventId, null);
  }

  /**
   * Subscribes a client and returns its response; {@code onClose} runs once when the hub releases
   * it (client gone, too slow, closed), for example to announce that a user left.
   */
  public static Response open(
      EventHub hub, String lastEventId, Consumer<? super Subscription> onClose) {
    ChunkedOutputSink sink = new ChunkedOutputSink();
    try {
      hub.subscribe(sink, lastEventId, onClose);
    } catch (InvalidLastEventIdException e) {
      return Response.status(Response.Status.BAD_REQUEST)
          .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
          .entity(e.getMessage() + "\n")
          .build();
    }
    return Response.status(StreamStatus.OK)
        .entity(sink.output())
        .type(STREAM_TYPE)
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .header("X-Accel-Buffering", "no")
        .build();
  }
}
