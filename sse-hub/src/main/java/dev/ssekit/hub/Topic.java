package dev.ssekit.hub;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseCodec;
import dev.ssekit.core.SseEncoder;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One named stream of an {@link EventHub}, with its own ids, replay window and subscribers: a chat
 * room, a user's notifications, a job's progress. Obtained from {@link EventHub#topic(String)};
 * a topic exists from its first use and costs nothing once it has no subscriber and its window has
 * expired. Replay never crosses topics: a {@code Last-Event-ID} from another topic is unknown here
 * and gets the reset event.
 *
 * <pre>{@code
 * Topic room = hub.topic("room-42");
 * room.publish(new UserMessage("ada", "hello"));
 * }</pre>
 *
 * <p>Every method behaves as the {@link EventHub} method of the same name does for the default
 * topic. A {@code Topic} is a light handle: two for the same name on the same hub are equal and
 * interchangeable. Thread-safe.
 */
public final class Topic {
  private final EventHub hub;
  private final String name;

  Topic(EventHub hub, String name) {
    this.hub = hub;
    this.name = name;
  }

  /** The hub this topic belongs to: adapters read its {@link EventHub#corsPolicy()}. */
  public EventHub hub() {
    return hub;
  }

  /** The topic's name. */
  public String name() {
    return name;
  }

  /**
   * Publishes a typed event through its codec, or a {@link ServerSentEvent}; see {@link
   * EventHub#publish(Object)}.
   *
   * @return the event's id
   */
  public String publish(Object event) {
    Objects.requireNonNull(event, "event");
    if (event instanceof ServerSentEvent) {
      return publish((ServerSentEvent) event);
    }
    @SuppressWarnings("unchecked")
    Class<Object> type = (Class<Object>) event.getClass();
    return publish(event, hub.codecs().codecFor(type));
  }

  /**
   * Publishes a typed event through {@code codec}; see {@link EventHub#publish(Object, SseCodec)}.
   *
   * @return the event's id
   */
  public <T> String publish(T event, SseCodec<T> codec) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(codec, "codec");
    String ownId = codec.id(event);
    if (ownId != null) {
      hub.ids().checkPublished(ownId);
    }
    return hub.append(name, ownId, new SseEncoder().append(event, codec, null).toByteArray());
  }

  /**
   * Publishes a raw event; see {@link EventHub#publish(ServerSentEvent)}.
   *
   * @return the event's id
   */
  public String publish(ServerSentEvent event) {
    Objects.requireNonNull(event, "event");
    String ownId = event.id();
    if (ownId != null) {
      hub.ids().checkPublished(ownId);
    }
    return hub.append(
        name, ownId, SseEncoder.encode(ownId == null ? event : event.toBuilder().id(null).build()));
  }

  /** Subscribes a client; see {@link EventHub#subscribe(SubscriberSink, String)}. */
  public Subscription subscribe(SubscriberSink sink, String lastEventId) {
    return subscribe(sink, lastEventId, null);
  }

  /**
   * Subscribes a client that the application has already decided may read this topic; see {@link
   * EventHub#subscribe(SubscriberSink, String, Consumer)}. The {@link TopicAuthorizer} is not asked:
   * use {@link #subscribe(SubscribeRequest, SubscriberSink, Consumer)} for a client's request.
   */
  public Subscription subscribe(
      SubscriberSink sink, String lastEventId, Consumer<? super Subscription> onClose) {
    Objects.requireNonNull(sink, "sink");
    String last =
        lastEventId == null || lastEventId.isEmpty()
            ? null
            : hub.checkLastEventId(name, lastEventId);
    return hub.topics().subscribe(name, sink, last, onClose);
  }

  /**
   * Subscribes a client's request, if the hub's {@link TopicAuthorizer} allows it: the form HTTP
   * adapters use. The authorizer is asked first, so a refused client learns nothing about the
   * topic, not even whether its {@code Last-Event-ID} is known.
   *
   * @throws TopicAccessDeniedException if the authorizer refuses; nothing is subscribed then
   * @throws InvalidLastEventIdException if the request's {@code Last-Event-ID} is malformed or too
   *     long; nothing is subscribed then
   * @throws IllegalStateException if the hub is closed
   */
  public Subscription subscribe(
      SubscribeRequest request, SubscriberSink sink, Consumer<? super Subscription> onClose) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(sink, "sink");
    if (!hub.authorizer().allows(name, request)) {
      hub.refused(name, HubObserver.Refusal.TOPIC_DENIED);
      throw new TopicAccessDeniedException(name);
    }
    return subscribe(sink, request.lastEventId(), onClose);
  }

  /** The number of this topic's subscribers on this node that are not yet released. */
  public int subscriberCount() {
    return hub.topics().subscriberCount(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Topic && ((Topic) o).hub == hub && ((Topic) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(hub) * 31 + name.hashCode();
  }

  @Override
  public String toString() {
    return "Topic{" + name + "}";
  }
}
