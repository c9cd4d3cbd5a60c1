package dev.ssekit.client;

import dev.ssekit.client.internal.EventSourceExceptionAccess;

/**
 * Why an event source reported an error. {@link #reason()} says what went wrong and {@link
 * #willReconnect()} whether the source is trying again or has closed. Only the client creates
 * these; applications receive them in error listeners, from {@link EventStream} and as a Flow
 * subscriber's {@code onError}.
 */
public final class EventSourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** The server answered with a status other than 200 (and other than 204, which just closes). */
    HTTP_STATUS,
    /** The response was not {@code text/event-stream}. */
    CONTENT_TYPE,
    /**
     * A line or event exceeded the configured {@link dev.ssekit.core.SseLimits}, or the heap could
     * not hold an event within them.
     */
    LIMIT_EXCEEDED,
    /** The connection could not be made or broke. */
    NETWORK,
    /** No bytes, heartbeats included, arrived within the idle timeout. */
    IDLE_TIMEOUT,
    /** The request customizer threw, so no request could be sent. */
    REQUEST,
    /** A listener threw; the stream goes on. */
    LISTENER,
    /** An event's data could not be decoded into its typed listener's class; the stream goes on. */
    DECODE
  }

  private final Reason reason;
  private final int statusCode;
  private final boolean willReconnect;

  static {
    // Only the client creates these, so the constructor is not public; the engine and the typed
    // listeners in the client's internal package reach it through this registration.
    EventSourceExceptionAccess.register(
        new EventSourceExceptionAccess() {
          @Override
          protected EventSourceException newException(
              Reason reason,
              int statusCode,
              boolean willReconnect,
              String message,
              Throwable cause) {
            return new EventSourceException(reason, statusCode, willReconnect, message, cause);
          }
        });
  }

  EventSourceException(
      Reason reason, int statusCode, boolean willReconnect, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.statusCode = statusCode;
    this.willReconnect = willReconnect;
  }

  /** What went wrong. */
  public Reason reason() {
    return reason;
  }

  /** The HTTP status for {@link Reason#HTTP_STATUS} (and {@link Reason#CONTENT_TYPE}), else 0. */
  public int statusCode() {
    return statusCode;
  }

  /**
   * True when the stream goes on: the source reconnects, or (for {@link Reason#LISTENER} and {@link
   * Reason#DECODE}) keeps reading the same connection. False when the source is now closed.
   */
  public boolean willReconnect() {
    return willReconnect;
  }
}
