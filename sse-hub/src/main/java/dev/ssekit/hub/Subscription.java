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

  /**
   * Releases the subscriber because its client went away ({@link CloseReason#CLIENT_GONE}), as a
   * failed write would: for an adapter that notices a vanished client between writes, for example
   * from the connection's read side, instead of waiting for the next event or heartbeat. Its sink
   * is closed. Does nothing if it is already released.
   *
   * @param cause what showed the client gone, or {@code null}
   */
  void clientGone(Throwable cause);
}
