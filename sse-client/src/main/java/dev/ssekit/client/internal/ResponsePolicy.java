package dev.ssekit.client.internal;

import dev.ssekit.client.EventSourceException;
import dev.ssekit.client.EventSourceException.Reason;
import dev.ssekit.client.ReconnectPolicy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/**
 * What a stream does with each response and with each end of a connection, and the error it
 * reports: the browser's rules (read a 200 {@code text/event-stream}; stop quietly on 204; fail on
 * any other status or content type; reconnect after a network error, an idle timeout or an ordinary
 * end) plus the configured {@link ReconnectPolicy} (no reconnects at all, or retrying 5xx and 429).
 */
final class ResponsePolicy {
  /** What to do with a response. */
  enum Verdict {
    /** A stream: read it. */
    READ,
    /** 204, the server's way of saying "stop": close without an error. */
    STOP,
    /** Close with {@link #failure}. */
    FAIL,
    /** Report {@link #retrying} and connect again after {@link #retryDelayMillis}. */
    RETRY
  }

  /** How a connection that was read ended. */
  enum Ending {
    /** The server ended the body. */
    ENDED,
    /** The connection could not be made or broke. */
    NETWORK,
    /** The {@link IdleWatchdog} fired. */
    IDLE
  }

  private final ReconnectPolicy policy;
  private final Duration idleTimeout;

  ResponsePolicy(ReconnectPolicy policy, Duration idleTimeout) {
    this.policy = policy;
    this.idleTimeout = idleTimeout;
  }

  /** Whether the stream connects again after a connection ends (other than by {@link #judge}). */
  boolean reconnects() {
    return policy.reconnect();
  }

  /** What to do with a response, judged by its status and content type. */
  Verdict judge(HttpResponse.ResponseInfo info) {
    int status = info.statusCode();
    if (status == 200) {
      return isEventStream(info) ? Verdict.READ : Verdict.FAIL;
    }
    if (status == 204) {
      return Verdict.STOP;
    }
    boolean retryable = (status >= 500 && status <= 599) || status == 429;
    return retryable && policy.reconnect() && policy.retryServerErrors()
        ? Verdict.RETRY
        : Verdict.FAIL;
  }

  /** The final error for a response judged {@link Verdict#FAIL}. */
  EventSourceException failure(HttpResponse.ResponseInfo info) {
    int status = info.statusCode();
    if (status == 200) {
      String type = info.headers().firstValue("Content-Type").orElse("(none)");
      return EventSourceExceptionAccess.create(
          Reason.CONTENT_TYPE,
          status,
          false,
          "HTTP " + status + " with Content-Type " + type + ", expected text/event-stream",
          null);
    }
    return EventSourceExceptionAccess.create(
        Reason.HTTP_STATUS, status, false, "HTTP " + status, null);
  }

  /** The delay before retrying a {@link Verdict#RETRY} response: the backoff or its Retry-After. */
  long retryDelayMillis(HttpResponse.ResponseInfo info, long backoffMillis) {
    return Math.max(backoffMillis, Backoff.retryAfterMillis(info.headers(), Instant.now()));
  }

  /** The passing error for a {@link Verdict#RETRY} response retried after {@code delayMillis}. */
  EventSourceException retrying(HttpResponse.ResponseInfo info, long delayMillis) {
    int status = info.statusCode();
    return EventSourceExceptionAccess.create(
        Reason.HTTP_STATUS,
        status,
        true,
        "HTTP " + status + ", retrying in " + delayMillis + " ms",
        null);
  }

  /**
   * The error to report when a connection ends, or {@code null} for an ordinary end; it says
   * whether the stream {@link #reconnects()}.
   */
  EventSourceException ended(Ending ending, Throwable cause) {
    switch (ending) {
      case NETWORK:
        return EventSourceExceptionAccess.create(
            Reason.NETWORK, 0, reconnects(), "network error: " + describe(cause), cause);
      case IDLE:
        return EventSourceExceptionAccess.create(
            Reason.IDLE_TIMEOUT,
            0,
            reconnects(),
            "no data for " + idleTimeout.toMillis() + " ms",
            null);
      default:
        return null;
    }
  }

  private static boolean isEventStream(HttpResponse.ResponseInfo info) {
    String type = info.headers().firstValue("Content-Type").orElse("");
    int semi = type.indexOf(';');
    String media = (semi < 0 ? type : type.substring(0, semi)).trim();
    return media.toLowerCase(Locale.ROOT).equals("text/event-stream");
  }

  private static String describe(Throwable t) {
    if (t == null) {
      return "unknown";
    }
    while (t.getCause() != null && (t instanceof CompletionException || t.getMessage() == null)) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
