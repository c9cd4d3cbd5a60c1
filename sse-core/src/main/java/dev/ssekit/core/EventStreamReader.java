package dev.ssekit.core;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Reads {@link ServerSentEvent}s one at a time from a {@code text/event-stream} body, for code that
 * prefers pulling to the callbacks of {@link EventStreamParser}, which it uses underneath with the
 * same rules.
 *
 * <pre>{@code
 * try (EventStreamReader events = new EventStreamReader(body)) {
 *   ServerSentEvent event;
 *   while ((event = events.next()) != null) {
 *     System.out.println(event.type() + ": " + event.data());
 *   }
 *   String resumeFrom = events.lastEventId();
 * }
 * }</pre>
 *
 * <p>{@link #lastEventId()} and {@link #retry()} describe the stream up to the event last returned
 * (and, once {@link #next()} has returned {@code null}, up to the end), even though the reader may
 * have read further ahead. Comments are not reported; use the parser for those. Not thread-safe.
 */
public final class EventStreamReader implements Closeable {
  private static final int BUFFER_SIZE = 8192;

  private final InputStream in;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final EventStreamParser parser;

  /** Stream state as the parser has seen it, possibly ahead of what {@link #next()} returned. */
  private String parsedLastEventId = "";

  private long parsedRetry = -1;
  private String lastEventId = "";
  private long retry = -1;
  private boolean ended;

  /** A reader with {@link SseLimits#DEFAULT default limits}. */
  public EventStreamReader(InputStream in) {
    this(in, SseLimits.DEFAULT);
  }

  /** A reader enforcing {@code limits}. */
  public EventStreamReader(InputStream in, SseLimits limits) {
    this.in = Objects.requireNonNull(in, "in");
    this.parser = new EventStreamParser(new Collector(), limits);
  }

  /**
   * The next event, blocking until it has arrived, or {@code null} once the stream has ended (an
   * unfinished event at the end is discarded, as the standard says).
   *
   * @throws IOException if reading fails
   * @throws SseLimitExceededException if the stream exceeds the limits; the reader is then unusable
   */
  public ServerSentEvent next() throws IOException {
    while (pending.isEmpty()) {
      if (ended) {
        lastEventId = parsedLastEventId;
        retry = parsedRetry;
        return null;
      }
      int n = in.read(buffer);
      if (n < 0) {
        parser.end();
        ended = true;
      } else {
        parser.feed(buffer, 0, n);
      }
    }
    Pending p = pending.poll();
    lastEventId = p.lastEventId();
    retry = p.retry();
    return p.event();
  }

  /**
   * The last event ID as of the event last returned: what a reconnecting client sends as {@code
   * Last-Event-ID}; {@code ""} when none.
   */
  public String lastEventId() {
    return lastEventId;
  }

  /**
   * The reconnection time in milliseconds from the last valid {@code retry} field read so far, as
   * of the event last returned, or {@code -1} when the stream has set none.
   */
  public long retry() {
    return retry;
  }

  /** Closes the underlying stream. */
  @Override
  public void close() throws IOException {
    ended = true;
    pending.clear();
    in.close();
  }

  private record Pending(ServerSentEvent event, String lastEventId, long retry) {}

  private final class Collector implements EventStreamHandler {
    @Override
    public void onEvent(ServerSentEvent event) {
      pending.add(new Pending(event, parsedLastEventId, parsedRetry));
    }

    @Override
    public void onLastEventId(String id) {
      parsedLastEventId = id;
    }

    @Override
    public void onRetry(long millis) {
      parsedRetry = millis;
    }
  }
}
