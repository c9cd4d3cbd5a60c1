package dev.ssekit.client;

import dev.ssekit.client.internal.PullOutbox;
import dev.ssekit.client.internal.Signal;
import dev.ssekit.client.internal.StreamEngine;
import dev.ssekit.core.ServerSentEvent;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A blocking, pull-style view of an event stream: iterate it in one thread, and close it when
 * done. Reconnects happen underneath as configured; a failure that closes the source is thrown from
 * {@link #hasNext()} as an {@link EventSourceException}, and a clean end (a 204, the stream ending
 * without reconnect, or {@link #close()}) ends the iteration.
 *
 * <p>Nothing is buffered beyond one network read: while the consumer does not ask for the next
 * event, no more bytes are read from the connection.
 *
 * <pre>{@code
 * try (EventStream events = EventSource.builder(uri).events()) {
 *   for (ServerSentEvent e : events) {
 *     System.out.println(e.type() + ": " + e.data());
 *   }
 * }
 * }</pre>
 *
 * <p>Not thread-safe, except {@link #close()}, which may be called from any thread.
 */
public final class EventStream implements Iterator<ServerSentEvent>, Iterable<ServerSentEvent>,
    AutoCloseable {
  private final PullOutbox outbox;
  private final StreamEngine engine;
  private ServerSentEvent next;
  private String nextLastEventId;
  private String lastEventId;
  private boolean finished;

  EventStream(PullOutbox outbox, StreamEngine engine, String initialLastEventId) {
    this.outbox = outbox;
    this.engine = engine;
    this.lastEventId = initialLastEventId;
  }

  /**
   * Waits for the next event.
   *
   * @return false when the stream has closed cleanly (or this thread was interrupted, which closes
   *     the stream and keeps the interrupt flag set)
   * @throws EventSourceException when a failure closed the source (thrown once)
   */
  @Override
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

  /**
   * Waits up to {@code timeout} for the next event: returns it, or {@code null} when none arrived
   * in time or the stream has closed cleanly ({@link #isClosed()} tells which).
   *
   * @throws EventSourceException when a failure closed the source (thrown once)
   * @throws InterruptedException if interrupted while waiting
   */
  public ServerSentEvent poll(Duration timeout) throws InterruptedException {
    long nanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
    return poll(nanos) ? next() : null;
  }

  private boolean poll(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (next == null && !finished) {
      long left =
          timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
      Signal s = outbox.next(Math.max(0, left));
      if (s == null) {
        return false;
      }
      switch (s.kind()) {
        case EVENT:
          next = s.event();
          nextLastEventId = s.lastEventId();
          break;
        case ERROR:
          if (!s.error().willReconnect()) {
            finished = true;
            throw s.error();
          }
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

  /** The next event, waiting for it. */
  @Override
  public ServerSentEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the event stream has ended");
    }
    ServerSentEvent e = next;
    next = null;
    lastEventId = nextLastEventId;
    return e;
  }

  /** This stream as an {@link Iterator}; it can be iterated once. */
  @Override
  public Iterator<ServerSentEvent> iterator() {
    return this;
  }

  /** A sequential {@link Stream} of the events; closing it closes this stream. */
  public Stream<ServerSentEvent> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /**
   * The last event ID as of the event most recently returned by {@link #next()} (an {@code id}
   * field in a block without data counts for the next event): {@code ""} when none.
   */
  public String lastEventId() {
    return lastEventId;
  }

  /** The state of the underlying source. */
  public ReadyState readyState() {
    return engine.state();
  }

  /** True once the iteration is over: the stream closed and every event was taken. */
  public boolean isClosed() {
    return finished && next == null;
  }

  /** Closes the connection at once; events not yet taken are dropped. Idempotent. */
  @Override
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
