package dev.ssekit.client.internal;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseCodec;
import java.util.HashMap;
import java.util.Map;

/**
 * Routes events to a class by event name, as typed listeners are routed: the codec of the class, or
 * of each of its subtypes that the registry knows, decodes the events of its name; other events are
 * not for this route. {@code ServerSentEvent} routes every event, undecoded.
 *
 * @param <T> the class events are decoded into
 */
public final class TypeRoute<T> {
  private final Class<T> type;
  private final Map<String, SseCodec<? extends T>> codecs;

  private TypeRoute(Class<T> type, Map<String, SseCodec<? extends T>> codecs) {
    this.type = type;
    this.codecs = codecs;
  }

  /**
   * The route to {@code type}.
   *
   * @throws IllegalArgumentException if {@code registry} has no codec for {@code type} or a subtype
   */
  public static <T> TypeRoute<T> of(CodecRegistry registry, Class<T> type) {
    if (type == ServerSentEvent.class) {
      return new TypeRoute<>(type, Map.of());
    }
    Map<String, SseCodec<? extends T>> codecs = new HashMap<>();
    SseCodec<T> exact = registry.find(type);
    if (exact != null) {
      codecs.put(exact.eventName(), exact);
    } else {
      for (SseCodec<?> c : registry.codecs()) {
        if (type.isAssignableFrom(c.type())) {
          @SuppressWarnings("unchecked") // its type() is a subtype of T, just checked
          SseCodec<? extends T> sub = (SseCodec<? extends T>) c;
          codecs.put(c.eventName(), sub);
        }
      }
    }
    if (codecs.isEmpty()) {
      // The registry's own message says what to do (configure the processor, add @SseEvent).
      registry.codecFor(type);
    }
    return new TypeRoute<>(type, Map.copyOf(codecs));
  }

  /**
   * {@code event} decoded, or {@code null} when its name is not routed here.
   *
   * @throws dev.ssekit.client.EventSourceException ({@code DECODE}) if its data cannot be decoded
   */
  public T decode(ServerSentEvent event) {
    if (type == ServerSentEvent.class) {
      return type.cast(event);
    }
    SseCodec<? extends T> codec = codecs.get(event.type());
    if (codec == null) {
      return null;
    }
    try {
      return codec.fromJson(event.data());
    } catch (RuntimeException e) {
      throw TypedDecoder.decodeFailure(codec, event, e);
    }
  }
}
