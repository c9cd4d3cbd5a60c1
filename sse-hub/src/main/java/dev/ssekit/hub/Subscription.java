package dev.ssekit.hub;

/** One subscriber's membership in an {@link EventHub}, returned by {@code subscribe}. */
public interface Subscription {

  /** True until the hub releases this subscriber. */
  boolean isOpen();

  /** Why the subscriber was released, or {@code null} while it is open. */
  CloseReason closeReason();

  /**
   * Releases the subscriber ({@link CloseReason#CLOSED}): its queue is discarded and its sink
   * closed. Does nothing if it is already released.
   */
  void close();
}
