package dev.ssekit.core;

import dev.ssekit.core.json.JsonCodec;

/**
 * The codec of an {@link SseEvent} class: its JSON form plus the frame fields the annotation
 * declares. The annotation processor generates one per annotated class and registers it for
 * {@link java.util.ServiceLoader}; {@link CodecRegistry} finds it by class and by event name.
 *
 * @param <T> the event class
 */
public interface SseCodec<T> extends JsonCodec<T> {

  /** The event type from {@link SseEvent#name()}. */
  String eventName();

  /** The event class this codec handles. */
  Class<T> type();

  /**
   * The frame id from the member annotated with {@link SseId}, or {@code null} when there is none
   * or its value is {@code null}. The encoder validates it before writing.
   */
  default String id(T value) {
    return null;
  }
}
