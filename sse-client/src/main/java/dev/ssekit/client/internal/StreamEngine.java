package dev.ssekit.client.internal;

import dev.ssekit.client.EventSourceException;
import dev.ssekit.client.EventSourceException.Reason;
import dev.ssekit.client.ReadyState;
import dev.ssekit.client.internal.ResponsePolicy.Ending;
import dev.ssekit.client.internal.ResponsePolicy.Verdict;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One event stream across all its connections: makes one {@link ConnectionAttempt} after another,
 * each after the right delay and with the right {@code Last-Event-ID}, as its {@link
 * ResponsePolicy} decides, and hands what they read to an {@link Outbox}.
 *
 * <p>Threads: bytes are parsed on the HttpClient's threads; delays and idle checks run on the
 * {@link Shared#timer() shared timer}; {@link #close()} and {@link #restart()} may come from
 * anywhere, a listener included. State changes take {@link #lock}; no user code runs under it.
 *
 * <p>Only the current attempt counts: whatever an attempt reports once {@link #restart()} or {@link
 * #close()} replaced it (a read it was still parsing, its failure) is checked under the lock and
 * dropped, so it can neither deliver events, move the last event ID, schedule a reconnect nor close
 * the stream. Each connect has a generation, so that a reconnect timer that fires as {@code
 * restart()} cancels it does not connect a second time.
 *
 * <p>On the {@link DefaultClients default HttpClients}, an attempt that the JDK refuses because its
 * HTTP/2 connection to the origin holds as many streams as the server allows sends the same request
 * again at once on the next default client, as the same attempt: the request never left the JVM, so
 * this is neither a failure nor a reconnect. A user's HttpClient is never multiplied.
 */
public final class StreamEngine {
  private final ClientConfig config;
  private final DefaultClients defaults;
  private final Outbox outbox;
  private final ResponsePolicy policy;
  private final long healthyNanos;
  private final Object lock = new Object();

  private volatile ReadyState state = ReadyState.CONNECTING;
  private volatile String lastEventId;

  // Guarded by lock.
  private long retryMillis;
  private boolean started;
  private int attempts;
  private int failureStreak;
  // The connect allowed to run: bumped by restart() and by each scheduled reconnect.
  private long generation;
  private ConnectionAttempt current;
  private ScheduledFuture<?> reconnectTimer;

  /** A stream that will publish to {@code outbox} once {@link #start() started}. */
  public StreamEngine(ClientConfig config, Outbox outbox) {
    this.config = config;
    this.defaults = config.defaults();
    this.outbox = outbox;
    this.policy = new ResponsePolicy(config);
    this.healthyNanos = config.policy().healthyAfter().toNanos();
    this.lastEventId = config.lastEventId();
    this.retryMillis = config.policy().retry().toMillis();
  }

  /** Makes the first connection attempt; does nothing if already started or closed. */
  public void start() {
    long gen;
    synchronized (lock) {
      if (started || state == ReadyState.CLOSED) {
        return;
      }
      started = true;
      gen = generation;
    }
    connect(gen);
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
    closeWith(null, null, true);
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
    long gen;
    synchronized (lock) {
      if (!started || state == ReadyState.CLOSED) {
        return;
      }
      cancelReconnectTimer();
      a = current;
      current = null;
      failureStreak = 0;
      gen = ++generation;
    }
    if (a != null) {
      a.abort();
      released(a);
    }
    connect(gen);
  }

  /**
   * Closes after a failure of {@code a} ({@code null} for a quiet end), delivering what was read
   * first; does nothing if {@code a} is no longer the current attempt.
   */
  void fail(ConnectionAttempt a, EventSourceException error) {
    closeWith(a, error == null ? null : Signal.error(error), false);
  }

  /** Closes; when {@code from} is not {@code null}, only if it is still the current attempt. */
  private void closeWith(ConnectionAttempt from, Signal error, boolean discardPending) {
    ConnectionAttempt a;
    synchronized (lock) {
      if (state == ReadyState.CLOSED || (from != null && current != from)) {
        return;
      }
      state = ReadyState.CLOSED;
      cancelReconnectTimer();
      a = current;
      current = null;
    }
    if (a != null) {
      a.abort();
      released(a);
    }
    outbox.terminate(error, discardPending);
  }

  /** Connects, unless a restart or close came since generation {@code expected} was handed out. */
  private void connect(long expected) {
    ConnectionAttempt a;
    String id;
    synchronized (lock) {
      if (state == ReadyState.CLOSED || generation != expected) {
        return;
      }
      reconnectTimer = null;
      state = ReadyState.CONNECTING;
      id = lastEventId;
      a = new ConnectionAttempt(this, config, policy, outbox, ++attempts, id);
      current = a;
    }
    HttpRequest request;
    try {
      request = RequestFactory.newRequest(config, a.number(), id);
    } catch (RuntimeException e) {
      fail(
          a,
          EventSourceExceptionAccess.create(
              Reason.REQUEST, 0, false, "could not build the request: " + e.getMessage(), e));
      return;
    }
    int index = defaults == null ? -1 : defaults.first(request.uri());
    a.send(request, index < 0 ? config.client() : defaults.get(index), index);
  }

  /**
   * Whether {@code a}, whose response is a stream, may be read: it is still the current one. If so,
   * its {@code open} signal is queued.
   */
  boolean attemptOpened(ConnectionAttempt a, HttpResponse.ResponseInfo info) {
    Runnable deliver;
    synchronized (lock) {
      if (current != a || a.isFinished()) {
        return false;
      }
      state = ReadyState.OPEN;
      deliver = outbox.enqueue(List.of(Signal.open(info)), null);
    }
    deliver.run();
    return true;
  }

  /**
   * Delivers what {@code a} read, with the last event ID and retry time ({@code -1}: unchanged) as
   * of the end of that read, and runs {@code resume} once it has been taken; does nothing (and
   * never runs {@code resume}) if {@code a} is no longer the current attempt.
   */
  void attemptRead(
      ConnectionAttempt a, List<Signal> read, String readLastEventId, long retry, Runnable resume) {
    Runnable deliver;
    synchronized (lock) {
      if (current != a) {
        return;
      }
      lastEventId = readLastEventId;
      if (retry >= 0) {
        retryMillis = retry;
      }
      deliver = outbox.enqueue(read, resume);
    }
    deliver.run();
  }

  /**
   * An attempt ended other than by a rejected response (its stream ended or broke, it could not
   * connect, or it went idle); reconnects or closes.
   */
  void attemptEnded(ConnectionAttempt a, Ending ending, Throwable cause) {
    if (defaults != null && ResponsePolicy.isTooManyStreams(cause)) {
      if (movedToNextClient(a)) {
        return;
      }
    } else {
      released(a);
    }
    boolean reconnects = policy.reconnects();
    EventSourceException error;
    Runnable deliver;
    synchronized (lock) {
      if (current != a) {
        return;
      }
      failureStreak = a.wasOpenFor(healthyNanos) ? 1 : failureStreak + 1;
      long delay = nextDelay();
      error = policy.ended(ending, cause, reconnects ? delay : -1);
      deliver =
          reconnects && (error == null || error.willReconnect())
              ? reconnectLater(error, delay)
              : null;
    }
    if (deliver == null) {
      fail(a, error);
    } else {
      deliver.run();
    }
  }

  /**
   * An attempt got a response that is not a stream to read; {@code reason} is the first line of its
   * body when the policy {@link ResponsePolicy#quotesBody quotes} it, else {@code null}.
   */
  void responseRejected(
      ConnectionAttempt a, HttpResponse.ResponseInfo info, Verdict verdict, String reason) {
    released(a);
    if (verdict == Verdict.FAIL) {
      fail(a, policy.failure(info, reason));
      return;
    }
    Runnable deliver;
    synchronized (lock) {
      if (current != a) {
        return;
      }
      failureStreak++;
      long delay = policy.retryDelayMillis(info, nextDelay());
      deliver = reconnectLater(policy.retrying(info, delay), delay);
    }
    deliver.run();
  }

  /** The stream's end sentinel arrived on {@code a}: close cleanly, after what was read. */
  void sentinelSeen(ConnectionAttempt a) {
    fail(a, null);
  }

  /**
   * Sends the request of {@code a}, which a default client refused for too many streams, on the
   * next default client, as the same attempt with the same last event ID; {@code false} when {@code
   * a} was on the last of them, so the refusal stands. Nothing happens (and {@code true} is
   * returned) if {@code a} is no longer the current attempt.
   */
  private boolean movedToNextClient(ConnectionAttempt a) {
    ConnectionAttempt moved;
    int next;
    synchronized (lock) {
      if (current != a) {
        return true;
      }
      next = defaults.refused(a.request().uri(), a.clientIndex());
      if (next < 0) {
        return false;
      }
      moved = new ConnectionAttempt(this, config, policy, outbox, a.number(), lastEventId);
      current = moved;
    }
    moved.send(a.request(), defaults.get(next), next);
    return true;
  }

  /** Tells the default clients that {@code a}'s stream, if it had one, ended. */
  private void released(ConnectionAttempt a) {
    if (defaults != null && a.request() != null) {
      defaults.released(a.request().uri(), a.clientIndex());
    }
  }

  /** The delay for the current failure streak; call with {@link #lock} held. */
  private long nextDelay() {
    return Backoff.delayMillis(
        retryMillis,
        failureStreak,
        config.policy().maxDelay().toMillis(),
        ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Queues {@code error} (if not {@code null}) and schedules the next connect; call with {@link
   * #lock} held, and run what it returns once the lock is released.
   */
  private Runnable reconnectLater(EventSourceException error, long delayMillis) {
    state = ReadyState.CONNECTING;
    current = null;
    long gen = ++generation;
    reconnectTimer =
        Shared.timer().schedule(() -> connect(gen), delayMillis, TimeUnit.MILLISECONDS);
    return error == null ? Outbox.NOTHING : outbox.enqueue(List.of(Signal.error(error)), null);
  }

  /** Call with {@link #lock} held. */
  private void cancelReconnectTimer() {
    if (reconnectTimer != null) {
      reconnectTimer.cancel(false);
      reconnectTimer = null;
    }
  }
}
