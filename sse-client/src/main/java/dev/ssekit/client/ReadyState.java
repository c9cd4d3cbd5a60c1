package dev.ssekit.client;

/** The state of an event source, as the browser's {@code EventSource.readyState}. */
public enum ReadyState {
  /** Not yet connected, or waiting to reconnect. */
  CONNECTING,
  /** Connected: a {@code 200 text/event-stream} response is being read. */
  OPEN,
  /** Closed for good: by {@code close()}, a 204, a failure, or a stream end without reconnect. */
  CLOSED
}
