package dev.ssekit.core;

import java.nio.ByteBuffer;

/**
 * CONTRACT STUB — to be implemented (wire helper). Incremental, push-based parser of the WHATWG
 * {@code text/event-stream} format. Feed byte chunks of any size; the handler receives events,
 * last-event-id and retry changes and comments, in order, on the feeding thread. Not thread-safe.
 */
public final class EventStreamParser {
  public EventStreamParser(EventStreamHandler handler) {
    this(handler, SseLimits.DEFAULT);
  }

  public EventStreamParser(EventStreamHandler handler, SseLimits limits) {}

  /**
   * Interprets {@code len} bytes of {@code chunk} from {@code off}.
   *
   * @throws SseLimitExceededException when a line or event exceeds the limits; the parser is then
   *     closed and throws again on further input
   */
  public void feed(byte[] chunk, int off, int len) {}

  /** Interprets the remaining bytes of {@code chunk}, consuming them. */
  public void feed(ByteBuffer chunk) {}

  /** The stream ended: an event not yet ended by a blank line is discarded, as the spec says. */
  public void end() {}

  /** Forgets all per-connection state (buffers, BOM check) for a new connection. */
  public void reset() {}

  /** The last event ID set by the stream so far; {@code ""} when none. */
  public String lastEventId() {
    return "";
  }
}
