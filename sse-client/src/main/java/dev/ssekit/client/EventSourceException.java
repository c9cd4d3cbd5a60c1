package dev.ssekit.client;

import dev.ssekit.client.internal.EventSourceExceptionAccess;
import java.time.Duration;

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
    /**
     * The server answered with a status other than 200, 204 and a redirect; {@link #statusCode()}
     * says which. For a 4xx or 5xx with a {@code text/plain} body, the message ends with the body's
     * first line (at most 200 characters), the server's reason.
     */
    HTTP_STATUS,
    /**
     * The server answered 204 No Content: its way of saying "stop". As in the browser, the source
     * closes for good. An {@link EventStream} ends without throwing it (see {@link
     * EventStream#closeCause()}); a Flow subscriber completes.
     */
    NO_CONTENT,
    /**
     * A redirect that cannot be followed: a 301, 302, 303, 307 or 308 without a usable {@code
     * Location}, more hops than the HttpClient follows, or one its redirect policy refuses (such as
     * https to http). As in the browser, the source closes for good. The message names the {@code
     * Location} when there is one: {@code HTTP 302 redirect not followed (Location: /again):
     * http://…}, or {@code redirect not followed (IOException: Invalid redirection): http://…} when
     * the HttpClient could not read it (then {@link #statusCode()} is 0).
     */
    REDIRECT,
    /** The response was not {@code text/event-stream}. */
    CONTENT_TYPE,
    /**
     * A line or event exceeded the configured {@link dev.ssekit.core.SseLimits}, or the heap could
     * not hold an event within them.
     */
    LIMIT_EXCEEDED,
    /**
     * The connection could not be made or broke. The message says which, with the URL, for example
     * {@code connection refused: http://…}, {@code could not connect (…): http://…}, {@code unknown
     * host example.com: http://example.com/…}, {@code TLS failure (SSLHandshakeException: …):
     * https://…}, {@code too many concurrent streams: … several HttpClients …: https://…} (over
     * HTTP/2, beyond the server's limit per connection) or {@code connection lost (…): http://…}.
     */
    NETWORK,
    /** The connection (TCP and TLS) was not made within the HttpClient's connect timeout. */
    CONNECT_TIMEOUT,
    /**
     * The response headers did not arrive within the response timeout, counted from when the
     * request was handed to the HttpClient, connecting included (see {@link
     * EventSource.Builder#responseTimeout}).
     */
    RESPONSE_TIMEOUT,
    /** An open stream delivered no bytes, heartbeats included, within the idle timeout. */
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
  private final Duration retryDelay;

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
              Duration retryDelay,
              String message,
              Throwable cause) {
            return new EventSourceException(
                reason, statusCode, willReconnect, retryDelay, message, cause);
          }
        });
  }

  EventSourceException(
      Reason reason,
      int statusCode,
      boolean willReconnect,
      Duration retryDelay,
      String message,
      Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.statusCode = statusCode;
    this.willReconnect = willReconnect;
    this.retryDelay = retryDelay;
  }

  /** What went wrong. */
  public Reason reason() {
    return reason;
  }

  /**
   * The HTTP status for {@link Reason#HTTP_STATUS}, {@link Reason#NO_CONTENT} and {@link
   * Reason#CONTENT_TYPE}. For {@link Reason#REDIRECT}, the redirect's status when the HttpClient
   * handed the redirect over without following it (too many hops, a scheme its policy refuses), but
   * 0 when it failed on the {@code Location} itself (missing or unreadable) and so never gave the
   * status. Else 0.
   */
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

  /**
   * When the source reconnects after this error: the delay before the next attempt (the retry time,
   * backed off, or the server's {@code Retry-After}). {@link Duration#ZERO} for errors after which
   * the same connection goes on or the source is closed.
   */
  public Duration retryDelay() {
    return retryDelay;
  }
}
