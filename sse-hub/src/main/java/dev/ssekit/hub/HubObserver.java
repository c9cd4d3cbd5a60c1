package dev.ssekit.hub;

/**
 * What an {@link EventHub} and the HTTP adapters serving it report about their work, for metrics:
 * set one with {@link EventHub.Builder#observer(HubObserver)}. {@code dev.ssekit.micrometer} binds
 * these reports to Micrometer meters; an application may implement it for any other system.
 *
 * <p>Every method does nothing by default, so an implementation overrides only what it counts. A
 * hub without an observer makes none of these calls and reads no clock for them.
 *
 * <p>The hub calls these methods on its own threads (publishers', delivery threads, the scheduler)
 * and sometimes while it holds a lock that orders a topic's events: an implementation must be
 * thread-safe and quick (count, don't block, don't call back into the hub). An exception thrown
 * from an observer is logged (once) and otherwise ignored: it never reaches a publisher or a
 * subscriber.
 *
 * <p>Topic names come from the application and, through adapters, often from request paths, so
 * there may be any number of them: an observer that keeps figures per topic should do so only for
 * topics the application names.
 */
public interface HubObserver {

  /** A subscriber of {@code topic} joined this node. */
  default void subscribed(String topic) {}

  /** A subscriber of {@code topic} was released, once per subscriber, for {@code reason}. */
  default void released(String topic, CloseReason reason) {}

  /** An event was published to {@code topic} through this hub: its log accepted it. */
  default void published(String topic) {}

  /**
   * One write to one subscriber completed.
   *
   * @param frames the number of blocks written: events, heartbeats, the retry hint and id-only
   *     blocks
   * @param events how many of them are events: live, resent (replay), and the hub's reset and
   *     dropped markers
   * @param bytes their size
   */
  default void written(int frames, int events, long bytes) {}

  /**
   * A write that carried live events completed, {@code nanos} after the oldest of them reached this
   * node's fan-out (for the in-memory log, when it was published). Resent events (replay) are not
   * timed. When a subscriber's queue is written in several parts, later parts count from the oldest
   * event queued before the first, so the time is an upper bound.
   */
  default void delivered(long nanos) {}

  /**
   * A heartbeat was sent to a subscriber that had received nothing for the interval: reported when
   * the write that carried it completed, after {@link #written} for that write. A heartbeat whose
   * write fails is not reported.
   */
  default void heartbeat() {}

  /**
   * {@code events} queued events of a slow subscriber of {@code topic} were dropped under {@link
   * SlowSubscriberPolicy#DROP_OLDEST}. (Under {@link SlowSubscriberPolicy#DISCONNECT} the
   * subscriber is released as {@link CloseReason#TOO_SLOW} instead.)
   */
  default void dropped(String topic, int events) {}

  /**
   * A subscriber of {@code topic} resumed from its {@code Last-Event-ID}: {@code events} events
   * from the replay window are resent to it (possibly none).
   */
  default void resumed(String topic, int events) {}

  /**
   * A subscriber of {@code topic} asked to resume from a {@code Last-Event-ID} that is not in the
   * replay window and was sent the reset event. (A replay that fails is neither resumed nor reset:
   * the subscriber is {@linkplain #released released} as {@link CloseReason#REPLAY_FAILED}.)
   */
  default void reset(String topic) {}

  /**
   * The {@link EventLog} reported events of {@code topic} lost ({@link EventLog.Follower#lost}):
   * its {@code subscribers} subscribers on this node were sent the reset event.
   */
  default void logLost(String topic, int subscribers) {}

  /**
   * A client's request to subscribe to {@code topic} was refused for {@code refusal}; nothing was
   * subscribed. {@code topic} is null when the request was refused by {@link
   * EventHub#checkLastEventId(String)}, before a topic was named.
   */
  default void refused(String topic, Refusal refusal) {}

  /** Why a client's request to subscribe was refused. */
  enum Refusal {
    /** The hub's {@link TopicAuthorizer} refused the topic (an HTTP adapter answers 403). */
    TOPIC_DENIED,
    /** The {@code Last-Event-ID} was malformed or too long (an HTTP adapter answers 400). */
    INVALID_LAST_EVENT_ID,
    /**
     * The hub's {@link CorsPolicy} refused the request's origin, or its preflight (an HTTP adapter
     * answers 403); reported by the adapter.
     */
    ORIGIN_REFUSED
  }
}
