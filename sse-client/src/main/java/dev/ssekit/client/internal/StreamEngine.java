package dev.ssekit.client.internal;

import dev.ssekit.client.EventSourceException;
import dev.ssekit.client.EventSourceException.Reason;
import dev.ssekit.client.ReadyState;
import dev.ssekit.core.EventStreamHandler;
import dev.ssekit.core.EventStreamParser;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseLimitExceededException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One event stream across all its connections: connects, reads the body without a thread of its
 * own, reconnects with the right delay and {@code Last-Event-ID}, and hands what it reads to an
 * {@link Outbox}.
 *
 * <p>Threads: bytes are parsed on the HttpClient's threads; delays and idle checks run on the
 * {@link Shared#timer() shared timer}; {@link #close()} may come from anywhere. State changes take
 * {@link #lock}; no user code runs under it.
 */
public final class StreamEngine {
  private enum Outcome {
    ENDED,
    NETWORK,
    IDLE
  }

  private final ClientConfig config;
  private final Outbox outbox;
  private final long idleNanos;
  private final long healthyNanos;
  private final Object lock = new Object();

  private volatile ReadyState state = ReadyState.CONNECTING;
  private volatile String lastEventId;
  private volatile long retryMillis;

  // Guarded by lock.
  private boolean started;
  private int attempts;
  private int failureStreak;
  private Attempt current;
  private ScheduledFuture<?> reconnectTimer;

  /** A stream that will publish to {@code outbox} once {@link #start() started}. */
  public StreamEngine(ClientConfig config, Outbox outbox) {
    this.config = config;
    this.outbox = outbox;
    this.idleNanos = config.idleTimeout().toNanos();
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

  /** Closes after a failure ({@code null} for a quiet end), delivering what was read first. */
  private void fail(EventSourceException error) {
    closeWith(error == null ? null : Signal.error(error), false);
  }

  private void closeWith(Signal error, boolean discardPending) {
    Attempt a;
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
    Attempt a;
    synchronized (lock) {
      if (state == ReadyState.CLOSED) {
        return;
      }
      reconnectTimer = null;
      state = ReadyState.CONNECTING;
      a = new Attempt(++attempts);
      current = a;
    }
    HttpRequest request;
    try {
      request = buildRequest(a.number);
    } catch (RuntimeException e) {
      fail(
          EventSourceExceptionAccess.create(
              Reason.REQUEST, 0, false, "could not build the request: " + e.getMessage(), e));
      return;
    }
    a.send(request);
  }

  private HttpRequest buildRequest(int attempt) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(config.uri()).method(config.method(), config.body());
    if ("http".equalsIgnoreCase(config.uri().getScheme())) {
      // On cleartext the JDK would try an h2c upgrade, which some servers (Grizzly among them)
      // answer with a broken response; over TLS, HTTP/2 is negotiated safely by ALPN.
      b.version(HttpClient.Version.HTTP_1_1);
    }
    boolean accept = false;
    boolean cacheControl = false;
    for (Map.Entry<String, String> h : config.headers()) {
      b.header(h.getKey(), h.getValue());
      accept |= h.getKey().equalsIgnoreCase("Accept");
      cacheControl |= h.getKey().equalsIgnoreCase("Cache-Control");
    }
    if (!accept) {
      b.header("Accept", "text/event-stream");
    }
    if (!cacheControl) {
      b.header("Cache-Control", "no-cache");
    }
    String id = lastEventId;
    if (!id.isEmpty()) {
      b.setHeader("Last-Event-ID", id);
    }
    if (config.customizer() != null) {
      config.customizer().customize(b, attempt, id);
    }
    return b.build();
  }

  /** An attempt ended; decides between reconnecting and closing. */
  private void attemptEnded(Attempt a, Outcome outcome, Throwable cause) {
    long delay;
    synchronized (lock) {
      if (state == ReadyState.CLOSED || current != a) {
        return;
      }
      failureStreak = a.healthy() ? 1 : failureStreak + 1;
      delay = nextDelay();
    }
    boolean reconnect = config.policy().reconnect();
    EventSourceException error = null;
    if (outcome == Outcome.NETWORK) {
      error =
          EventSourceExceptionAccess.create(
              Reason.NETWORK, 0, reconnect, "network error: " + describe(cause), cause);
    } else if (outcome == Outcome.IDLE) {
      error =
          EventSourceExceptionAccess.create(
              Reason.IDLE_TIMEOUT,
              0,
              reconnect,
              "no data for " + config.idleTimeout().toMillis() + " ms",
              null);
    }
    if (!reconnect) {
      fail(error);
      return;
    }
    if (error != null) {
      outbox.publish(Signal.error(error));
    }
    scheduleReconnect(delay);
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

  /** Handles a response that is not a stream to read. */
  private void rejected(Attempt a, HttpResponse.ResponseInfo info, boolean wrongType) {
    int status = info.statusCode();
    if (status == 204) {
      // The server's way of saying "stop": close without an error.
      fail(null);
      return;
    }
    if (wrongType) {
      String type = info.headers().firstValue("Content-Type").orElse("(none)");
      fail(
          EventSourceExceptionAccess.create(
              Reason.CONTENT_TYPE,
              status,
              false,
              "HTTP " + status + " with Content-Type " + type + ", expected text/event-stream",
              null));
      return;
    }
    boolean retryable = (status >= 500 && status <= 599) || status == 429;
    if (!retryable || !config.policy().reconnect() || !config.policy().retryServerErrors()) {
      fail(
          EventSourceExceptionAccess.create(
              Reason.HTTP_STATUS, status, false, "HTTP " + status, null));
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
    long asked = Backoff.retryAfterMillis(info.headers(), Instant.now());
    delay = Math.max(delay, asked);
    outbox.publish(
        Signal.error(
            EventSourceExceptionAccess.create(
                Reason.HTTP_STATUS,
                status,
                true,
                "HTTP " + status + ", retrying in " + delay + " ms",
                null)));
    scheduleReconnect(delay);
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
    while (t.getCause() != null
        && (t instanceof java.util.concurrent.CompletionException || t.getMessage() == null)) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /**
   * One connection attempt: the HTTP exchange, its body subscription and parser, and its idle
   * timer. It ends once ({@link #finished}); anything it hears after that is ignored.
   */
  private final class Attempt
      implements HttpResponse.BodyHandler<Void>,
          HttpResponse.BodySubscriber<Void>,
          EventStreamHandler {
    final int number;
    final AtomicBoolean finished = new AtomicBoolean();
    volatile CompletableFuture<HttpResponse<Void>> exchange;
    volatile Flow.Subscription subscription;
    volatile long lastActivity;
    volatile boolean awaitingBytes;
    volatile long openedAt;
    volatile ScheduledFuture<?> idleTimer;
    // Used only by the thread delivering body signals, one at a time.
    EventStreamParser parser;
    List<Signal> batch;

    Attempt(int number) {
      this.number = number;
    }

    void send(HttpRequest request) {
      lastActivity = System.nanoTime();
      awaitingBytes = true;
      armIdle(idleNanos);
      CompletableFuture<HttpResponse<Void>> f;
      try {
        f = config.client().sendAsync(request, this);
      } catch (RuntimeException e) {
        end(Outcome.NETWORK, e);
        return;
      }
      exchange = f;
      f.whenComplete(
          (response, error) -> {
            if (error != null) {
              end(Outcome.NETWORK, error);
            }
          });
      if (finished.get()) {
        // Closed while sending: make sure the exchange is aborted.
        f.cancel(true);
      }
    }

    boolean healthy() {
      long opened = openedAt;
      return opened != 0 && System.nanoTime() - opened >= healthyNanos;
    }

    /** Ends this attempt for {@code outcome}, aborting the exchange, then tells the engine. */
    void end(Outcome outcome, Throwable cause) {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      stopExchange();
      attemptEnded(this, outcome, cause);
    }

    /** Ends this attempt because the source closed. */
    void abort() {
      if (finished.compareAndSet(false, true)) {
        stopExchange();
      }
    }

    private void stopExchange() {
      ScheduledFuture<?> t = idleTimer;
      if (t != null) {
        t.cancel(false);
      }
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      CompletableFuture<HttpResponse<Void>> f = exchange;
      if (f != null) {
        // Aborts an exchange still waiting for its response headers.
        f.cancel(true);
      }
    }

    // --- idle timer ---

    private void armIdle(long delayNanos) {
      if (idleNanos <= 0 || finished.get()) {
        return;
      }
      idleTimer = Shared.timer().schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkIdle() {
      if (finished.get()) {
        return;
      }
      if (!awaitingBytes) {
        // The consumer is busy; a slow consumer is not an idle server.
        armIdle(idleNanos);
        return;
      }
      long idle = System.nanoTime() - lastActivity;
      if (idle >= idleNanos) {
        end(Outcome.IDLE, null);
      } else {
        armIdle(idleNanos - idle);
      }
    }

    // --- BodyHandler ---

    @Override
    public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
      boolean ok = info.statusCode() == 200;
      boolean wrongType = ok && !isEventStream(info);
      if (!ok || wrongType) {
        if (finished.compareAndSet(false, true)) {
          stopExchangeTimers();
          rejected(this, info, wrongType);
        }
        return new Discarding();
      }
      synchronized (lock) {
        if (state == ReadyState.CLOSED || current != this || finished.get()) {
          return new Discarding();
        }
        state = ReadyState.OPEN;
      }
      openedAt = System.nanoTime();
      outbox.publish(Signal.open(info));
      return this;
    }

    private void stopExchangeTimers() {
      ScheduledFuture<?> t = idleTimer;
      if (t != null) {
        t.cancel(false);
      }
    }

    // --- BodySubscriber ---

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (finished.get()) {
        s.cancel();
        return;
      }
      parser = new EventStreamParser(this, config.limits());
      resume();
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      awaitingBytes = false;
      lastActivity = System.nanoTime();
      if (finished.get()) {
        return;
      }
      batch = new ArrayList<>();
      try {
        for (ByteBuffer b : items) {
          parser.feed(b);
        }
      } catch (SseLimitExceededException | OutOfMemoryError e) {
        // An OutOfMemoryError here is the parser growing a buffer that is within the limits but
        // larger than the heap can hold: the same condition as a limit, and the buffers become
        // garbage as soon as the exchange stops. Failing the source beats a silent hang.
        parser = null;
        List<Signal> read = batch;
        batch = null;
        outbox.publish(read, null);
        if (finished.compareAndSet(false, true)) {
          stopExchange();
          String message =
              e instanceof OutOfMemoryError
                  ? "stream exceeded the available heap while buffering an event (lower SseLimits"
                      + " or raise -Xmx)"
                  : "stream exceeded a limit: " + e.getMessage();
          fail(EventSourceExceptionAccess.create(Reason.LIMIT_EXCEEDED, 0, false, message, e));
        }
        return;
      }
      List<Signal> read = batch;
      batch = null;
      outbox.publish(read, this::resume);
    }

    private void resume() {
      if (finished.get()) {
        return;
      }
      lastActivity = System.nanoTime();
      awaitingBytes = true;
      subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
      end(Outcome.NETWORK, t);
    }

    @Override
    public void onComplete() {
      if (!finished.get()) {
        // Per the spec, an event not ended by a blank line is discarded.
        parser.end();
      }
      end(Outcome.ENDED, null);
    }

    @Override
    public CompletionStage<Void> getBody() {
      // Complete at once so the response future completes with the headers; body errors arrive
      // through onError.
      return CompletableFuture.completedFuture(null);
    }

    // --- EventStreamHandler (called by the parser during onNext) ---

    @Override
    public void onEvent(ServerSentEvent event) {
      if (event.id() != null) {
        lastEventId = event.id();
      }
      if (batch != null) {
        batch.add(Signal.event(event, lastEventId));
      }
    }

    @Override
    public void onLastEventId(String id) {
      lastEventId = id;
    }

    @Override
    public void onRetry(long millis) {
      retryMillis = millis;
    }
  }

  /** Drops a body nobody will read, closing it at once instead of draining it. */
  private static final class Discarding implements HttpResponse.BodySubscriber<Void> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.cancel();
    }

    @Override
    public void onNext(List<ByteBuffer> items) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onComplete() {}

    @Override
    public CompletionStage<Void> getBody() {
      return CompletableFuture.completedFuture(null);
    }
  }
}
