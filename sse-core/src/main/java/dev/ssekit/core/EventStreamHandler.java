package dev.ssekit.core;

/**
 * Receives what an {@link EventStreamParser} interprets, in stream order, on the thread that feeds
 * the parser.
 */
public interface EventStreamHandler {

  /** An event was dispatched (a blank line ended a block with data). */
  void onEvent(ServerSentEvent event);

  /**
   * An {@code id} field set the last event ID, also in a block that dispatches nothing. An empty
   * string resets it.
   */
  default void onLastEventId(String lastEventId) {}

  /** A valid {@code retry} field set the reconnection time, in milliseconds. */
  default void onRetry(long millis) {}

  /**
   * A comment line arrived (such as a heartbeat): the text after the colon, one leading space
   * removed as for field values.
   */
  default void onComment(String comment) {}
}
