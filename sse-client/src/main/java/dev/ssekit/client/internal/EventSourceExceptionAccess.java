package dev.ssekit.client.internal;

import dev.ssekit.client.EventSourceException;
import dev.ssekit.client.EventSourceException.Reason;
import java.time.Duration;

/**
 * How this package creates {@link EventSourceException}s. Only the client reports them, so their
 * constructor is not part of the public API; yet the stream engine and the typed listeners, which
 * report most of them, live here. {@code EventSourceException} registers the one implementation
 * when it is initialised, as core's {@code JsonWriterAccess} does for the JSON writer.
 */
public abstract class EventSourceExceptionAccess {
  private static volatile EventSourceExceptionAccess instance;

  /**
   * Called once, by {@code EventSourceException}'s static initialiser.
   *
   * @throws IllegalStateException if an implementation is already registered
   */
  public static synchronized void register(EventSourceExceptionAccess access) {
    if (instance != null) {
      throw new IllegalStateException("EventSourceExceptionAccess is registered already");
    }
    instance = access;
  }

  /**
   * A new exception, as the client reports them to its users.
   *
   * @param reason what went wrong
   * @param statusCode the HTTP status for {@link Reason#HTTP_STATUS} and {@link
   *     Reason#CONTENT_TYPE}, otherwise 0
   * @param willReconnect whether the stream goes on
   * @param message what happened, for people
   * @param cause the underlying exception, or {@code null}
   */
  public static EventSourceException create(
      Reason reason, int statusCode, boolean willReconnect, String message, Throwable cause) {
    return get().newException(reason, statusCode, willReconnect, Duration.ZERO, message, cause);
  }

  /** A new exception for an error after which the source reconnects in {@code delayMillis}. */
  static EventSourceException reconnecting(
      Reason reason, int statusCode, long delayMillis, String message, Throwable cause) {
    return get()
        .newException(
            reason,
            statusCode,
            true,
            Duration.ofMillis(delayMillis),
            message + ", retrying in " + delayMillis + " ms",
            cause);
  }

  private static EventSourceExceptionAccess get() {
    EventSourceExceptionAccess access = instance;
    if (access == null) {
      try {
        Class.forName(
            EventSourceException.class.getName(),
            true,
            EventSourceException.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
      access = instance;
    }
    return access;
  }

  /** Calls the exception's constructor, which only its own package can reach. */
  protected abstract EventSourceException newException(
      Reason reason,
      int statusCode,
      boolean willReconnect,
      Duration retryDelay,
      String message,
      Throwable cause);
}
