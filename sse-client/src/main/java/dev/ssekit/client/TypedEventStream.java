package dev.ssekit.client;

import dev.ssekit.client.internal.PullCursor;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A blocking iterator over decoded events: {@link EventStream}'s behaviour (reconnects underneath,
 * backpressure to the socket, a clean end or a thrown failure), handing out objects. Events are
 * routed by event name as typed listeners are: only events of the class's name (or of its
 * subtypes', for an interface) are decoded; the others are skipped.
 *
 * <pre>{@code
 * try (TypedEventStream<Token> tokens =
 *     EventSource.builder(uri).endSentinel("[DONE]").events(Token.class)) {
 *   for (Token t : tokens) {
 *     System.out.print(t.text());
 *   }
 * }
 * }</pre>
 *
 * <p>Data that cannot be decoded is thrown from {@link #hasNext()} as an {@link
 * EventSourceException} with reason {@link EventSourceException.Reason#DECODE}, whose {@link
 * EventSourceException#willReconnect()} is true: the stream goes on, and the next call returns the
 * next event. Not thread-safe, except {@link #close()}.
 *
 * @param <T> the class events are decoded into
 */
public final class TypedEventStream<T> implements Iterator<T>, Iterable<T>, AutoCloseable {
  private final PullCursor<T> cursor;

  TypedEventStream(PullCursor<T> cursor) {
    this.cursor = cursor;
  }

  /**
   * Waits for the next decoded event.
   *
   * @return false when the stream has closed cleanly (or this thread was interrupted, which closes
   *     the stream and keeps the interrupt flag set)
   * @throws EventSourceException when a failure closed the source (thrown once), or an event could
   *     not be decoded (the stream goes on)
   */
  @Override
  public boolean hasNext() {
    return cursor.hasNext();
  }

  /**
   * The next decoded event, waiting for it.
   *
   * @throws java.util.NoSuchElementException when the stream has ended
   * @throws EventSourceException as {@link #hasNext()}
   */
  @Override
  public T next() {
    return cursor.next();
  }

  /**
   * Waits up to {@code timeout} for the next decoded event; {@code null} means "none yet" while the
   * stream is open, "none any more" once {@link #isClosed()}.
   *
   * @throws EventSourceException as {@link #hasNext()}
   * @throws InterruptedException if interrupted while waiting
   */
  public T poll(Duration timeout) throws InterruptedException {
    return cursor.poll(timeout);
  }

  /** This stream as an {@link Iterator}; it can be iterated once. */
  @Override
  public Iterator<T> iterator() {
    return this;
  }

  /** A sequential {@link Stream} of the decoded events; closing it closes this stream. */
  public Stream<T> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /** The browser's last event ID as of the object most recently returned; {@code ""} when none. */
  public String lastEventId() {
    return cursor.lastEventId();
  }

  /** As {@link EventStream#onError}: errors after which the stream goes on (reconnects). */
  public TypedEventStream<T> onError(Consumer<? super EventSourceException> listener) {
    cursor.onError(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Why the iteration ended, as {@link EventStream#closeCause()}. */
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
