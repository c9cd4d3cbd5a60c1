package dev.ssekit.client;

import dev.ssekit.client.internal.PullCursor;
import dev.ssekit.core.ServerSentEvent;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A blocking, pull-style view of an event stream: iterate it in one thread, and close it when done.
 * Reconnects happen underneath as configured; a failure that closes the source is thrown from
 * {@link #hasNext()} as an {@link EventSourceException}, and a clean end (a 204, the stream ending
 * without reconnect, the end sentinel, or {@link #close()}) ends the iteration; {@link
 * #closeCause()} then says which.
 *
 * <p>Nothing is buffered beyond one network read: while the consumer does not ask for the next
 * event, no more bytes are read from the connection.
 *
 * <pre>{@code
 * try (EventStream events = EventSource.builder(uri).events()) {
 *   for (ServerSentEvent e : events) {
 *     System.out.println(e.type() + ": " + e.data() + " (last id " + events.lastEventId() + ")");
 *   }
 * }
 * }</pre>
 *
 * <p>For decoded objects instead of raw events, see {@link TypedEventStream}. Not thread-safe,
 * except {@link #close()}, which may be called from any thread.
 */
public final class EventStream
    implements Iterator<ServerSentEvent>, Iterable<ServerSentEvent>, AutoCloseable {
  private final PullCursor<ServerSentEvent> cursor;

  EventStream(PullCursor<ServerSentEvent> cursor) {
    this.cursor = cursor;
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
    return cursor.hasNext();
  }

  /**
   * The next event, waiting for it.
   *
   * @throws java.util.NoSuchElementException when the stream has ended
   * @throws EventSourceException when a failure closed the source (thrown once)
   */
  @Override
  public ServerSentEvent next() {
    return cursor.next();
  }

  /**
   * Waits up to {@code timeout} for the next event. {@code null} means "no event yet" while the
   * stream is open; once {@link #isClosed()} is true it means "no event any more", and {@link
   * #closeCause()} says why.
   *
   * @return the next event, or {@code null} when none arrived within {@code timeout}
   * @throws EventSourceException when a failure closed the source (thrown once; later calls return
   *     {@code null} at once, and {@link #closeCause()} keeps it)
   * @throws InterruptedException if interrupted while waiting
   */
  public ServerSentEvent poll(Duration timeout) throws InterruptedException {
    return cursor.poll(timeout);
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
   * The last event ID as of the event most recently returned, as the browser's {@code
   * MessageEvent.lastEventId} gives it (an {@code id} field in a block without data counts for the
   * next event): {@code ""} when none.
   */
  public String lastEventId() {
    return cursor.lastEventId();
  }

  /**
   * Calls {@code listener} with each error after which the stream goes on (a reconnect, with its
   * {@link EventSourceException#retryDelay()}), in the iterating thread while it waits in {@link
   * #hasNext()}, {@link #next()} or {@link #poll}. Add it before iterating to see every one.
   *
   * @return this stream
   */
  public EventStream onError(Consumer<? super EventSourceException> listener) {
    cursor.onError(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Why the iteration ended: the failure that {@link #hasNext()} threw, the {@link
   * EventSourceException.Reason#NO_CONTENT NO_CONTENT} error of a 204 (the server's "stop", which
   * ends the iteration without a throw), or {@code null} while the stream is open and after an
   * ordinary end ({@link #close()}, the end sentinel, or the stream ending without reconnect).
   */
  public EventSourceException closeCause() {
    return cursor.closeCause();
  }

  /** The state of the underlying source. */
  public ReadyState readyState() {
    return cursor.readyState();
  }

  /** True once the iteration is over: the stream closed and every event was taken. */
  public boolean isClosed() {
    return cursor.isClosed();
  }

  /** Closes the connection at once; events not yet taken are dropped. Idempotent. */
  @Override
  public void close() {
    cursor.close();
  }
}
