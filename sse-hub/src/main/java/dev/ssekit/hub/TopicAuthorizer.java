package dev.ssekit.hub;

/**
 * Decides which client may subscribe to which topic. The hub asks it on every {@link
 * Topic#subscribe(SubscribeRequest, SubscriberSink, java.util.function.Consumer)}, the form every
 * HTTP adapter uses, before anything is subscribed or replayed. Topic names often come from the
 * request's path, so a client can ask for any topic: deciding here is what keeps one user out of
 * another's stream.
 *
 * <pre>{@code
 * EventHub hub = EventHub.builder()
 *     .topicAuthorizer((topic, request) ->
 *         topic.equals("user-" + (request.principal() == null ? "" : request.principal().getName())))
 *     .build();
 * }</pre>
 *
 * <p>The default, {@link #defaultTopicOnly()}, allows only the hub's {@link EventHub#DEFAULT_TOPIC
 * default topic}, so named topics stay closed until the application says who may read them.
 */
@FunctionalInterface
public interface TopicAuthorizer {

  /**
   * True if the client that sent {@code request} may subscribe to {@code topic}. Called on the
   * request's thread; it should answer promptly. An exception it throws reaches the caller of
   * {@code subscribe} and nothing is subscribed.
   */
  boolean allows(String topic, SubscribeRequest request);

  /** The default: the {@linkplain EventHub#DEFAULT_TOPIC default topic} only. */
  static TopicAuthorizer defaultTopicOnly() {
    return (topic, request) -> EventHub.DEFAULT_TOPIC.equals(topic);
  }

  /** Every topic, to every client: only for topics that hold nothing private. */
  static TopicAuthorizer allowAll() {
    return (topic, request) -> true;
  }
}
