package dev.ssekit.client.internal;

import dev.ssekit.client.EventSourceException.Reason;
import dev.ssekit.client.internal.ResponsePolicy.Ending;
import dev.ssekit.client.internal.ResponsePolicy.Verdict;
import dev.ssekit.core.EventStreamHandler;
import dev.ssekit.core.EventStreamParser;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseLimitExceededException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection attempt of a {@link StreamEngine}: the HTTP exchange, its body subscription and
 * parser, and its two {@link IdleWatchdog}s (response headers, then the open stream). It reads the
 * body without a thread of its own, one network read at a time, and asks for the next read only
 * once the consumer has taken the last one. It ends once ({@link #finished}) and tells the engine;
 * anything it hears after that is ignored.
 */
final class ConnectionAttempt
    implements HttpResponse.BodyHandler<Void>,
        HttpResponse.BodySubscriber<Void>,
        EventStreamHandler {
  private final StreamEngine engine;
  private final ClientConfig config;
  private final ResponsePolicy policy;
  private final Outbox outbox;
  private final int number;
  private final IdleWatchdog responseWatchdog;
  private final IdleWatchdog watchdog;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile HttpRequest request;
  private volatile int clientIndex = -1;
  private volatile CompletableFuture<HttpResponse<Void>> exchange;
  private volatile Flow.Subscription subscription;
  private volatile long openedAt;
  // Used only by the thread delivering body signals, one at a time.
  private EventStreamParser parser;
  private List<Signal> batch;
  private boolean sentinelSeen;
  // As this connection has set them so far; the engine takes them with each read it delivers.
  private String lastEventId;
  private long retryMillis = -1;

  /** Attempt number {@code number}, whose request sends {@code lastEventId}. */
  ConnectionAttempt(
      StreamEngine engine,
      ClientConfig config,
      ResponsePolicy policy,
      Outbox outbox,
      int number,
      String lastEventId) {
    this.engine = engine;
    this.config = config;
    this.policy = policy;
    this.outbox = outbox;
    this.number = number;
    this.lastEventId = lastEventId;
    this.responseWatchdog =
        new IdleWatchdog(
            config.responseTimeout().toNanos(), () -> end(Ending.RESPONSE_TIMEOUT, null));
    this.watchdog = new IdleWatchdog(config.idleTimeout().toNanos(), () -> end(Ending.IDLE, null));
  }

  /** This attempt's number, counting from 1 for the stream's first. */
  int number() {
    return number;
  }

  /** Whether this attempt has ended, for any reason. */
  boolean isFinished() {
    return finished.get();
  }

  /** Whether the stream was open for at least {@code nanos}, so the attempt counts as healthy. */
  boolean wasOpenFor(long nanos) {
    long opened = openedAt;
    return opened != 0 && System.nanoTime() - opened >= nanos;
  }

  /** The request this attempt sent, or {@code null} before {@link #send}. */
  HttpRequest request() {
    return request;
  }

  /** The number of the default HttpClient that {@link #send} used, or -1 for the user's. */
  int clientIndex() {
    return clientIndex;
  }

  /**
   * Sends {@code request} with {@code client}, number {@code clientIndex} of the default clients
   * (-1 for the user's); the outcome reaches the engine.
   */
  void send(HttpRequest request, HttpClient client, int clientIndex) {
    this.request = request;
    this.clientIndex = clientIndex;
    responseWatchdog.start();
    CompletableFuture<HttpResponse<Void>> f;
    try {
      f = client.sendAsync(request, this);
    } catch (RuntimeException e) {
      end(Ending.NETWORK, e);
      return;
    }
    exchange = f;
    f.whenComplete(
        (response, error) -> {
          if (error != null) {
            end(Ending.NETWORK, error);
          }
        });
    if (finished.get()) {
      // Closed while sending: make sure the exchange is aborted.
      f.cancel(true);
    }
  }

  /** Ends this attempt because the stream closed; the engine is not told. */
  void abort() {
    if (finished.compareAndSet(false, true)) {
      stopExchange();
    }
  }

  /** Ends this attempt for {@code ending}, aborting the exchange, then tells the engine. */
  private void end(Ending ending, Throwable cause) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    stopExchange();
    engine.attemptEnded(this, ending, cause);
  }

  private void stopExchange() {
    responseWatchdog.stop();
    watchdog.stop();
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

  // --- BodyHandler ---

  @Override
  public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
    responseWatchdog.stop();
    Verdict verdict = policy.judge(info);
    if (verdict != Verdict.READ) {
      if (!finished.compareAndSet(false, true)) {
        return new DiscardingBody();
      }
      watchdog.stop();
      if (verdict == Verdict.FAIL && policy.quotesBody(info)) {
        return new ReasonBody(reason -> engine.responseRejected(this, info, verdict, reason));
      }
      engine.responseRejected(this, info, verdict, null);
      return new DiscardingBody();
    }
    openedAt = System.nanoTime();
    if (!engine.attemptOpened(this, info)) {
      return new DiscardingBody();
    }
    return this;
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
    watchdog.start();
    resume();
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    watchdog.bytesArrived();
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
      engine.attemptRead(this, read, lastEventId, retryMillis, null);
      if (finished.compareAndSet(false, true)) {
        stopExchange();
        String message =
            e instanceof OutOfMemoryError
                ? "stream exceeded the available heap while buffering an event (lower SseLimits"
                    + " or raise -Xmx)"
                : "stream exceeded a limit: " + e.getMessage();
        engine.fail(
            this, EventSourceExceptionAccess.create(Reason.LIMIT_EXCEEDED, 0, false, message, e));
      }
      return;
    }
    List<Signal> read = batch;
    batch = null;
    if (sentinelSeen) {
      engine.attemptRead(this, read, lastEventId, retryMillis, null);
      if (finished.compareAndSet(false, true)) {
        stopExchange();
        engine.sentinelSeen(this);
      }
      return;
    }
    engine.attemptRead(this, read, lastEventId, retryMillis, this::resume);
  }

  private void resume() {
    if (finished.get()) {
      return;
    }
    watchdog.awaitingBytes();
    subscription.request(1);
  }

  @Override
  public void onError(Throwable t) {
    end(Ending.NETWORK, t);
  }

  @Override
  public void onComplete() {
    if (!finished.get()) {
      // Per the spec, an event not ended by a blank line is discarded.
      parser.end();
    }
    end(Ending.ENDED, null);
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
    if (sentinelSeen) {
      return; // the rest of the read after the end sentinel
    }
    if (config.endSentinel() != null && config.endSentinel().equals(event.data())) {
      sentinelSeen = true;
      return;
    }
    if (batch != null) {
      batch.add(Signal.event(event, lastEventId));
    }
  }

  @Override
  public void onComment(String comment) {
    if (batch != null && !sentinelSeen && outbox.wantsComments()) {
      batch.add(Signal.comment(comment));
    }
  }

  @Override
  public void onLastEventId(String id) {
    // The parser reports a block's id before its event, so the end sentinel's own id counts; the
    // blocks after it in the same read do not.
    if (!sentinelSeen) {
      lastEventId = id;
    }
  }

  @Override
  public void onRetry(long millis) {
    if (!sentinelSeen) {
      retryMillis = millis;
    }
  }
}
