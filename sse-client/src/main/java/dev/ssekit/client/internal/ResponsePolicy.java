package dev.ssekit.client.internal;

import dev.ssekit.client.EventSourceException;
import dev.ssekit.client.EventSourceException.Reason;
import dev.ssekit.client.ReconnectPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * What a stream does with each response and with each end of a connection, and the error it
 * reports: the browser's rules (read a 200 {@code text/event-stream}; fail on any other status, 204
 * and redirects that could not be followed included, or content type; reconnect after a network
 * error, a timeout or an ordinary end) plus the configured {@link ReconnectPolicy} (no reconnects
 * at all, or retrying 5xx and 429).
 */
final class ResponsePolicy {
  /** What to do with a response. */
  enum Verdict {
    /** A stream: read it. */
    READ,
    /** Close with {@link #failure}. */
    FAIL,
    /** Report {@link #retrying} and connect again after {@link #retryDelayMillis}. */
    RETRY
  }

  /** How a connection attempt ended, other than by its response being judged. */
  enum Ending {
    /** The server ended the body. */
    ENDED,
    /** The connection could not be made or broke, or a redirect could not be followed. */
    NETWORK,
    /** The response headers did not arrive within the response timeout. */
    RESPONSE_TIMEOUT,
    /** The open stream's {@link IdleWatchdog} fired. */
    IDLE
  }

  /** The JDK HttpClient's message (17 to 25) for a redirect without a {@code Location}. */
  private static final String INVALID_REDIRECTION = "Invalid redirection";

  /** The JDK HttpClient's class (17 to 25) that follows redirects. */
  private static final String REDIRECT_FILTER = "jdk.internal.net.http.RedirectFilter";

  /** The JDK HttpClient's message (17 to 25) for a request beyond an HTTP/2 connection's limit. */
  private static final String TOO_MANY_STREAMS = "too many concurrent streams";

  private final URI uri;
  private final boolean defaultClients;
  private final ReconnectPolicy policy;
  private final boolean reconnects;
  private final Duration responseTimeout;
  private final Duration idleTimeout;

  ResponsePolicy(ClientConfig config) {
    this.uri = config.uri();
    this.defaultClients = config.defaults() != null;
    this.policy = config.policy();
    this.reconnects = config.policy().reconnect() && config.reconnectRequest() != null;
    this.responseTimeout = config.responseTimeout();
    this.idleTimeout = config.idleTimeout();
  }

  /** Whether the stream connects again after a connection ends (other than by {@link #judge}). */
  boolean reconnects() {
    return reconnects;
  }

  /** What to do with a response, judged by its status and content type. */
  Verdict judge(HttpResponse.ResponseInfo info) {
    int status = info.statusCode();
    if (status == 200) {
      return isEventStream(info) ? Verdict.READ : Verdict.FAIL;
    }
    boolean retryable = (status >= 500 && status <= 599) || status == 429;
    return retryable && reconnects && policy.retryServerErrors() ? Verdict.RETRY : Verdict.FAIL;
  }

  /**
   * Whether the final error for a {@link Verdict#FAIL} response should quote its body: a 4xx or 5xx
   * with a plain-text body, whose first line is usually the server's reason.
   */
  boolean quotesBody(HttpResponse.ResponseInfo info) {
    int status = info.statusCode();
    return status >= 400
        && mediaType(info).equals("text/plain")
        && !info.headers().firstValue("Content-Length").orElse("").equals("0");
  }

  /**
   * The final error for a response judged {@link Verdict#FAIL}, quoting {@code reason} (the first
   * line of its body, or {@code null}).
   */
  EventSourceException failure(HttpResponse.ResponseInfo info, String reason) {
    int status = info.statusCode();
    if (status == 200) {
      String type = info.headers().firstValue("Content-Type").orElse("(none)");
      return EventSourceExceptionAccess.create(
          Reason.CONTENT_TYPE,
          status,
          false,
          "HTTP " + status + " with Content-Type " + type + ", expected text/event-stream: " + uri,
          null);
    }
    if (status == 204) {
      return EventSourceExceptionAccess.create(
          Reason.NO_CONTENT, status, false, "HTTP 204 No Content, the server's stop: " + uri, null);
    }
    if (isRedirect(status)) {
      String location = info.headers().firstValue("Location").orElse("(none)");
      return EventSourceExceptionAccess.create(
          Reason.REDIRECT,
          status,
          false,
          "HTTP " + status + " redirect not followed (Location: " + location + "): " + uri,
          null);
    }
    String quoted = reason == null || reason.isBlank() ? "" : ": " + reason.strip();
    return EventSourceExceptionAccess.create(
        Reason.HTTP_STATUS, status, false, "HTTP " + status + quoted + " (" + uri + ")", null);
  }

  /** The delay before retrying a {@link Verdict#RETRY} response: the backoff or its Retry-After. */
  long retryDelayMillis(HttpResponse.ResponseInfo info, long backoffMillis) {
    return Math.max(backoffMillis, Backoff.retryAfterMillis(info.headers(), Instant.now()));
  }

