package dev.ssekit.client.internal;

import dev.ssekit.client.EventSourceException;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseCodec;

/**
 * A typed listener: decodes an event's JSON data with its codec and passes the object on.
 *
 * @param <T> the event class
 */
public final class TypedDecoder<T> {
  /**
   * What a typed listener receives.
   *
   * @param <T> the event class
   */
  @FunctionalInterface
  public interface Listener<T> {
    /** Called with the decoded {@code value} of {@code event} and the last event ID at dispatch. */
    void accept(T value, ServerSentEvent event, String lastEventId);
  }

  private final SseCodec<T> codec;
  private final Listener<T> listener;

  /** Calls {@code listener} with events decoded by {@code codec}. */
  public TypedDecoder(SseCodec<T> codec, Listener<T> listener) {
    this.codec = codec;
    this.listener = listener;
  }

  /**
   * Decodes (once per event and codec, through {@code cache}) and calls the listener.
   *
   * @return the failure to report, or {@code null}
   */
  public EventSourceException deliver(ServerSentEvent event, String lastEventId, Cache cache) {
    T value;
    try {
      value = cache.decode(codec, event);
    } catch (RuntimeException e) {
      return decodeFailure(codec, event, e);
    }
    try {
      listener.accept(value, event, lastEventId);
      return null;
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError) {
        throw (VirtualMachineError) e; // the JVM's own failure; any other is the listener's
      }
      return EventSourceExceptionAccess.create(
          EventSourceException.Reason.LISTENER,
          0,
          true,
          "listener for " + codec.type().getSimpleName() + " threw: " + e,
          e);
    }
  }

  /** The error for {@code event}'s data that {@code codec} could not decode. */
  static EventSourceException decodeFailure(
      SseCodec<?> codec, ServerSentEvent event, RuntimeException e) {
    return EventSourceExceptionAccess.create(
        EventSourceException.Reason.DECODE,
        0,
        true,
        "could not decode '"
            + event.type()
            + "' event into "
            + codec.type().getName()
            + ": "
            + e.getMessage(),
        e);
  }

  /** Remembers the last decoded value, so several listeners of one class decode an event once. */
  public static final class Cache {
    private SseCodec<?> codec;
    private Object value;

    /** A cache for one event. */
    public Cache() {}

    <T> T decode(SseCodec<T> c, ServerSentEvent event) {
      if (codec != c) {
        // Core's one whole-document path: JSON null and trailing content are JsonExceptions.
        value = c.fromJson(event.data());
        codec = c;
      }
      return c.type().cast(value);
    }
  }
}
