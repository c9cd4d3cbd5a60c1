package dev.ssekit.hub;

/** Why an {@link EventHub} released a subscriber. */
public enum CloseReason {
  /** A write failed: the client disconnected or the connection broke. */
  CLIENT_GONE,
  /**
   * The subscriber's queue overflowed under {@link SlowSubscriberPolicy#DISCONNECT}. The client
   * reconnects with its {@code Last-Event-ID} and catches up from the replay window.
   */
  TOO_SLOW,
  /** A single write took longer than the hub's write timeout: the client stopped reading. */
  WRITE_TIMEOUT,
  /**
   * The application closed the {@link Subscription}, or called {@link EventHub#disconnectAll()}.
   */
  CLOSED,
  /** The hub was closed. */
  HUB_CLOSED,
  /**
   * The subscriber came with a {@code Last-Event-ID} and the {@link EventLog} failed to answer its
   * replay (for example, a shared log's server stayed unreachable until the log was closed). It is
   * released before any event, so that the client reconnects and asks again.
   */
  REPLAY_FAILED
}
