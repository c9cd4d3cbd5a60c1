package dev.ssekit.hub;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The topics of one hub that have subscribers on this node, each a {@link TopicFanOut} following
 * its topic in the {@link EventLog}. A topic's fan-out exists only while it has subscribers, except
 * the default topic's, which lives as long as the hub.
 */
final class Topics {
  private final ConcurrentHashMap<String, TopicFanOut> live = new ConcurrentHashMap<>();
  private final EventLog log;
  private final DeliveryContext delivery;
  private volatile boolean closed;

  Topics(EventLog log, DeliveryContext delivery) {
    this.log = log;
    this.delivery = delivery;
    TopicFanOut defaultTopic = new TopicFanOut(EventHub.DEFAULT_TOPIC, this, delivery, true);
    live.put(EventHub.DEFAULT_TOPIC, defaultTopic);
    log.follow(EventHub.DEFAULT_TOPIC, defaultTopic);
  }

  EventLog log() {
    return log;
  }

  /** Subscribes to {@code topic}, following it in the log first if it has no subscriber here. */
  Subscription subscribe(
      String topic,
      SubscriberSink sink,
      String lastEventId,
      java.util.function.Consumer<? super Subscription> onClose) {
    while (true) {
      checkOpen();
      TopicFanOut fanOut = live.get(topic);
      if (fanOut == null) {
        TopicFanOut created = new TopicFanOut(topic, this, delivery, false);
        fanOut = live.putIfAbsent(topic, created);
        if (fanOut == null) {
          fanOut = created;
          if (closed) {
            created.close(); // close() may have passed this topic by; the log may be closed too
            checkOpen();
          }
          log.follow(topic, created);
        }
      }
      Subscription s = fanOut.subscribe(sink, lastEventId, onClose);
      if (s != null) {
        return s;
      }
      live.remove(topic, fanOut); // it retired meanwhile
    }
  }

  /**
   * Forgets a fan-out whose last subscriber left, and stops following its topic, unless the hub has
   * closed: the log is closed then (or about to be), and a closed log is called no more.
   */
  void retire(TopicFanOut fanOut) {
    live.remove(fanOut.name(), fanOut);
    if (!closed) {
      log.unfollow(fanOut.name(), fanOut);
    }
  }

  /** The number of subscribers of {@code topic} on this node. */
  int subscriberCount(String topic) {
    TopicFanOut fanOut = live.get(topic);
    return fanOut == null ? 0 : fanOut.subscriberCount();
  }

  /** The number of subscribers of every topic on this node. */
  int subscriberCount() {
    int n = 0;
    for (TopicFanOut fanOut : live.values()) {
      n += fanOut.subscriberCount();
    }
    return n;
  }

  /** The number of topics with subscribers on this node (the default topic always counts). */
  int topicCount() {
    return live.size();
  }

  void forEach(Consumer<TopicFanOut> action) {
    live.values().forEach(action);
  }

  /** Releases every subscriber of every topic with {@code reason}; returns how many there were. */
  int releaseAll(CloseReason reason) {
    int n = 0;
    for (TopicFanOut fanOut : live.values()) {
      n += fanOut.releaseAll(reason);
    }
    return n;
  }

  /**
   * Refuses subscribers from now on and releases everyone ({@link CloseReason#HUB_CLOSED}).
   *
   * @return true the first time only
   */
  synchronized boolean close() {
    if (closed) {
      return false;
    }
    closed = true;
    live.values().forEach(TopicFanOut::close);
    return true;
  }

  boolean isClosed() {
    return closed;
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the hub is closed");
    }
  }
}
