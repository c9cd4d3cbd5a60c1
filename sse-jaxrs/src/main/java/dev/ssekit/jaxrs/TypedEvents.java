package dev.ssekit.jaxrs;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.SseCodec;
import dev.ssekit.core.internal.FieldRules;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Objects;

/**
 * Turns {@code @SseEvent} objects into standard JAX-RS {@link OutboundSseEvent}s, for {@code
 * SseEventSink.send} and {@code SseBroadcaster.broadcast} on any JAX-RS runtime.
 *
 * <pre>{@code
 * @GET @Path("/ping") @Produces(MediaType.SERVER_SENT_EVENTS)
 * public void ping(@Context SseEventSink sink, @Context Sse sse) {
 *   sink.send(TypedEvents.of(sse, new Ping(Instant.now())));
 * }
 * }</pre>
 *
 * <p>The event's name comes from {@code @SseEvent}, its id from {@code @SseId} (if any), and its
 * data is the codec's JSON, serialised here once as a {@code String} with media type {@code
 * text/plain}, so no JSON provider of the runtime re-encodes it and a broadcast to many sinks
 * serialises the object only once.
 */
public final class TypedEvents {
  private TypedEvents() {}

  /**
   * The outbound event for {@code event}, whose codec comes from the default registry.
   *
   * @throws IllegalArgumentException if the event's class has no codec, or its id is invalid
   */
  public static OutboundSseEvent of(Sse sse, Object event) {
    return builder(sse, event).build();
  }

  /**
   * A builder preset with {@code event}'s name, id and data, for adding a comment, a reconnect
   * delay or another id.
   *
   * @throws IllegalArgumentException if the event's class has no codec, or its id is invalid
   */
  public static OutboundSseEvent.Builder builder(Sse sse, Object event) {
    return builder(sse, event, CodecRegistry.loadDefault());
  }

  /**
   * A builder preset with {@code event}'s name, id and data, its codec taken from {@code codecs}.
   *
   * @throws IllegalArgumentException if the event's class has no codec, or its id is invalid
   */
  public static OutboundSseEvent.Builder builder(Sse sse, Object event, CodecRegistry codecs) {
    Objects.requireNonNull(event, "event");
    @SuppressWarnings("unchecked")
    Class<Object> type = (Class<Object>) event.getClass();
    return builder(sse, event, codecs.codecFor(type));
  }

  /**
   * A builder preset with {@code event}'s name, id and data from {@code codec}.
   *
   * @throws IllegalArgumentException if the codec's id for the event contains CR, LF or NUL
   */
  public static <T> OutboundSseEvent.Builder builder(Sse sse, T event, SseCodec<T> codec) {
    Objects.requireNonNull(sse, "sse");
    Objects.requireNonNull(event, "event");
    OutboundSseEvent.Builder b =
        sse.newEventBuilder()
            .name(FieldRules.checkType(codec.eventName()))
            .mediaType(MediaType.TEXT_PLAIN_TYPE)
            .data(String.class, codec.toJson(event));
    String id = codec.id(event);
    if (id != null) {
      // The runtime's writer does not check ids, and a line break in one would forge fields.
      b.id(FieldRules.checkId(id));
    }
    return b;
  }
}
