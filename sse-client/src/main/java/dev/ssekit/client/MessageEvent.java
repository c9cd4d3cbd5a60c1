package dev.ssekit.client;

import dev.ssekit.core.ServerSentEvent;
import java.util.Objects;

/**
 * An event as the browser's {@code MessageEvent} presents it: the event, what it was decoded into,
 * and {@link #lastEventId()}, the connection's last event ID when the event was dispatched.
 *
 * <p>That ID is not always the event's own {@code id:} field ({@link ServerSentEvent#id()}, {@code
 * null} when its block had none): an ID set by an earlier event, or by a block with an {@code id}
 * and no data, carries over to the events after it, as in the browser. It is the ID a reconnect
 * made right after this event would send as {@code Last-Event-ID}.
 *
 * <pre>{@code
 * source.onEvent("message", m -> save(m.lastEventId(), m.value().data()));
 * source.onEvent(Ping.class, m -> System.out.println(m.value().time() + " @" + m.lastEventId()));
 * }</pre>
 *
 * @param <T> the decoded type; {@link ServerSentEvent} for events that are not decoded
 */
public final class MessageEvent<T> {
  private final ServerSentEvent event;
  private final T value;
  private final String lastEventId;

  MessageEvent(ServerSentEvent event, T value, String lastEventId) {
    this.event = event;
    this.value = value;
    this.lastEventId = lastEventId;
  }

  /** The event's type ({@code message} when it had no {@code event:} field). */
  public String type() {
    return event.type();
  }

  /** The decoded object, or the event itself when {@code T} is {@link ServerSentEvent}. */
  public T value() {
    return value;
  }

  /** The event as read from the stream. */
  public ServerSentEvent event() {
    return event;
  }

  /** The connection's last event ID when this event was dispatched; {@code ""} when none. */
  public String lastEventId() {
    return lastEventId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageEvent<?> m
        && event.equals(m.event)
        && Objects.equals(value, m.value)
        && lastEventId.equals(m.lastEventId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(event, value, lastEventId);
  }

  @Override
  public String toString() {
    return "MessageEvent{lastEventId=" + lastEventId + ", event=" + event + "}";
  }
}
