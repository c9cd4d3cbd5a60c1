package dev.ssekit.hub;

/**
 * What an {@link EventHub} does when a subscriber's queue is full because the client reads more
 * slowly than events are published. Either way the publisher and the other subscribers never wait
 * for it.
 */
public enum SlowSubscriberPolicy {
  /**
   * Ends the subscriber's response ({@link CloseReason#TOO_SLOW}). A browser's {@code EventSource}
   * reconnects with its {@code Last-Event-ID} and receives what it missed from the replay window,
   * so nothing is lost while the gap fits in the window. The default.
   */
  DISCONNECT,
  /**
   * Discards the oldest queued events to make room and puts one marker event (by default of type
   * {@value EventHub#DROPPED_EVENT_TYPE}, data the number of events dropped) where they were. The
   * marker carries no id, so a client that reconnects still asks for the dropped events.
   */
  DROP_OLDEST
}
