package dev.ssekit.client.internal;

import dev.ssekit.client.EventSourceException;
import dev.ssekit.client.EventSourceException.Reason;
import dev.ssekit.client.ReadyState;
import dev.ssekit.core.ServerSentEvent;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The consuming side of a blocking event stream, shared by the public iterators: waits for signals
 * in the caller's thread, hands out each event as converted for the iterator, remembers the last
 * event ID as of the item handed out, and why the stream ended.
 *
 * <p>Not thread-safe, except {@link #close()}: one thread iterates.
 *
 * @param <T> what the iterator hands out
 */
public final class PullCursor<T> {
  private final PullOutbox outbox;
  private final StreamEngine engine;
  private final Function<ServerSentEvent, T> convert;
  private final List<Consumer<? super EventSourceException>> errorListeners =
      new CopyOnWriteArrayList<>();
  private T next;
  private String nextLastEventId;
  private String lastEventId;
  private boolean finished;
  private EventSourceException closeCause;

  /**
   * Starts {@code engine}, which must publish to {@code outbox}.
   *
   * @param convert what to hand out for an event: {@code null} skips the event; an {@link
   *     EventSourceException} it throws is thrown from the waiting call, and the stream goes on
   */
  public PullCursor(PullOutbox outbox, StreamEngine engine, Function<ServerSentEvent, T> convert) {
    this.outbox = outbox;
    this.engine = engine;
    this.convert = convert;
    this.lastEventId = engine.lastEventId();
    engine.start();
  }

  /** Waits for the next item: true when there is one, false when the stream has ended. */
  public boolean hasNext() {
    try {
      return poll(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      finished = true;
      return false;
    }
  }

  /** The next item, waiting for it. */
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the event stream has ended");
    }
    return take();
  }

  /** The next item within {@code timeout}, or {@code null} when none is there yet or any more. */
  public T poll(Duration timeout) throws InterruptedException {
    long nanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
    return poll(nanos) ? take() : null;
  }

  private T take() {
    T t = next;
    next = null;
    lastEventId = nextLastEventId;
    return t;
  }

  private boolean poll(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (next == null && !finished) {
      long left = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
      Signal s = outbox.next(Math.max(0, left));
      if (s == null) {
        return false;
      }
      switch (s.kind()) {
        case EVENT:
          // Converted here, in the consumer's thread: a DECODE failure is thrown to it.
          next = convert.apply(s.event());
          nextLastEventId = s.lastEventId();
          break;
        case ERROR:
          error(s.error());
          break;
        case CLOSED:
          finished = true;
          break;
        default:
          break;
      }
    }
    return next != null;
  }

  private void error(EventSourceException e) {
    if (e.willReconnect()) {
      for (Consumer<? super EventSourceException> l : errorListeners) {
        l.accept(e);
      }
      return;
    }
    finished = true;
    closeCause = e;
    if (e.reason() != Reason.NO_CONTENT) {
      throw e;
    }
  }

  /** Adds a listener for errors after which the stream goes on; called in the iterating thread. */
  public void onError(Consumer<? super EventSourceException> listener) {
    errorListeners.add(listener);
  }

  /** The last event ID as of the item most recently handed out. */
  public String lastEventId() {
    return lastEventId;
  }

  /** Why the stream ended, once it has: see {@code EventStream.closeCause()}. */
  public EventSourceException closeCause() {
    return closeCause;
  }

  /** The state of the underlying stream. */
  public ReadyState readyState() {
    return engine.state();
  }

  /** True once the stream has ended and every item was taken. */
  public boolean isClosed() {
    return finished && next == null;
  }

  /** Closes the connection at once; items not yet taken are dropped. */
  public void close() {
    engine.close();
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
