package dev.ssekit.client.internal;

import dev.ssekit.client.EventSourceException;
import dev.ssekit.client.EventSourceException.Reason;
import dev.ssekit.client.ReadyState;
import dev.ssekit.client.internal.ResponsePolicy.Ending;
import dev.ssekit.client.internal.ResponsePolicy.Verdict;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One event stream across all its connections: makes one {@link ConnectionAttempt} after another,
 * each after the right delay and with the right {@code Last-Event-ID}, as its {@link
 * ResponsePolicy} decides, and hands what they read to an {@link Outbox}.
 *
 * <p>Threads: bytes are parsed on the HttpClient's threads; delays and idle checks run on the
 * {@link Shared#timer() shared timer}; {@link #close()} may come from anywhere. State changes take
 * {@link #lock}; no user code runs under it.
 */
public final class StreamEngine {
  private final ClientConfig config;
  private final Outbox outbox;
  private final ResponsePolicy policy;
  private final long healthyNanos;
  private final Object lock = new Object();

  private volatile ReadyState state = ReadyState.CONNECTING;
  private volatile String lastEventId;
  private volatile long retryMillis;

  // Guarded by lock.
  private boolean started;
  private int attempts;
  private int failureStreak;
  private ConnectionAttempt current;
  private ScheduledFuture<?> reconnectTimer;

  /** A stream that will publish to {@code outbox} once {@link #start() started}. */
  public StreamEngine(ClientConfig config, Outbox outbox) {
    this.config = config;
    this.outbox = outbox;
    this.policy = new ResponsePolicy(config);
    this.healthyNanos = config.policy().healthyAfter().toNanos();
    this.lastEventId = config.lastEventId();
    this.retryMillis = config.policy().retry().toMillis();
  }

  /** Makes the first connection attempt; does nothing if already started or closed. */
  public void start() {
    synchronized (lock) {
      if (started || state == ReadyState.CLOSED) {
        return;
      }
      started = true;
    }
    connect();
  }

  /** The state: connecting (also between attempts), open, or closed. */
  public ReadyState state() {
    return state;
  }

  /** The last event ID that the next reconnect sends; {@code ""} for none. */
  public String lastEventId() {
    return lastEventId;
  }

  /**
   * Closes at once: cancels the request or body in flight and any pending reconnect; events read
   * but not yet delivered are dropped. Idempotent.
   */
  public void close() {
    closeWith(null, true);
  }

  /**
   * Drops the current connection, or the wait for the next, and connects again at once with the
   * last event ID; does nothing before {@link #start()} or once closed.
   *
   * @throws IllegalStateException if the stream has no request to reconnect with (a method other
   *     than GET without {@code reconnectWith}), whatever its state
   */
  public void restart() {
    if (config.reconnectRequest() == null) {
      throw new IllegalStateException(
          "restart() would send the "
              + config.method()
              + " request again, which may repeat what it did; to restart this stream, build it"
              + " with reconnectWith(ReconnectRequest.GET) (resume with a GET and Last-Event-ID)"
              + " or reconnectWith(ReconnectRequest.SAME) (send the request again)");
    }
    ConnectionAttempt a;
    synchronized (lock) {
      if (!started || state == ReadyState.CLOSED) {
        return;
      }
      if (reconnectTimer != null) {
        reconnectTimer.cancel(false);
        reconnectTimer = null;
      }
      a = current;
      current = null;
      failureStreak = 0;
    }
    if (a != null) {
      a.abort();
    }
    connect();
  }

  /** Closes after a failure ({@code null} for a quiet end), delivering what was read first. */
  void fail(EventSourceException error) {
    closeWith(error == null ? null : Signal.error(error), false);
  }

  private void closeWith(Signal error, boolean discardPending) {
    ConnectionAttempt a;
    synchronized (lock) {
      if (state == ReadyState.CLOSED) {
        return;
      }
      state = ReadyState.CLOSED;
      if (reconnectTimer != null) {
        reconnectTimer.cancel(false);
        reconnectTimer = null;
      }
      a = current;
      current = null;
    }
    if (a != null) {
      a.abort();
    }
    outbox.terminate(error, discardPending);
  }

  private void connect() {
    ConnectionAttempt a;
    synchronized (lock) {
      if (state == ReadyState.CLOSED) {
        return;
      }
      reconnectTimer = null;
      state = ReadyState.CONNECTING;
      a = new ConnectionAttempt(this, config, policy, outbox, ++attempts);
      current = a;
    }
    HttpRequest request;
    try {
      request = RequestFactory.newRequest(config, a.number(), lastEventId);
    } catch (RuntimeException e) {
      fail(
          EventSourceExceptionAccess.create(
              Reason.REQUEST, 0, false, "could not build the request: " + e.getMessage(), e));
      return;
    }
    a.send(request);
  }

  /** The parser read an {@code id} field. */
  void eventIdSeen(String id) {
    lastEventId = id;
  }

  /** The parser read a {@code retry} field. */
  void retrySeen(long millis) {
    retryMillis = millis;
  }

  /** Whether {@code a}, whose response is a stream, may be read: it is still the current one. */
  boolean attemptOpened(ConnectionAttempt a) {
    synchronized (lock) {
      if (state == ReadyState.CLOSED || current != a || a.isFinished()) {
        return false;
      }
      state = ReadyState.OPEN;
      return true;
    }
  }

  /**
   * An attempt ended other than by a rejected response (its stream ended or broke, it could not
   * connect, or it went idle); reconnects or closes.
   */
  void attemptEnded(ConnectionAttempt a, Ending ending, Throwable cause) {
    long delay;
    synchronized (lock) {
      if (state == ReadyState.CLOSED || current != a) {
        return;
      }
      failureStreak = a.wasOpenFor(healthyNanos) ? 1 : failureStreak + 1;
      delay = nextDelay();
    }
    boolean reconnects = policy.reconnects();
    EventSourceException error = policy.ended(ending, cause, reconnects ? delay : -1);
    if (!reconnects || (error != null && !error.willReconnect())) {
      fail(error);
      return;
    }
    if (error != null) {
      outbox.publish(Signal.error(error));
    }
    scheduleReconnect(delay);
  }

  /**
   * An attempt got a response that is not a stream to read; {@code reason} is the first line of its
   * body when the policy {@link ResponsePolicy#quotesBody quotes} it, else {@code null}.
   */
  void responseRejected(
      ConnectionAttempt a, HttpResponse.ResponseInfo info, Verdict verdict, String reason) {
    if (verdict == Verdict.FAIL) {
      synchronized (lock) {
        if (current != a) {
          return;
        }
      }
      fail(policy.failure(info, reason));
      return;
    }
    long delay;
    synchronized (lock) {
      if (state == ReadyState.CLOSED || current != a) {
        return;
      }
      failureStreak++;
      delay = nextDelay();
    }
    delay = policy.retryDelayMillis(info, delay);
    outbox.publish(Signal.error(policy.retrying(info, delay)));
    scheduleReconnect(delay);
  }

  /** The stream's end sentinel arrived on {@code a}: close cleanly, after what was read. */
  void sentinelSeen(ConnectionAttempt a) {
    synchronized (lock) {
      if (current != a) {
        return;
      }
    }
    fail(null);
  }

  /** The delay for the current failure streak; call with {@link #lock} held. */
  private long nextDelay() {
    return Backoff.delayMillis(
        retryMillis,
        failureStreak,
        config.policy().maxDelay().toMillis(),
        ThreadLocalRandom.current().nextDouble());
  }

  private void scheduleReconnect(long delayMillis) {
    synchronized (lock) {
      if (state == ReadyState.CLOSED) {
        return;
      }
      state = ReadyState.CONNECTING;
      current = null;
      reconnectTimer = Shared.timer().schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
    }
  }
}
