package dev.ssekit.hub;

/**
 * The hub's {@link TopicAuthorizer} refused a subscription. An HTTP adapter answers {@code 403
 * Forbidden}. Nothing was subscribed and nothing replayed. Only the hub throws it.
 */
public final class TopicAccessDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String topic;

  TopicAccessDeniedException(String topic) {
    super("not allowed to subscribe to topic \"" + topic + "\"");
    this.topic = topic;
  }

  /** The topic that was refused. */
  public String topic() {
    return topic;
  }
}