  /** The passing error for a {@link Verdict#RETRY} response retried after {@code delayMillis}. */
  EventSourceException retrying(HttpResponse.ResponseInfo info, long delayMillis) {
    int status = info.statusCode();
    return EventSourceExceptionAccess.reconnecting(
        Reason.HTTP_STATUS, status, delayMillis, "HTTP " + status + " (" + uri + ")", null);
  }

  /**
   * The error to report when a connection ends, or {@code null} for an ordinary end that is
   * followed by a reconnect. {@code delayMillis} is the delay before that reconnect, or negative
   * when the stream does not reconnect.
   */
  EventSourceException ended(Ending ending, Throwable cause, long delayMillis) {
    Reason reason;
    String message;
    switch (ending) {
      case NETWORK:
        Throwable root = unwrap(cause);
        if (isRedirectFailure(root)) {
          // The HttpClient could not follow a redirect: it will not work next time either.
          return EventSourceExceptionAccess.create(
              Reason.REDIRECT,
              0,
              false,
              "redirect not followed (" + describe(root) + "): " + uri,
              root);
        }
        reason =
            root instanceof HttpConnectTimeoutException ? Reason.CONNECT_TIMEOUT : Reason.NETWORK;
        message = networkMessage(root);
        cause = root;
        break;
      case RESPONSE_TIMEOUT:
        reason = Reason.RESPONSE_TIMEOUT;
        message = "no response within " + responseTimeout.toMillis() + " ms: " + uri;
        break;
      case IDLE:
        reason = Reason.IDLE_TIMEOUT;
        message = "no data for " + idleTimeout.toMillis() + " ms: " + uri;
        break;
      default:
        return null;
    }
    return delayMillis < 0
        ? EventSourceExceptionAccess.create(reason, 0, false, message, cause)
        : EventSourceExceptionAccess.reconnecting(reason, 0, delayMillis, message, cause);
  }

  /** What went wrong on the network, in words a person can act on, with the URL. */
  private String networkMessage(Throwable t) {
    Throwable c = t.getCause();
    if (t instanceof HttpConnectTimeoutException) {
      return "connect timed out: " + uri;
    }
    if (t instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
      return "unknown host " + uri.getHost() + ": " + uri;
    }
    if (t instanceof ConnectException) {
      // The JDK (17 to 25) reports a refused connection as a ConnectException with no message over
      // a ClosedChannelException; other reasons come with their own message.
      String m = t.getMessage();
      return m == null || m.toLowerCase(Locale.ROOT).contains("refused")
          ? "connection refused: " + uri
          : "could not connect (" + m + "): " + uri;
    }
    if (isTooManyStreams(t)) {
      // The JDK opens one HTTP/2 connection per origin and client, and refuses a request beyond
      // the server's limit on it rather than opening a second connection. The default clients
      // reach this only once all of them are full.
      String where =
          defaultClients
              ? " on all "
                  + DefaultClients.MAX
                  + " default HttpClients' connections to this origin; spread further streams over"
                  + " HttpClients of your own"
              : ", and one HttpClient holds one connection per origin; spread the streams over"
                  + " several HttpClients";
      return "too many concurrent streams: the server's limit per HTTP/2 connection is reached"
          + where
          + " (see \"Many streams\" in the sse-client docs): "
          + uri;
    }
    for (Throwable s = t; s != null; s = s.getCause()) {
      if (s instanceof SSLException) {
        return "TLS failure (" + describe(s) + "): " + uri;
      }
    }
    return "connection lost (" + describe(t) + "): " + uri;
  }

  /**
   * Whether {@code cause} is the JDK HttpClient's refusal of a request beyond the server's limit of
   * concurrent streams on its HTTP/2 connection, which it makes before sending anything.
   */
  static boolean isTooManyStreams(Throwable cause) {
    Throwable t = unwrap(cause);
    return t instanceof IOException && TOO_MANY_STREAMS.equals(t.getMessage());
  }

  /**
   * The HttpClient's way (JDK 17 to 25) of saying a redirect could not be followed: a missing
   * {@code Location} is an {@code IOException("Invalid redirection")}, one that is not a URI an
   * IllegalArgumentException thrown by its redirect filter. (Too many hops, or a scheme its policy
   * refuses, hand over the last redirect response instead, which {@link #failure} reports.)
   */
  private static boolean isRedirectFailure(Throwable t) {
    if (t instanceof IOException) {
      return INVALID_REDIRECTION.equals(t.getMessage());
    }
    if (t instanceof IllegalArgumentException) {
      for (StackTraceElement frame : t.getStackTrace()) {
        if (frame.getClassName().equals(REDIRECT_FILTER)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The statuses that redirect (304 Not Modified and 300 Multiple Choices do not). */
  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException
            || t instanceof ExecutionException
            || t instanceof UncheckedIOException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean isEventStream(HttpResponse.ResponseInfo info) {
    return mediaType(info).equals("text/event-stream");
  }

  private static String mediaType(HttpResponse.ResponseInfo info) {
    String type = info.headers().firstValue("Content-Type").orElse("");
    int semi = type.indexOf(';');
    return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  private static String describe(Throwable t) {
    if (t == null) {
      return "unknown";
    }
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
